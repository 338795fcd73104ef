package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The facade's Taylor mode ({@link AD#derivatives}, {@link AD#taylor}) and its sparse entry points. */
class TaylorModeTest {

    @Test
    void derivativesAgreeWithClosedFormsAndWithNesting() {
        double x = 1.7;
        // x^x: f' = x^x (1 + ln x), f'' = x^x ((1 + ln x)^2 + 1/x)
        double[] d = AD.derivatives(a -> a.pow(a), x, 10);
        double f = Math.pow(x, x);
        double l = 1 + Math.log(x);
        assertThat(d).hasSize(11);
        assertThat(d[0]).isEqualTo(f);
        assertThat(d[1]).isCloseTo(f * l, within(1e-14 * f));
        assertThat(d[2]).isCloseTo(f * (l * l + 1 / x), within(1e-13 * f));
        // the same third derivative by nesting forward mode three times
        UnaryFn g = a -> a.sin().exp();
        double third = AD.derivative(a -> AD.derivative(b -> AD.derivative(g, b), a), 0.5);
        assertThat(AD.derivatives(g, 0.5, 3)[3]).isCloseTo(third, within(1e-13));
        // Taylor coefficients are derivatives / k!
        double[] c = AD.taylor(a -> Real.of(1).div(a.mul(a).add(1)), 0, 6);
        assertThat(c).containsExactly(new double[] {1, 0, -1, 0, 1, 0, -1}, within(1e-15));
    }

    @Test
    void aConstantFunctionAndBadOrdersAreHandled() {
        assertThat(AD.derivatives(a -> Real.of(3), 2, 2)).containsExactly(3, 0, 0);
        assertThat(AD.derivatives(a -> a.exp(), 0, 0)).containsExactly(1);
        assertThatThrownBy(() -> AD.derivatives(a -> a, 0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order must be >= 0");
    }

    @Test
    void sparseEntryPointsOfTheFacade() {
        int n = 1000;
        VectorFn tridiagonal = x -> {
            Real[] y = new Real[n];
            for (int i = 0; i < n; i++) {
                Real s = x[i].sin().mul(2);
                s = i > 0 ? s.add(x[i - 1].mul(x[i])) : s;
                y[i] = i + 1 < n ? s.sub(x[i + 1].exp()) : s;
            }
            return y;
        };
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.cos(i);
        }
        var result = AD.sparseJacobian(tridiagonal, x);
        assertThat(result.colors()).isEqualTo(3);
        assertThat(result.matrix().get(5, 4)).isCloseTo(x[5], within(1e-15));
        assertThat(result.matrix().get(5, 6)).isCloseTo(-Math.exp(x[6]), within(1e-15));
        assertThat(result.matrix().get(5, 9)).isZero();
        ScalarFn chain = a -> {
            Real s = Real.of(0);
            for (int i = 0; i + 1 < a.length; i++) {
                s = s.add(a[i].mul(a[i + 1]).sin());
            }
            return s;
        };
        var h = AD.sparseHessian(chain, java.util.Arrays.copyOf(x, 50));
        double[][] dense = AD.hessian(chain, java.util.Arrays.copyOf(x, 50));
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                assertThat(h.matrix().get(i, j)).isCloseTo(dense[i][j], within(1e-12));
            }
        }
    }
}
