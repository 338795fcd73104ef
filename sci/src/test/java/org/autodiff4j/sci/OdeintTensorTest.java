package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.autodiff4j.tensor.Autograd;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OdeintTensorTest {

    /** y' = -k y elementwise. */
    static final TensorOdeFn DECAY = (t, y, p) -> y.mul(p[0]).neg();

    @Test
    void vectorDecayBothWaysMatchesTheClosedForm() {
        double[] y0 = {1, 2, 0.5}, k = {0.3, 1.0, 2.0};
        double t1 = 1.5;
        for (Solver solver : new Solver[] {Solver.rk4(300), Solver.dopri5(1e-11, 1e-13)}) {
            Tensor y0t = Tensor.vector(y0).requiresGrad();
            Tensor kt = Tensor.vector(k).requiresGrad();
            Tensor y1 = Odeint.solve(DECAY, y0t, new Tensor[] {kt}, 0, t1, solver);
            List<Tensor> bp = Autograd.grad(List.of(y1.sum()), List.of(y0t, kt), false);
            TensorOdeGradient adj = Odeint.adjoint(DECAY, Tensor.vector(y0), new Tensor[] {Tensor.vector(k)}, 0, t1,
                    Tensor::sum, solver);
            for (int i = 0; i < 3; i++) {
                double e = Math.exp(-k[i] * t1);
                // RK4 with k h <= 0.01: relative error ~ (k h)^4 k t1 / 120 < 1e-9
                assertThat(y1.toDoubleArray()[i]).isCloseTo(y0[i] * e, within(1e-9));
                assertThat(bp.get(0).toDoubleArray()[i]).isCloseTo(e, within(1e-9));
                assertThat(bp.get(1).toDoubleArray()[i]).isCloseTo(-t1 * y0[i] * e, within(1e-9));
                assertThat(adj.initialStateGradient().toDoubleArray()[i]).isCloseTo(e, within(1e-9));
                assertThat(adj.parameterGradients().get(0).toDoubleArray()[i]).isCloseTo(-t1 * y0[i] * e, within(1e-9));
            }
        }
    }

    @Test
    void tensorLotkaVolterraAgreesWithTheRealVersion() {
        // p[0] = [a, b, d, g] as one tensor; the same system as OdeintTest.LOTKA_VOLTERRA.
        TensorOdeFn lv = (t, y, p) -> {
            Tensor x = y.slice(0, 0, 1), z = y.slice(0, 1, 2);
            Tensor a = p[0].slice(0, 0, 1), b = p[0].slice(0, 1, 2), d = p[0].slice(0, 2, 3), g = p[0].slice(0, 3, 4);
            return Tensor.cat(0, x.mul(a).sub(x.mul(z).mul(b)), x.mul(z).mul(d).sub(z.mul(g)));
        };
        double[] y0 = {1.0, 0.5}, p = {1.1, 0.4, 0.1, 0.4};
        Solver solver = Solver.rk4(1000);
        TensorOdeGradient adj = Odeint.adjoint(lv, Tensor.vector(y0), new Tensor[] {Tensor.vector(p)}, 0, 5,
                y -> y.square().sum(), solver);
        OdeGradient ref = Odeint.adjoint(OdeintTest.LOTKA_VOLTERRA, y0, p, 0, 5, y -> y[0].mul(y[0]).add(y[1].mul(y[1])),
                solver);
        assertThat(adj.loss()).isCloseTo(ref.loss(), within(1e-12 * ref.loss()));
        for (int i = 0; i < 4; i++) {
            double r = ref.parameterGradient()[i];
            // the same arithmetic in another order: rounding only
            assertThat(adj.parameterGradients().get(0).toDoubleArray()[i]).isCloseTo(r, within(1e-10 * (1 + Math.abs(r))));
        }
    }
}
