package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine: accumulation, scopes, release, errors, deep graphs, double backward, where's zero gradient. */
class AutogradTest {

    @Test
    void backwardAccumulatesIntoLeavesUntilZeroGrad() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad();
        x.mul(x).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(2, 4, 6);
        x.mul(x).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(4, 8, 12);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
        x.sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(1, 1, 1);
    }

    @Test
    void broadcastingIsUndoneToEachInputsShape() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3, 1).requiresGrad();
        Tensor y = Tensor.vector(10, 20, 30, 40).requiresGrad();
        Tensor s = Tensor.scalar(2).requiresGrad();
        x.mul(y).mul(s).sum().backward();
        assertThat(x.grad().shape()).isEqualTo(Shape.of(3, 1));
        assertThat(x.grad().toDoubleArray()).containsExactly(200, 200, 200);
        assertThat(y.grad().toDoubleArray()).containsExactly(12, 12, 12, 12);
        assertThat(s.grad().item()).isEqualTo(600);
    }

    @Test
    void vectorJacobianProductWithAGivenGradient() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        x.mul(3).backward(Tensor.vector(1, 10));
        assertThat(x.grad().toDoubleArray()).containsExactly(3, 30);
    }

    @Test
    void gradientsKeepTheInputsType() {
        Tensor x = Tensor.vector(1, 2).to(DType.F32).requiresGrad();
        x.mul(x).sum().backward();
        assertThat(x.grad().dtype()).isEqualTo(DType.F32);
        Tensor d = Tensor.vector(1, 2).requiresGrad();
        d.to(DType.F32).mul(2).sum().backward();
        assertThat(d.grad().dtype()).isEqualTo(DType.F64);
        assertThat(d.grad().toDoubleArray()).containsExactly(2, 2);
    }

    @Test
    void theGraphIsReleasedUnlessRetained() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor y = x.exp().sum();
        y.backward(null, true);
        y.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(2 * Math.E, 2 * Math.exp(2));
        assertThat(y.node().released()).isTrue();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sum").hasMessageContaining("retainGraph");
    }

    @Test
    void userMistakesHaveClearErrors() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        assertThatThrownBy(() -> x.mul(2).backward()).hasMessageContaining("[2]").hasMessageContaining("backward(gradient)");
        assertThatThrownBy(() -> x.mul(2).backward(Tensor.ones(3))).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Tensor.ones(2).sum().backward()).hasMessageContaining("requiresGrad");
        assertThatThrownBy(() -> x.mul(2).requiresGrad()).hasMessageContaining("detach()");
        assertThatThrownBy(() -> Autograd.grad(List.of(x.sum()), List.of(Tensor.ones(2)), false))
                .hasMessageContaining("inputs[0]");
    }

    @Test
    @SuppressWarnings("try") // the scopes are entered for their effect, as users write them
    void noGradScopesNestAndRestore() {
        Tensor x = Tensor.vector(1).requiresGrad();
        try (NoGrad outer = NoGrad.enter()) {
            assertThat(x.mul(2).tracksGrad()).isFalse();
            try (NoGrad inner = NoGrad.enter()) {
                assertThat(x.exp().tracksGrad()).isFalse();
            }
            assertThat(x.exp().tracksGrad()).isFalse();
        }
        assertThat(x.exp().tracksGrad()).isTrue();
        Tensor d = x.mul(2).detach();
        assertThat(d.tracksGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
    }

    @Test
    void unreachedInputsGetZerosAndIntermediatesTheirGradient() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor unused = Tensor.vector(5).requiresGrad();
        Tensor h = x.mul(3);
        List<Tensor> g = Autograd.grad(List.of(h.square().sum()), List.of(x, unused, h), false);
        assertThat(g.get(0).toDoubleArray()).containsExactly(18, 36);
        assertThat(g.get(1).toDoubleArray()).containsExactly(0);
        assertThat(g.get(2).toDoubleArray()).containsExactly(6, 12);
        assertThat(x.grad()).isNull();
    }

    @Test
    void deepChainsDoNotOverflowTheStack() {
        Tensor x = Tensor.scalar(0.5).requiresGrad();
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.mul(1.0).add(0.0);
        }
        y.backward();
        assertThat(x.grad().item()).isEqualTo(1);
    }

    @Test
    void hessianEqualsTheClosedForm() {
        // f(x) = x^T A x / 2 + sum(sin x): Hessian (A + A^T)/2 - diag(sin x).
        Tensor a = Tensor.of(new double[] {2, 1, 0}, new double[] {3, 4, 1}, new double[] {0, -1, 5});
        Tensor x = Tensor.vector(0.3, -0.7, 1.1).requiresGrad();
        Tensor f = x.matmul(a).matmul(x).div(2).add(x.sin().sum());
        Tensor g = Autograd.grad(List.of(f), List.of(x), true).get(0);
        for (int i = 0; i < 3; i++) {
            // One row per pass over the same graph: retained, as each pass would otherwise release it.
            Tensor row = Autograd.grad(List.of(g.slice(0, i, i + 1).sum()), null, List.of(x), false, true).get(0);
            for (int j = 0; j < 3; j++) {
                double expected = (a.get(i, j) + a.get(j, i)) / 2 - (i == j ? Math.sin(x.get(i)) : 0);
                assertThat(row.get(j)).as("H[%d][%d]", i, j).isCloseTo(expected, within(1e-14));
            }
        }
    }

    @Test
    void doubleBackwardThroughBackward() {
        // d/dx of |grad(x^3)|^2 / 2 = 9 x^4 / 2 ... its derivative is 18 x^3.
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor g = Autograd.grad(List.of(x.pow(3).sum()), List.of(x), true).get(0);
        assertThat(g.tracksGrad()).isTrue();
        g.square().sum().div(2).backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(18, 144);
    }

    @Test
    void whereGivesTheUnselectedBranchAnExactZeroGradient() {
        Tensor x = Tensor.vector(-1, 0, 4).requiresGrad();
        Tensor y = Tensor.where(x.gt(0), x.sqrt(), x.scalarLike(0));   // sqrt(-1) = NaN, sqrt'(0) = inf
        assertThat(y.toDoubleArray()).containsExactly(0, 0, 2);
        Tensor g = Autograd.grad(List.of(y.sum()), List.of(x), true).get(0);
        assertThat(g.toDoubleArray()).containsExactly(0, 0, 0.25);
        Tensor h = Autograd.grad(List.of(g.sum()), List.of(x), false).get(0);
        assertThat(h.toDoubleArray()).containsExactly(0, 0, -1.0 / 32);

        Tensor a = Tensor.vector(Double.NaN, 1, Double.POSITIVE_INFINITY).requiresGrad();
        Tensor b = Tensor.vector(7, Double.NaN, 9).requiresGrad();
        Tensor.where(Tensor.vector(0, 1, 0), a.mul(a), b.log()).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(0, 2, 0);
        assertThat(b.grad().toDoubleArray()).containsExactly(1.0 / 7, 0, 1.0 / 9);
    }

    @Test
    void aTransposedMatrixGetsADenseGradientWithTheBitsOfThePlainProduct() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (DType dtype : DType.values()) {
            // 300 rows: the sum over them spans more than one block of the GEMM's inner dimension
            Tensor x = Tensor.randn(rng, 300, 50).to(dtype);
            Tensor w = Tensor.randn(rng, 40, 50).to(dtype).requiresGrad();
            Tensor g = Tensor.randn(rng, 300, 40).to(dtype);
            x.matmul(w.mT()).backward(g);
            assertThat(w.grad().isContiguous()).as("%s gradient of W in x W^T is dense", dtype).isTrue();
            assertSameBits(w.grad(), x.mT().matmul(g).mT(), dtype + " W in x W^T");

            Tensor a = Tensor.randn(rng, 50, 300).to(dtype).requiresGrad();
            Tensor b = Tensor.randn(rng, 50, 40).to(dtype);
            a.mT().matmul(b).backward(g);
            assertThat(a.grad().isContiguous()).as("%s gradient of A in A^T B is dense", dtype).isTrue();
            assertSameBits(a.grad(), g.matmul(b.mT()).mT(), dtype + " A in A^T B");
        }
    }

    private static void assertSameBits(Tensor actual, Tensor expected, String what) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double[] e = expected.toDoubleArray();
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertThat(Double.doubleToLongBits(got[i])).as("%s at %d: %s vs %s", what, i, got[i], e[i])
                    .isEqualTo(Double.doubleToLongBits(e[i]));
        }
    }
}
