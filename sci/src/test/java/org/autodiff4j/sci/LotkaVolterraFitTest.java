package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.ValueAndGrad;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.optim.Adam;
import org.autodiff4j.optim.LBFGS;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The example of issue 8: fit the four Lotka-Volterra rates to noisy observations of both species,
 * with gradients through the ODE solver,
 * Adam and L-BFGS from {@code nn}.
 */
class LotkaVolterraFitTest {

    private static final double[] TRUE_RATES = {1.1, 0.4, 0.1, 0.4};
    private static final double[] Y0 = {10, 5};
    private static final double NOISE = 0.2;
    private static final Solver SOLVER = Solver.rk4(10);

    @Test
    void adamThenLbfgsRecoverTheRatesFromNoisyData() {
        double[] times = new double[31];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.5 * k;
        }
        Real[][] clean = Odeint.trajectory(OdeintTest.LOTKA_VOLTERRA, Reals.constants(Y0), Reals.constants(TRUE_RATES),
                times, SOLVER);
        Random rnd = new Random(42);
        double[][] data = new double[times.length][2];
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < 2; i++) {
                data[k][i] = clean[k][i].value() + NOISE * rnd.nextGaussian();
            }
        }
        // The rates are positive: optimize their logarithms, from 30% off the truth.
        double[] start = new double[4];
        for (int i = 0; i < 4; i++) {
            start[i] = Math.log(TRUE_RATES[i] * (i % 2 == 0 ? 0.7 : 1.3));
        }
        Parameter logRates = new Parameter(Tensor.of(start, 4));
        double first = lossAndGradient(logRates, times, data).value();
        // Adam finds the valley quickly and then crawls along it (the rates are strongly correlated);
        // L-BFGS then follows the valley to the minimum.
        Adam adam = new Adam(List.of(logRates), 0.02);
        for (int iter = 0; iter < 100; iter++) {
            logRates.setGrad(Tensor.of(lossAndGradient(logRates, times, data).gradient(), 4));
            adam.step();
        }
        LBFGS lbfgs = new LBFGS(List.of(logRates)).maxIter(100).maxEval(150);
        // step returns the loss before its iterations, as PyTorch's
        lbfgs.step(() -> {
            ValueAndGrad vg = lossAndGradient(logRates, times, data);
            // NOTE: the loss is computed on Reals, not tensors; L-BFGS gets a tensor with the same value
            // and gradient, the linear surrogate g . w + (L - g . w) at the current weights w.
            Tensor g = Tensor.of(vg.gradient(), 4);
            Tensor w = logRates.value();
            double gw = w.detach().mul(g).sum().item();
            return w.mul(g).sum().add(vg.value() - gw);
        });
        double last = lossAndGradient(logRates, times, data).value();
        double[] fitted = logRates.value().toDoubleArray();
        // Noise floor: the expected mean squared error at the truth is NOISE^2 (minus the few degrees of
        // freedom absorbed by the fit); a converged fit sits at or just below it.
        assertThat(last).isLessThan(first / 100).isLessThan(1.5 * NOISE * NOISE);
        for (int i = 0; i < 4; i++) {
            // 62 observations with noise 0.2 on populations of size ~10: a few percent of parameter error.
            assertThat(Math.exp(fitted[i])).as("rate %d", i).isCloseTo(TRUE_RATES[i], within(0.05 * TRUE_RATES[i]));
        }
    }

    private static ValueAndGrad lossAndGradient(Parameter logRates, double[] times, double[][] data) {
        return AD.valueAndGrad(x -> meanSquaredError(x, times, data), logRates.value().toDoubleArray());
    }

    private static Real meanSquaredError(Real[] logRates, double[] times, double[][] data) {
        Real[] rates = new Real[logRates.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = logRates[i].exp();
        }
        Real[][] path = Odeint.trajectory(OdeintTest.LOTKA_VOLTERRA, Reals.constants(Y0), rates, times, SOLVER);
        Real sum = Real.of(0);
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < 2; i++) {
                Real r = path[k][i].sub(data[k][i]);
                sum = sum.add(r.mul(r));
            }
        }
        return sum.div(2 * times.length);
    }
}
