package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The worked examples of the textbooks (Griewank and Walther, "Evaluating Derivatives"; Baydin et
 * al., "Automatic differentiation in machine learning: a survey"), with the numbers they print, and
 * closed-form gradients derived by hand, in every mode.
 */
class TextbookExamplesTest {

    private static final double TOL = 1e-13;

    /** Baydin et al., Table 2/3: f(x1, x2) = x1 x2 + sin x1 at (2, 3). */
    @Test
    void baydinProductPlusSine() {
        ScalarFn f = x -> x[0].mul(x[1]).add(x[0].sin());
        ValueAndGrad vg = AD.valueAndGrad(f, 2, 3);
        assertThat(vg.value()).isCloseTo(6.909297426825682, within(TOL));
        assertThat(vg.gradient()).containsExactly(new double[] {2.5838531634528574, 2}, within(TOL));
        assertAllModesGive(f, new double[] {2, 3}, vg.gradient());
    }

    /** h(a, b, c) = (a + b) ln(b + c) at (1, 3, 6): value 4 ln 9; gradient (ln 9, ln 9 + 4/9, 4/9). */
    @Test
    void sumTimesLogarithm() {
        ScalarFn h = x -> x[0].add(x[1]).mul(x[1].add(x[2]).log());
        double ln9 = Math.log(9);
        ValueAndGrad vg = AD.valueAndGrad(h, 1, 3, 6);
        assertThat(vg.value()).isCloseTo(4 * ln9, within(TOL));
        assertThat(vg.gradient()).containsExactly(new double[] {ln9, ln9 + 4.0 / 9, 4.0 / 9}, within(TOL));
        assertAllModesGive(h, new double[] {1, 3, 6}, vg.gradient());
    }

    /** f(x1, x2) = ln((x1 + x2)^2 + sin(x1 x2)) at (1, 0.5), against its closed-form gradient. */
    @Test
    void logOfSquarePlusSine() {
        ScalarFn f = x -> x[0].add(x[1]).pow(2).add(x[0].mul(x[1]).sin()).log();
        double x1 = 1;
        double x2 = 0.5;
        double u = (x1 + x2) * (x1 + x2) + Math.sin(x1 * x2);
        double[] expected = {
            (2 * (x1 + x2) + x2 * Math.cos(x1 * x2)) / u,
            (2 * (x1 + x2) + x1 * Math.cos(x1 * x2)) / u
        };
        ValueAndGrad vg = AD.valueAndGrad(f, x1, x2);
        assertThat(vg.value()).isCloseTo(Math.log(u), within(TOL));
        assertThat(vg.gradient()).containsExactly(expected, within(TOL));
        assertAllModesGive(f, new double[] {x1, x2}, expected);
    }

    /** y = sin(x^2 + 1): dy/dx = 2x cos(x^2 + 1). */
    @Test
    void sineOfSquarePlusOne() {
        UnaryFn y = x -> x.mul(x).add(1).sin();
        for (double x : new double[] {-2, -0.5, 0, 0.5, 1.3, 3}) {
            double expected = 2 * x * Math.cos(x * x + 1);
            assertThat(AD.derivative(y, x)).isCloseTo(expected, within(TOL));
            assertThat(AD.grad(a -> y.apply(a[0]), x)[0]).isCloseTo(expected, within(TOL));
        }
    }

    private static void assertAllModesGive(ScalarFn f, double[] x, double[] expected) {
        VectorFn asVector = a -> new Real[] {f.apply(a)};
        assertThat(AD.jacfwd(asVector, x)[0]).containsExactly(expected, within(TOL));
        assertThat(AD.jacrev(asVector, x)[0]).containsExactly(expected, within(TOL));
        for (int i = 0; i < x.length; i++) {
            double[] e = new double[x.length];
            e[i] = 1;
            assertThat(AD.jvp(asVector, x, e)[0]).isCloseTo(expected[i], within(TOL));
        }
        assertThat(AD.vjp(asVector, x, new double[] {1})).containsExactly(expected, within(TOL));
    }
}
