package org.autodiff4j.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.VectorFn;
import org.junit.jupiter.api.Test;

/** GradCheck's estimates are within their stated error bounds, and the checks catch wrong derivatives. */
class GradCheckTest {

    @Test
    void theEstimateIsWithinItsErrorBoundAndTheBoundIsTight() {
        double[][] cases = {{1.0, Math.cos(1.0)}, {-2.5, Math.cos(-2.5)}, {1e3, Math.cos(1e3)}, {1e-8, Math.cos(1e-8)}};
        for (double[] c : cases) {
            GradCheck.Estimate e = GradCheck.finiteDifference(Math::sin, c[0]);
            assertThat(Math.abs(e.value() - c[1])).as("error at %s", c[0]).isLessThanOrEqualTo(e.error());
            assertThat(e.error()).as("bound at %s", c[0]).isLessThan(1e-9 * Math.max(1, Math.abs(c[0])));
        }
        GradCheck.Estimate exp = GradCheck.finiteDifference(Math::exp, 3);
        assertThat(Math.abs(exp.value() - Math.exp(3))).isLessThanOrEqualTo(exp.error());
    }

    @Test
    void theStepShrinksAtTheEdgeOfTheDomain() {
        GradCheck.Estimate e = GradCheck.finiteDifference(Math::log, 1e-5);
        assertThat(Math.abs(e.value() - 1e5)).isLessThanOrEqualTo(e.error());
        assertThat(e.step()).isLessThan(1e-5);
    }

    @Test
    void aWrongGradientFailsAndARightOnePasses() {
        ScalarFn f = x -> x[0].mul(x[1]).add(x[0].sin());
        double[] x = {2, 3};
        assertThat(GradCheck.gradient(f, x).passed()).isTrue();
        assertThat(GradCheck.gradient(f, x, new double[] {3 + Math.cos(2), 2}).passed()).isTrue();
        GradCheck.Report wrong = GradCheck.gradient(f, x, new double[] {3 + Math.cos(2) + 1e-7, 2});
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.worst()).contains("d/dx[0]");
        assertThatThrownBy(wrong::requirePassed).isInstanceOf(AssertionError.class).hasMessageContaining("d/dx[0]");
        assertThat(GradCheck.derivative(y -> y.mul(y).add(1).sin(), 0.7).passed()).isTrue();
    }

    @Test
    void jvpAndDotProductChecksPassForAD() {
        VectorFn f = x -> new Real[] {x[0].mul(x[1]).exp(), x[1].atan2(x[0]), x[0].hypot(x[1]).log()};
        double[] x = {0.3, 1.7};
        assertThat(GradCheck.jvp(f, x, new Random(1)).passed()).isTrue();
        assertThat(GradCheck.vjpDotProduct(f, x, new Random(2)).passed()).isTrue();
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> GradCheck.finiteDifference(Math::log, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite value");
        assertThatThrownBy(() -> GradCheck.gradient(x -> x[0], new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 2, expected 1");
    }
}
