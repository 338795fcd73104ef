package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.autodiff4j.tensor.Autograd;
import org.autodiff4j.tensor.Linalg;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ImplicitTensorTest {

    @Test
    void elementwiseSquareRoots() {
        double[] t = {0.5, 1, 4, 9, 30};
        Tensor theta = Tensor.vector(t).requiresGrad();
        Tensor r = Implicit.root((x, th) -> x.square().sub(th[0]), Tensor.vector(1, 1, 1, 1, 1), theta);
        Tensor g = Autograd.grad(List.of(r.sum()), List.of(theta), false).get(0);
        double[] rv = r.toDoubleArray(), gv = g.toDoubleArray();
        for (int i = 0; i < t.length; i++) {
            assertThat(rv[i]).isCloseTo(Math.sqrt(t[i]), within(1e-14 * Math.sqrt(t[i])));
            assertThat(gv[i]).isCloseTo(0.5 / Math.sqrt(t[i]), within(1e-14 / Math.sqrt(t[i])));
        }
    }

    @Test
    void linearSystemAgreesWithDifferentiatingTheDirectSolve() {
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 4;
        Tensor a = Tensor.randn(rnd, n, n).add(Tensor.eye(n).mul(4)).requiresGrad();
        Tensor b = Tensor.randn(rnd, n, 1).requiresGrad();
        Tensor w = Tensor.randn(rnd, n, 1);
        Tensor implicit = Implicit.root((x, th) -> th[0].matmul(x).sub(th[1]), Tensor.zeros(n, 1), a, b);
        List<Tensor> gi = Autograd.grad(List.of(implicit.mul(w).sum()), List.of(a, b), false);
        Tensor direct = Linalg.solve(a, b);
        List<Tensor> gd = Autograd.grad(List.of(direct.mul(w).sum()), List.of(a, b), false);
        assertClose(implicit.toDoubleArray(), direct.toDoubleArray());
        assertClose(gi.get(0).toDoubleArray(), gd.get(0).toDoubleArray());
        assertClose(gi.get(1).toDoubleArray(), gd.get(1).toDoubleArray());
    }

    private static void assertClose(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            // a well-conditioned 4 x 4 system (diagonal shift 4): both solves are accurate to ~1e-15
            assertThat(x[i]).isCloseTo(y[i], within(1e-12));
        }
    }

    @Test
    void fixedPointAgreesWithUnrolledIteration() {
        // x = tanh(W x + b): a contraction for |W| small (spectral norm < 1)
        SplittableRandom rnd = new SplittableRandom(21);
        int n = 5;
        Tensor w = Tensor.randn(rnd, n, n).mul(0.15).requiresGrad();
        Tensor b = Tensor.randn(rnd, n, 1).requiresGrad();
        TensorEquation g = (x, th) -> th[0].matmul(x).add(th[1]).tanh();
        Tensor implicit = Implicit.fixedPoint(g, Tensor.zeros(n, 1), w, b);
        List<Tensor> gi = Autograd.grad(List.of(implicit.square().sum()), List.of(w, b), false);
        Tensor x = Tensor.zeros(n, 1);
        for (int k = 0; k < 200; k++) {
            x = g.apply(x, new Tensor[] {w, b});
        }
        List<Tensor> gu = Autograd.grad(List.of(x.square().sum()), List.of(w, b), false);
        assertClose(implicit.toDoubleArray(), x.toDoubleArray());
        // ‖W‖ is about 0.15 * 2 sqrt(5) = 0.67 and tanh' <= 1: after 200 iterations the unrolled error is ~0.67^200
        assertClose(gi.get(0).toDoubleArray(), gu.get(0).toDoubleArray());
        assertClose(gi.get(1).toDoubleArray(), gu.get(1).toDoubleArray());
    }
}
