package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.autodiff4j.tensor.LinalgTest.assertClose;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The functional transforms against closed forms and against each other. */
class TensorADTest {

    private static final Tensor A = Tensor.of(new double[] {2, 1, 0}, new double[] {3, 4, 1}, new double[] {0, -1, 5});
    private static final Tensor X = Tensor.vector(0.3, -0.7, 1.1);
    private static final Tensor U = Tensor.vector(1, -2, 0.5);
    private static final Tensor V = Tensor.vector(0.25, 3, -1);
    private static final Function<Tensor, Tensor> CUBES = x -> x.pow(3).sum();
    private static final Function<Tensor, Tensor> MIXED = x -> x.sin().mul(x.square().sum()).add(A.matmul(x.exp()));

    @Test
    void closedForms() {
        assertClose(TensorAD.grad(CUBES, X), X.square().mul(3), 1e-15);
        assertClose(TensorAD.hessian(CUBES, X), diag(X.mul(6)), 1e-14);
        assertClose(TensorAD.hvp(CUBES, X, V), X.mul(V).mul(6), 1e-14);
        Function<Tensor, Tensor> linear = x -> A.matmul(x);
        assertClose(TensorAD.jacobian(linear, X), A, 0);
        assertClose(TensorAD.jvp(linear, X, U), A.matmul(U), 1e-15);
        assertClose(TensorAD.vjp(linear, X, V), A.mT().matmul(V), 1e-15);
        assertClose(TensorAD.hessian(x -> x.matmul(A).matmul(x), X), A.add(A.mT()), 1e-14);
        assertClose(TensorAD.jvp(Tensor::sin, X, U), X.cos().mul(U), 1e-15);
    }

    @Test
    void transformsAgreeWithEachOther() {
        Tensor j = TensorAD.jacobian(MIXED, X);
        assertThat(j.shape()).isEqualTo(Shape.of(3, 3));
        assertClose(TensorAD.jvp(MIXED, X, U), j.matmul(U), 1e-14);
        assertClose(TensorAD.vjp(MIXED, X, V), V.matmul(j), 1e-14);
        Function<Tensor, Tensor> scalar = x -> MIXED.apply(x).mul(V).sum().tanh();
        Tensor h = TensorAD.hessian(scalar, X);
        assertClose(h, h.mT(), 1e-14);
        assertClose(h, TensorAD.jacobian(x -> TensorAD.grad(scalar, x), X), 1e-15);
        assertClose(TensorAD.hvp(scalar, X, U), h.matmul(U), 1e-14);
        assertClose(TensorAD.jvp(x -> TensorAD.grad(scalar, x), X, U), h.matmul(U), 1e-14);
    }

    @Test
    void matrixInputsKeepTheirShapes() {
        Tensor m = Tensor.of(new double[] {2, 1}, new double[] {0.5, 3});
        Tensor g = TensorAD.grad(Linalg::det, m);
        assertClose(g, Linalg.inv(m).mT().mul(Linalg.det(m)), 1e-15);
        Tensor j = TensorAD.jacobian(x -> x.mul(2), m);
        assertThat(j.shape()).isEqualTo(Shape.of(2, 2, 2, 2));
        assertThat(j.get(1, 0, 1, 0)).isEqualTo(2);
        assertThat(j.get(1, 0, 0, 1)).isEqualTo(0);
    }

    @Test
    @SuppressWarnings("try") // the scope is entered for its effect, as users write it
    void transformsNestAndLeaveGradAlone() {
        // d/dx sum(grad(sum x^3)) = d/dx sum(3 x^2) = 6 x.
        assertClose(TensorAD.grad(x -> TensorAD.grad(CUBES, x).sum(), X), X.mul(6), 1e-14);
        // Third derivative of sum x^4 along u, twice: 24 x u^2.
        Function<Tensor, Tensor> quartic = x -> x.pow(4).sum();
        Tensor third = TensorAD.jvp(x -> TensorAD.hvp(quartic, x, U), X, U);
        assertClose(third, X.mul(U).mul(U).mul(24), 1e-13);
        Tensor x = X.detach().requiresGrad();
        TensorAD.grad(CUBES, x);
        assertThat(x.grad()).isNull();
        try (NoGrad off = NoGrad.enter()) {
            assertClose(TensorAD.grad(CUBES, X), X.square().mul(3), 1e-15);
        }
        assertClose(TensorAD.grad(t -> A.sum(), X), Tensor.zeros(3), 0);
        assertClose(TensorAD.jvp(t -> A, X, U), Tensor.zeros(3, 3), 0);
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> TensorAD.grad(x -> x, X)).hasMessageContaining("scalar").hasMessageContaining("[3]");
        assertThatThrownBy(() -> TensorAD.jvp(Tensor::sin, X, Tensor.zeros(2))).hasMessageContaining("[2]")
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> TensorAD.vjp(Tensor::sin, X, Tensor.zeros(2))).hasMessageContaining("[2]");
        assertThatThrownBy(() -> TensorAD.grad(x -> null, X)).hasMessageContaining("returned null");
    }

    private static Tensor diag(Tensor v) {
        return Tensor.eye(v.size()).mul(v);
    }
}
