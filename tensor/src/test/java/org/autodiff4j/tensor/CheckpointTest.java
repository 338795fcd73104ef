package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Gradient checkpointing: same gradients, fewer saved tensors, double backward. */
class CheckpointTest {

    private static final int N = 100;
    private static final int SEGMENT = 10;   // sqrt(N) segments of sqrt(N) ops
    private static final Function<Tensor, Tensor> STEP = t -> t.sin();

    private static Tensor chain(Tensor x, int n) {
        Tensor y = x;
        for (int i = 0; i < n; i++) {
            y = STEP.apply(y);
        }
        return y;
    }

    /**
     * Bytes of distinct storage arrays held as inputs by the nodes reachable from {@code out}: what
     * the graph keeps alive for the backward pass.
     */
    static long savedBytes(Tensor out) {
        Set<Object> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> todo = new ArrayDeque<>(List.of(out));
        long bytes = 0;
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (!seen.add(t) || t.node() == null || t.node().inputs() == null) {
                continue;
            }
            for (Tensor x : t.node().inputs()) {
                Object storage = x.f64 != null ? x.f64 : x.f32;
                if (arrays.add(storage)) {
                    bytes += x.f64 != null ? 8L * x.f64.length : 4L * x.f32.length;
                }
                todo.push(x);
            }
        }
        return bytes;
    }

    @Test
    void sqrtNSegmentsSaveSqrtNTensorsAndGiveTheSameGradient() {
        Tensor x0 = Tensor.randn(new SplittableRandom(3), 10_000);
        Tensor plainX = x0.detach().requiresGrad();
        Tensor plain = chain(plainX, N);
        long plainBytes = savedBytes(plain);
        plain.sum().backward();

        long[] peakRecompute = {0};
        int[] calls = {0};
        Function<Tensor, Tensor> segment = t -> {
            calls[0]++;
            Tensor y = chain(t, SEGMENT);
            if (y.tracksGrad()) {   // the recomputation in the backward pass: its graph is alive now
                peakRecompute[0] = Math.max(peakRecompute[0], savedBytes(y));
            }
            return y;
        };
        Tensor cpX = x0.detach().requiresGrad();
        Tensor y = cpX;
        for (int s = 0; s < N / SEGMENT; s++) {
            y = Autograd.checkpoint(segment, y);
        }
        long outerBytes = savedBytes(y);
        y.sum().backward();

        assertThat(cpX.grad().toDoubleArray()).containsExactly(plainX.grad().toDoubleArray());
        assertThat(calls[0]).as("each segment runs twice: forward, then recomputed in backward").isEqualTo(2 * N / SEGMENT);
        long vector = 8L * 10_000;
        assertThat(plainBytes).as("plain chain: one saved input per op").isBetween(N * vector, (N + 1) * vector);
        assertThat(outerBytes).as("checkpointed: one saved input per segment").isBetween(10 * vector, 11 * vector);
        assertThat(peakRecompute[0]).as("one segment's intermediates at a time").isBetween(10 * vector, 11 * vector);
        // Peak during backward: the outer graph plus one recomputed segment, about 2 sqrt(N) vectors instead of N.
        assertThat(outerBytes + peakRecompute[0]).isLessThan(plainBytes / 4);
    }

    @Test
    void doubleBackwardThroughACheckpoint() {
        Tensor x = Tensor.vector(0.3, -1.2, 2).requiresGrad();
        Function<Tensor, Tensor> f = t -> t.pow(3).sin();
        Tensor g = Autograd.grad(List.of(Autograd.checkpoint(f, x).sum()), List.of(x), true).get(0);
        Tensor h = Autograd.grad(List.of(g.sum()), List.of(x), false).get(0);
        Tensor x2 = x.detach().requiresGrad();
        Tensor g2 = Autograd.grad(List.of(f.apply(x2).sum()), List.of(x2), true).get(0);
        Tensor h2 = Autograd.grad(List.of(g2.sum()), List.of(x2), false).get(0);
        assertThat(g.toDoubleArray()).containsExactly(g2.toDoubleArray());
        assertThat(h.toDoubleArray()).containsExactly(h2.toDoubleArray());
        assertThat(TensorAD.hessian(t -> Autograd.checkpoint(f, t).sum(), x).toDoubleArray())
                .containsExactly(TensorAD.hessian(t -> f.apply(t).sum(), x).toDoubleArray());
    }

    @Test
    void parametersPassedAsInputsGetGradientsFromOneRecomputation() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor x = Tensor.randn(rng, 4, 3).requiresGrad();
        Tensor w1 = Tensor.randn(rng, 3, 3).requiresGrad();
        Tensor w2 = Tensor.randn(rng, 3, 3).requiresGrad();
        int[] calls = {0};
        Function<List<Tensor>, Tensor> layer = in -> {
            calls[0]++;
            return in.get(0).matmul(in.get(1)).tanh();
        };
        Tensor y = Autograd.checkpoint(layer, List.of(Autograd.checkpoint(layer, List.of(x, w1)), w2));
        List<Tensor> g = Autograd.grad(List.of(y.square().sum()), List.of(x, w1, w2), false);
        Tensor plain = x.matmul(w1).tanh().matmul(w2).tanh();
        List<Tensor> expected = Autograd.grad(List.of(plain.square().sum()), List.of(x, w1, w2), false);
        for (int j = 0; j < 3; j++) {
            assertThat(g.get(j).toDoubleArray()).as("gradient %d", j).containsExactly(expected.get(j).toDoubleArray());
        }
        assertThat(calls[0]).as("two forward runs, two recomputations").isEqualTo(4);
    }

    @Test
    void edgeCases() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor same = Autograd.checkpoint(t -> t, x);
        assertThat(same).isNotSameAs(x);
        same.mul(3).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(3, 3);
        Tensor constant = Autograd.checkpoint(t -> Tensor.vector(5), x);
        assertThat(constant.toDoubleArray()).containsExactly(5);
        assertThat(Autograd.grad(List.of(constant.sum()), List.of(x), false).get(0).toDoubleArray()).containsExactly(0, 0);
        assertThat(Autograd.checkpoint(Tensor::exp, Tensor.vector(0)).tracksGrad()).isFalse();
        int[] n = {2};
        Tensor flaky = Autograd.checkpoint(t -> t.slice(0, 0, n[0]--), x);
        assertThatThrownBy(() -> flaky.sum().backward()).hasMessageContaining("deterministic");
    }
}
