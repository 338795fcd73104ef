package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The documented conventions at non-differentiable points and in the tails, in every mode
 * ({@link Modes#ALL}); the expected numbers come from the conventions, not from the code.
 */
class ConventionsTest {

    @Test
    void absAndReluHaveDerivativeZeroAtZero() {
        assertPartials(Op.ABS, new double[] {0}, 0, 0);
        assertPartials(Op.RELU, new double[] {0}, 0, 0);
        assertPartials(Op.RELU, new double[] {1e-300}, 1e-300, 1);
        assertPartials(Op.RELU, new double[] {-1e-300}, 0, 0);
    }

    @Test
    void stepsHaveDerivativeZeroEverywhereIncludingTheirJumps() {
        assertPartials(Op.SIGN, new double[] {0}, 0, 0);
        assertPartials(Op.FLOOR, new double[] {2}, 2, 0);
        assertPartials(Op.CEIL, new double[] {-1}, -1, 0);
        assertPartials(Op.ROUND, new double[] {2.5}, 2, 0); // halves to even
        assertPartials(Op.ROUND, new double[] {3.5}, 4, 0);
    }

    @Test
    void maxAndMinSplitTheGradientEvenlyAtATie() {
        assertPartials(Op.MAX, new double[] {1.5, 1.5}, 1.5, 0.5, 0.5);
        assertPartials(Op.MIN, new double[] {-2, -2}, -2, 0.5, 0.5);
        assertPartials(Op.MAX, new double[] {2, 1}, 2, 1, 0);
        assertPartials(Op.MIN, new double[] {2, 1}, 1, 0, 1);
        // max(x, x) is x: the split halves add up to derivative 1
        assertThat(AD.derivative(x -> x.max(x), 3)).isEqualTo(1);
    }

    @Test
    void sqrtAndCbrtHaveInfiniteDerivativeAtZero() {
        assertPartials(Op.SQRT, new double[] {0}, 0, Double.POSITIVE_INFINITY);
        assertPartials(Op.SQRT, new double[] {-0.0}, -0.0, Double.POSITIVE_INFINITY);
        assertPartials(Op.CBRT, new double[] {0}, 0, Double.POSITIVE_INFINITY);
    }

    @Test
    void nestedSecondDerivativeOfSqrtAtZeroIsMinusInfinity() {
        assertThat(AD.derivative(a -> AD.derivative(Real::sqrt, a), 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void atan2PartialsDoNotOverflowForLargeArguments() {
        // d/dy atan2(y, x) = x / (x^2 + y^2) = 1 / (2e200) at (1e200, 1e200); x^2 would overflow
        double[] p = Modes.VAR.apply(Op.ATAN2, new double[] {1e200, 1e200});
        assertThat(p[1]).isCloseTo(0.5e-200, within(1e-215));
        assertThat(p[2]).isCloseTo(-0.5e-200, within(1e-215));
        assertThat(Modes.DUAL.apply(Op.ATAN2, new double[] {0, 0})[1]).isNaN();
    }

    @Test
    void hypotAtTheOriginFollowsAbs() {
        assertPartials(Op.HYPOT, new double[] {0, 0}, 0, 0, 0);
    }

    @Test
    void powFollowsMathPowAndGivesTheDerivativeInXWhereDefined() {
        // (-2)^3 = -8; d/dx = 3 x^2 = 12; d/dy = x^y ln x is undefined for x < 0
        double[] p = Modes.VAR.apply(Op.POW, new double[] {-2, 3});
        assertThat(p[0]).isEqualTo(-8);
        assertThat(p[1]).isEqualTo(12);
        assertThat(p[2]).isNaN();
        // with a constant exponent there is no derivative in y to spoil anything
        assertThat(AD.derivative(x -> x.pow(3), -2)).isEqualTo(12);
        assertThat(AD.grad(x -> x[0].pow(2.0), -1.5)[0]).isEqualTo(-3);
        // at x = 0: d/dy 0^y = 0 (0^y is 0 for all y > 0), d/dx 0^2 = 0, d/dx 0^0.5 = +inf
        assertPartials(Op.POW, new double[] {0, 2}, 0, 0, 0);
        assertThat(AD.derivative(x -> x.pow(0.5), 0)).isEqualTo(Double.POSITIVE_INFINITY);
        // x^0 = 1 is constant: derivative 0 even at x = 0
        assertPartials(Op.POW, new double[] {0, 0}, 1, 0, 0);
    }

    @Test
    void sigmoidAndSoftplusDoNotOverflowAndKeepPrecisionInTheTails() {
        assertPartials(Op.SIGMOID, new double[] {1000}, 1, 0);
        assertPartials(Op.SIGMOID, new double[] {-1000}, 0, 0);
        assertPartials(Op.SOFTPLUS, new double[] {1000}, 1000, 1);
        assertPartials(Op.SOFTPLUS, new double[] {-1000}, 0, 0);
        // in the tail, sigmoid'(x) = e^x / (1 + e^x)^2 to full relative precision, not s (1 - s) = 0
        double e = Math.exp(-40);
        double[] s = Modes.DUAL.apply(Op.SIGMOID, new double[] {40});
        assertThat(s[1]).isCloseTo(e / ((1 + e) * (1 + e)), within(1e-15 * e));
        assertThat(Modes.DUAL.apply(Op.TANH, new double[] {30})[1]).isCloseTo(4 * Math.exp(-60), within(1e-14 * Math.exp(-60)));
    }

    @Test
    void whereGivesTheUnselectedBranchAnExactZeroGradient() {
        // where(x > 0, sqrt(x), 0) at 0: the sqrt branch has derivative +inf but is not selected
        ScalarFn f = x -> AD.where(x[0].gt(0), x[0].sqrt(), Real.of(0));
        assertThat(AD.grad(f, 0)[0]).isZero();
        assertThat(AD.derivative(x -> f.apply(new Real[] {x}), 0)).isZero();
        assertThat(AD.jacfwd(x -> new Real[] {f.apply(x)}, 0)[0][0]).isZero();
        // log of a negative number (NaN) in the unselected branch
        ScalarFn g = x -> AD.where(x[0].lt(0), x[0].neg(), x[0].log());
        assertThat(AD.grad(g, -2)[0]).isEqualTo(-1);
        assertThat(AD.derivative(x -> g.apply(new Real[] {x}), -2)).isEqualTo(-1);
        // a zero constant times an infinite derivative is zero in every mode
        ScalarFn h = x -> x[0].sqrt().mul(0).add(x[1]);
        assertThat(AD.grad(h, 0, 1)).containsExactly(0, 1);
        assertThat(AD.jacfwd(x -> new Real[] {h.apply(x)}, 0, 1)[0]).containsExactly(0, 1);
    }

    @Test
    void stopGradientKeepsTheValueAndDropsTheDerivative() {
        ScalarFn f = x -> x[0].mul(AD.stopGradient(x[0]));   // x * const(x): derivative x, not 2x
        ValueAndGrad vg = AD.valueAndGrad(f, 3);
        assertThat(vg.value()).isEqualTo(9);
        assertThat(vg.gradient()).containsExactly(3);
        assertThat(AD.derivative(x -> x.mul(AD.stopGradient(x)), 3)).isEqualTo(3);
    }

    /** Asserts value and partials of {@code op} at {@code x} in every mode. */
    private static void assertPartials(Op op, double[] x, double value, double... partials) {
        for (Modes.Mode mode : Modes.ALL) {
            double[] got = mode.apply(op, x);
            assertThat(got[0]).as("%s value in %s", op.symbol(), mode.name()).isEqualTo(value);
            for (int k = 0; k < partials.length; k++) {
                assertThat(got[k + 1]).as("%s partial %d in %s", op.symbol(), k, mode.name()).isEqualTo(partials[k]);
            }
        }
    }
}
