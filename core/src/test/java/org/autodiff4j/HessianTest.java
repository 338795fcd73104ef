package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.autodiff4j.check.GradCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Hessians and Hessian-vector products: closed forms, every op, symmetry, and agreement of the two routes. */
class HessianTest {

    @Test
    void rosenbrockHessianMatchesItsClosedForm() {
        ScalarFn f = x -> {
            Real s = Real.of(0);
            for (int i = 0; i + 1 < x.length; i++) {
                s = s.add(x[i + 1].sub(x[i].mul(x[i])).pow(2).mul(100)).add(x[i].neg().add(1).pow(2));
            }
            return s;
        };
        double[] x = {0.5, -1.2, 0.8, 1.1};
        double[][] h = AD.hessian(f, x);
        double[][] expected = new double[4][4];
        for (int i = 0; i + 1 < 4; i++) {
            expected[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            expected[i][i + 1] -= 400 * x[i];
            expected[i + 1][i] -= 400 * x[i];
            expected[i + 1][i + 1] += 200;
        }
        for (int i = 0; i < 4; i++) {
            assertThat(h[i]).containsExactly(expected[i], within(1e-11));
        }
    }

    /** Second order for every op of the registry: the Hessian of op(x, y) against differences of the gradient. */
    @TestFactory
    Stream<DynamicTest> everyOpToSecondOrder() {
        return Arrays.stream(Op.values()).map(op -> DynamicTest.dynamicTest(op.symbol(), () -> {
            SplittableRandom rng = new SplittableRandom(op.ordinal() + 99L);
            ScalarFn f = Modes.fn(op);
            for (int p = 0; p < 10; p++) {
                double[] x = op.domain().sample(rng);
                double[][] h = AD.hessian(f, x);
                for (int i = 0; i < x.length; i++) {
                    int row = i;
                    ScalarFn gradientComponent = a -> Real.of(AD.grad(f, values(a))[row]);
                    GradCheck.Report r = GradCheck.gradient(gradientComponent, x, h[i]);
                    assertThat(r.passed()).as("%s Hessian row %d at %s: %s", op.symbol(), i, Arrays.toString(x), r).isTrue();
                }
            }
        }));
    }

    @Test
    void hessiansOfRandomExpressionsAreSymmetricAndAgreeWithHvpAndNesting() {
        SplittableRandom rng = new SplittableRandom(5);
        int compared = 0;
        for (int c = 0; c < 600; c++) {
            int n = 1 + rng.nextInt(3);
            RandomExpressions.Node e = RandomExpressions.tree(rng, n, 4);
            ScalarFn f = e::eval;
            double[] x = RandomExpressions.point(rng, n);
            double[][] h = AD.hessian(f, x);
            ValueAndGrad vg = AD.valueAndGrad(f, x);
            if (!Arrays.stream(h).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)
                    || !Double.isFinite(vg.value()) || !Arrays.stream(vg.gradient()).allMatch(Double::isFinite)) {
                continue;
            }
            compared++;
            // NOTE: second derivatives often cancel terms the size of f and its gradient (H of 1 - x
            // computed as -expm1(log x) is 1e-16 noise, not 0), so rounding is judged against all three.
            double scale = Math.max(Math.abs(vg.value()), Math.max(
                    Arrays.stream(vg.gradient()).map(Math::abs).max().orElse(0),
                    Arrays.stream(h).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0)));
            double tol = 1e-12 * Math.max(scale, Double.MIN_NORMAL);
            double[] v = RandomExpressions.point(rng, n);
            double[] hv = AD.hvp(f, x, v);
            Real[] nested = AD.hvp(f, constants(x), constants(v));
            for (int i = 0; i < n; i++) {
                double row = 0;
                for (int j = 0; j < n; j++) {
                    assertThat(h[i][j]).as("symmetry of %s at %s", e, Arrays.toString(x)).isCloseTo(h[j][i], within(tol));
                    row += h[i][j] * v[j];
                }
                double tolV = 1e-12 * Math.max(scale * Arrays.stream(v).map(Math::abs).sum(), Double.MIN_NORMAL);
                assertThat(hv[i]).as("H v of %s", e).isCloseTo(row, within(tolV));
                assertThat(nested[i].value()).as("nested H v of %s", e).isCloseTo(row, within(tolV));
            }
        }
        assertThat(compared).isGreaterThan(300);
    }

    private static double[] values(Real[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].value();
        }
        return out;
    }

    private static Real[] constants(double[] x) {
        return Arrays.stream(x).mapToObj(Real::of).toArray(Real[]::new);
    }
}
