package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.autodiff4j.check.GradCheck;
import org.junit.jupiter.api.Test;

/** User-supplied derivatives (custom gradients) and the straight-through estimator, in every mode. */
class CustomGradientTest {

    /** A "black box" for hypot and atan2 with its hand-written vector-Jacobian product. */
    private static final CustomFn POLAR = new CustomFn() {
        @Override
        public double[] value(double[] x) {
            return new double[] {Math.hypot(x[0], x[1]), Math.atan2(x[1], x[0])};
        }

        @Override
        public double[] vjp(double[] x, double[] y, double[] w) {
            double r2 = x[0] * x[0] + x[1] * x[1];
            return new double[] {
                w[0] * x[0] / y[0] - w[1] * x[1] / r2,
                w[0] * x[1] / y[0] + w[1] * x[0] / r2
            };
        }
    };

    private static final ScalarFn USES_POLAR = x -> {
        Real[] p = AD.customGradient(POLAR, x[0], x[1].mul(2));
        return p[0].mul(p[1].sin()).add(x[0]);
    };

    @Test
    void aCustomBlockIsDifferentiatedThroughItsVjpInEveryMode() {
        double[] x = {0.6, -0.9};
        GradCheck.gradient(USES_POLAR, x).requirePassed();
        double[] reverse = AD.grad(USES_POLAR, x);
        double[] forward = AD.jacfwd(a -> new Real[] {USES_POLAR.apply(a)}, x)[0];
        assertThat(forward).containsExactly(reverse, within(1e-14));
        // the value is the block's value exactly
        Real[] p = AD.customGradient(POLAR, Dual.variable(0.6), Dual.constant(-1.8));
        assertThat(p[0].value()).isEqualTo(Math.hypot(0.6, -1.8));
        assertThat(((Dual) p[0]).tangent()).isCloseTo(0.6 / Math.hypot(0.6, -1.8), within(1e-15));
    }

    @Test
    void theScalarFormTakesAValueAndAGradient() {
        ScalarFn f = x -> AD.customGradient(v -> v[0] * v[0] * v[1], v -> new double[] {2 * v[0] * v[1], v[0] * v[0]}, x[0], x[1]);
        assertThat(AD.grad(f, 3, 2)).containsExactly(12, 9);
    }

    @Test
    void badBlocksAndSecondOrderUseAreClearErrors() {
        CustomFn wrongLength = new CustomFn() {
            @Override
            public double[] value(double[] x) {
                return new double[] {x[0]};
            }

            @Override
            public double[] vjp(double[] x, double[] y, double[] w) {
                return new double[] {1, 2, 3};
            }
        };
        assertThatThrownBy(() -> AD.grad(x -> AD.customGradient(wrongLength, x)[0], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3, expected length 1");
        assertThatThrownBy(() -> AD.hessian(USES_POLAR, 0.6, -0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first derivatives only");
    }

    @Test
    void straightThroughHasTheValueOfTheStepAndDerivativeOne() {
        UnaryFn[] steps = {Real::round, Real::floor, Real::sign, Real::ceil};
        for (UnaryFn step : steps) {
            for (double x : new double[] {-1.7, -0.2, 0.4, 2.5, 3.6}) {
                assertThat(AD.grad(a -> AD.straightThrough(a[0], step), x)).containsExactly(1);
                assertThat(AD.derivative(a -> AD.straightThrough(a, step), x)).isEqualTo(1);
                assertThat(AD.valueAndGrad(a -> AD.straightThrough(a[0], step), x).value())
                        .isEqualTo(step.apply(Real.of(x)).value());
            }
        }
        // through the chain rule: d/dx [round(x) * x] with the estimator = round(x) + x
        assertThat(AD.grad(a -> AD.straightThrough(a[0], Real::round).mul(a[0]), 1.3)[0]).isCloseTo(2.3, within(1e-15));
    }
}
