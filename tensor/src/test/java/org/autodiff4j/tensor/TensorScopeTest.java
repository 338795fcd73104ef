package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.autodiff4j.tensor.RecyclingTest.assertSameValues;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * {@link TensorScope}: the values and gradients computed in a scope are those computed without one,
 * however often its memory is reused; a released tensor fails clearly; what is kept, escaped, created
 * before or {@linkplain TensorScope#outside outside} the scope keeps its values while later scopes
 * reuse the memory around it. The tensors are large enough (3000 elements) for their arrays to be pooled.
 */
class TensorScopeTest {

    static final int N = 4096;

    static Tensor rosenbrock(Tensor x) {
        Tensor a = x.slice(0, 0, N - 1);
        Tensor b = x.slice(0, 1, N);
        return b.sub(a.square()).square().mul(100).add(a.sub(1).square()).sum();
    }

    static double[] uniform(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextDouble(-2, 2);
        }
        return d;
    }

    @Test
    void randomGraphsInScopesGiveTheGradientsOfUnscopedPasses() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int graph = 0; graph < 30; graph++) {
            long seed = rng.nextLong();
            Tensor x = RecyclingTest.random(rng).requiresGrad();
            Tensor y = RecyclingTest.random(rng).requiresGrad();
            double[] xValues = x.toDoubleArray();
            double[] yValues = y.toDoubleArray();
            RecyclingTest.randomGraph(new SplittableRandom(seed), x, y).backward();
            Tensor gx = x.grad();
            Tensor gy = y.grad();
            for (int pass = 0; pass < 3; pass++) {
                x.zeroGrad();
                y.zeroGrad();
                try (TensorScope scope = TensorScope.open()) {
                    RecyclingTest.randomGraph(new SplittableRandom(seed), x, y).backward();
                }
                assertSameValues(x.grad(), gx, "graph " + graph + ", pass " + pass + ", d/dx");
                assertSameValues(y.grad(), gy, "graph " + graph + ", pass " + pass + ", d/dy");
                assertThat(x.toDoubleArray()).isEqualTo(xValues);
                assertThat(y.toDoubleArray()).isEqualTo(yValues);
            }
        }
    }

    @Test
    void theNextIterationComputesIntoTheArraysTheScopeGaveBack() {
        Tensor x = Tensor.of(uniform(1, N), N).requiresGrad();
        Set<Object> first = identitySet();
        try (TensorScope scope = TensorScope.open()) {
            Tensor a = x.slice(0, 0, N - 1);
            Tensor s = a.square();
            Tensor d = x.slice(0, 1, N).sub(s);
            first.add(s.storage());
            first.add(d.storage());
            d.square().sum().backward();
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor s = x.slice(0, 0, N - 1).square();
            Tensor d = x.slice(0, 1, N).sub(s);
            assertThat(first).as("arrays of the first iteration's intermediates").contains(s.storage(), d.storage());
        }
        try (TensorScope scope = TensorScope.open()) {
            double f = rosenbrock(x).item();
            assertThat(f).isEqualTo(rosenbrock(x.detach()).item());
        }
    }

    @Test
    void rosenbrockGradientsStayExactAcrossIterations() {
        double[] values = uniform(2, N);
        Tensor x = Tensor.of(values, N).requiresGrad();
        rosenbrock(x).backward();
        double[] expected = x.grad().toDoubleArray();
        for (int step = 0; step < 5; step++) {
            x.zeroGrad();
            double f;
            try (TensorScope scope = TensorScope.open()) {
                Tensor loss = rosenbrock(x);
                loss.backward();
                f = loss.item();
            }
            assertThat(x.grad().toDoubleArray()).as("step " + step).isEqualTo(expected);
            assertThat(f).isEqualTo(rosenbrock(Tensor.of(values, N)).item());
        }
    }

    @Test
    void aReleasedTensorFailsClearlyAndSaysHowToKeepIt() {
        Tensor x = Tensor.of(uniform(3, N), N);
        Tensor y;
        Tensor small;
        try (TensorScope scope = TensorScope.open()) {
            y = x.mul(2);
            small = x.slice(0, 0, 3).add(1);
        }
        for (Tensor t : List.of(y, small)) {
            assertThatThrownBy(t::item).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> t.add(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released when the TensorScope it was created in closed")
                    .hasMessageContaining("TensorScope.keep").hasMessageContaining("shape " + t.shape());
            assertThatThrownBy(t::toDoubleArray).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> t.unsqueeze(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(t::detach).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> TensorScope.escape(t)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(x.toDoubleArray()).isEqualTo(uniform(3, N));
    }

    @Test
    void keptTensorsSurviveWhileLaterScopesReuseMemoryButTheirViewsAreReleased() {
        double[] values = uniform(4, N);
        Tensor x = Tensor.of(values, N);
        Tensor kept;
        Tensor view;
        Tensor keptView;
        try (TensorScope scope = TensorScope.open()) {
            Tensor t = x.mul(3).add(1);
            kept = scope.keep(t.exp().log());
            view = kept.reshape(64, 64);
            keptView = scope.keep(t.mul(2).reshape(64, 64));   // keeps the storage of t.mul(2) too
            t.square();
        }
        churn(x);
        assertThat(kept.toDoubleArray()).isEqualTo(x.mul(3).add(1).exp().log().toDoubleArray());
        assertThat(keptView.toDoubleArray()).isEqualTo(x.mul(3).add(1).mul(2).toDoubleArray());
        assertThatThrownBy(view::toDoubleArray).as("a view made in the scope and not kept")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTensorKeptFromAnInnerScopeBelongsToTheOuterOne() {
        Tensor x = Tensor.of(uniform(5, N), N);
        Tensor inner;
        Tensor outer;
        try (TensorScope a = TensorScope.open()) {
            try (TensorScope b = TensorScope.open()) {
                inner = b.keep(x.mul(2));
            }
            assertThat(inner.toDoubleArray()).isEqualTo(x.mul(2).toDoubleArray());
            outer = a.keep(inner.add(1));
        }
        assertThatThrownBy(inner::item).isInstanceOf(IllegalStateException.class);
        churn(x);
        assertThat(outer.toDoubleArray()).isEqualTo(x.mul(2).add(1).toDoubleArray());
    }

    @Test
    void gradientsOfLeavesAndOfHooksOutliveTheScope() {
        double[] values = uniform(6, N);
        Tensor leafBefore = Tensor.of(values, N).requiresGrad();
        List<Tensor> hooked = new ArrayList<>();
        Tensor leafInside;
        try (TensorScope scope = TensorScope.open()) {
            leafInside = scope.keep(Tensor.of(values, N).requiresGrad());
            Tensor h = leafBefore.mul(leafInside);
            h.registerHook(g -> {
                hooked.add(g);
                return g;
            });
            h.square().sum().backward();
        }
        churn(Tensor.of(values, N));
        Tensor v = Tensor.of(values, N);
        Tensor dh = v.mul(v).mul(2);
        assertThat(hooked.getFirst().toDoubleArray()).isEqualTo(dh.toDoubleArray());
        assertThat(leafBefore.grad().toDoubleArray()).isEqualTo(dh.mul(v).toDoubleArray());
        assertThat(leafInside.grad().toDoubleArray()).isEqualTo(dh.mul(v).toDoubleArray());
    }

    @Test
    void whatIsCreatedOutsideOrEscapedKeepsTheMemoryItShares() {
        double[] values = uniform(7, N);
        Tensor x = Tensor.of(values, N);
        Tensor[] made = new Tensor[2];
        Tensor escaped;
        try (TensorScope scope = TensorScope.open()) {
            Tensor inScope = x.mul(5);
            TensorScope.outside(() -> {
                made[0] = inScope.reshape(64, 64);   // a view of an array the scope computed
                made[1] = inScope.add(1);
            });
            escaped = TensorScope.escape(x.mul(7).reshape(64, 64));
        }
        churn(x);
        assertThat(made[0].toDoubleArray()).isEqualTo(x.mul(5).toDoubleArray());
        assertThat(made[1].toDoubleArray()).isEqualTo(x.mul(5).add(1).toDoubleArray());
        assertThat(escaped.toDoubleArray()).isEqualTo(x.mul(7).toDoubleArray());
        TensorScope.outside(() -> made[1] = x.add(2));   // with no scope open it just runs
        assertThat(made[1].toDoubleArray()).isEqualTo(x.add(2).toDoubleArray());
    }

    @Test
    void aScopeOpenedOutsideHandsWhatItKeepsToNoScope() {
        Tensor x = Tensor.of(uniform(10, N), N);
        Tensor[] kept = new Tensor[1];
        try (TensorScope scope = TensorScope.open()) {
            TensorScope.outside(() -> {
                try (TensorScope inner = TensorScope.open()) {
                    kept[0] = inner.keep(x.mul(3));
                    x.mul(4);
                }
            });
        }
        churn(x);
        assertThat(kept[0].toDoubleArray()).isEqualTo(x.mul(3).toDoubleArray());
    }

    @Test
    void aBackwardPassAfterTheScopeClosedFailsClearly() {
        Tensor x = Tensor.of(uniform(8, N), N).requiresGrad();
        Tensor loss;
        try (TensorScope scope = TensorScope.open()) {
            loss = scope.keep(x.square().exp().sum());
        }
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released when the TensorScope");
    }

    @Test
    void misuseIsRefusedWithAReason() {
        Tensor x = Tensor.of(uniform(9, 8), 8);
        TensorScope outer = TensorScope.open();
        Tensor u = x.add(2);
        TensorScope inner = TensorScope.open();
        Tensor t = x.add(1);
        assertThatThrownBy(() -> inner.keep(u)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to another TensorScope, one enclosing this one");
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("opened inside this one is still open");
        assertThatThrownBy(() -> outer.keep(t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to another TensorScope, one opened inside this one");
        assertThatThrownBy(() -> inner.keep(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("keep");
        CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(inner::close);
        assertThatThrownBy(elsewhere::get).isInstanceOf(ExecutionException.class)
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be closed on the thread that opened it (" + Thread.currentThread().getName());
        inner.close();
        inner.close();   // twice does nothing
        assertThatThrownBy(() -> inner.keep(t)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        outer.close();
        assertThat(TensorScope.anyOpen()).isFalse();
        assertThat(t.toString()).isEqualTo("tensor(released by its TensorScope, shape=[8], dtype=F64)");
        assertThat(x.add(1).toDoubleArray()).hasSize(8);
    }

    /** Fills the pool's arrays with other values: several scopes computing tensors of N elements. */
    static void churn(Tensor like) {
        for (int k = 0; k < 4; k++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor t = like.mul(-17).add(k);
                for (int j = 0; j < 6; j++) {
                    t = t.mul(1.5).sub(j);
                }
            }
        }
    }

    private static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
