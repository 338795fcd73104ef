package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.autodiff4j.RandomExpressions.Node;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Jet}: derivatives up to order 10 against golden values from mpmath
 * ({@code tools/golden_jets.py}, which writes {@code src/test/resources/golden/jets.csv}), the API
 * and its errors, NaN, the conventions at kinks, mixing with other number types and levels, and
 * agreement with {@link Dual} on random expressions.
 */
class JetTest {

    private static final String CSV = "/golden/jets.csv";
    private static final String HEADER = "function,x,k,derivative";
    private static final int ORDER = 10;
    /** One ulp at 1.0, 2^-52: the unit of the tolerances. */
    private static final double EPS = Math.ulp(1.0);

    /** The functions of the CSV, by name, written against {@link Real} as a user would. */
    private static final Map<String, UnaryOperator<Real>> FUNCTIONS = Map.of(
            "exp(sin x)", x -> x.sin().exp(),
            "1/(1+x^2)", x -> Real.of(1).div(x.mul(x).add(1)),
            "x^x", x -> x.pow(x));

    // ---- golden values -------------------------------------------------------------------------

    /**
     * Derivatives of orders 0..10 within {@code 8 (k + 1) eps E_k} of the golden value, where E_k is
     * the size of the terms c_k is computed from, as a derivative (see {@link #trend}).
     *
     * <p>Why {@code 8 (k + 1)}: each Taylor recurrence computes c_k as a sum of k products of two or
     * three earlier coefficients, divided by k: about (k + 3) roundings of u = eps/2, relative to
     * the terms, which follow the trend E_k. Each function here takes three such stages (sin, then
     * exp; x x, + 1, then 1/.; ln, times x, then exp), and a rounding error entering a stage travels
     * through the later ones at the rate of the series itself (the recurrences are linear in it),
     * so the stages add up: 3 (k + 3) u; the product k! c_k (k! is exact to 22!) and the rounding of
     * the golden value add u each. That is (1.5 k + 5.5) eps &lt;= 5.5 (k + 1) eps; 8 leaves room for
     * second-order terms and for E_k being an estimate of the terms' size, not a bound. So the
     * tolerance grows linearly with the order, as the rounding does. (Measured worst: 1.7 (k + 1)
     * eps, at 1/(1+x^2), x = 3, k = 8.)
     */
    @TestFactory
    Stream<DynamicTest> derivativesUpToOrderTenMatchMpmath() {
        Map<String, double[]> golden = read();
        DynamicTest coverage = dynamicTest("every function has golden points", () ->
                assertThat(golden.keySet().stream().map(key -> key.split(" at ")[0]).distinct())
                        .containsExactlyInAnyOrderElementsOf(FUNCTIONS.keySet()));
        return Stream.concat(Stream.of(coverage), golden.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            String name = e.getKey().split(" at ")[0];
            double x = Double.parseDouble(e.getKey().split(" at ")[1]);
            double[] expected = e.getValue();
            Jet y = (Jet) FUNCTIONS.get(name).apply(Jet.variable(x, ORDER));
            double[] got = y.derivatives();
            for (int k = 0; k <= ORDER; k++) {
                double tolerance = 8 * (k + 1) * EPS * trend(expected, k);
                assertThat(got[k]).as("%s, derivative %d: Jet %s, mpmath %s, %.2f (k+1) eps of the trend apart",
                        e.getKey(), k, got[k], expected[k], Math.abs(got[k] - expected[k]) / ((k + 1) * EPS * trend(expected, k)))
                        .isCloseTo(expected[k], within(tolerance));
            }
        })));
    }

    /**
     * The size E_k of the terms the k-th coefficient is computed from, as a derivative: the larger
     * of |c_k| and the geometric mean of its neighbours' |c_(k-1) c_(k+1)|^(1/2), times k!.
     *
     * <p>Why not |c_k| alone: Taylor coefficients follow a geometric trend set by the distance to
     * the nearest singularity, but one may fall far below it, where the k-th derivative has a zero
     * near x (1/(1+x^2) at x = 3 has c_9 = sin(10 atan(1/3)) / 10^5 = 0.076 / 10^5: 4 times below its
     * neighbours' mean). The rounding errors stay of the size of the terms, so relative to such a
     * coefficient they are larger; judging it against its neighbours' trend is the honest measure.
     * Exact zeros (1/(1+x^2) at 0 and 1, exp(sin x) at 0) are judged the same way.
     */
    private static double trend(double[] d, int k) {
        double[] c = new double[d.length];
        double factorial = 1;
        for (int j = 0; j < d.length; j++) {
            factorial *= Math.max(j, 1);
            c[j] = d[j] / factorial;
        }
        double size = Math.abs(c[k]);
        if (k > 0 && k < d.length - 1) {
            size = Math.max(size, Math.sqrt(Math.abs(c[k - 1]) * Math.abs(c[k + 1])));
        }
        double kFactorial = 1;
        for (int j = 2; j <= k; j++) {
            kFactorial *= j;
        }
        return size * kFactorial;
    }

    /**
     * At x = 0 and x = 1 every intermediate of 1/(1+x^2) (x x, 1 + x x, and the division's
     * coefficients, +-2^-j) is a small dyadic rational, and k! is exact: the derivatives are exact.
     */
    @Test
    void derivativesAreExactWhereEveryIntermediateIsDyadic() {
        Map<String, double[]> golden = read();
        for (double x : new double[] {0, 1}) {
            Jet y = (Jet) FUNCTIONS.get("1/(1+x^2)").apply(Jet.variable(x, ORDER));
            assertThat(y.derivatives()).as("1/(1+x^2) at %s", x).containsExactly(golden.get("1/(1+x^2) at " + x));
        }
    }

    // ---- the API -------------------------------------------------------------------------------

    @Test
    void factoriesAndAccessors() {
        Jet x = Jet.variable(2, 3);
        assertThat(x.order()).isEqualTo(3);
        assertThat(x.coefficients()).containsExactly(2, 1, 0, 0);
        assertThat(Jet.constant(5, 2).coefficients()).containsExactly(5, 0, 0);
        assertThat(Jet.variable(7, 0).coefficients()).containsExactly(7);
        assertThat(Jet.of(1, 2, 3).order()).isEqualTo(2);

        // (2 + t)^3 = 8 + 12 t + 6 t^2 + t^3, exactly; derivatives 8, 12, 12, 6
        Jet cube = (Jet) x.pow(3.0);
        assertThat(cube.coefficients()).containsExactly(8, 12, 6, 1);
        assertThat(cube.value()).isEqualTo(8);
        assertThat(cube.coefficient(2)).isEqualTo(6);
        assertThat(cube.derivative(3)).isEqualTo(6);
        assertThat(cube.derivatives()).containsExactly(8, 12, 12, 6);

        // the arrays are copies both ways
        double[] c = {1, 1, 0};
        Jet j = Jet.of(c);
        c[1] = 99;
        j.coefficients()[0] = 99;
        assertThat(j.coefficients()).containsExactly(1, 1, 0);
    }

    @Test
    void directionalSeedGivesDerivativesAlongIt() {
        // sin(x0 + v t): k! c_k = v^k sin^(k)(x0)
        Jet y = (Jet) Jet.of(0.3, 2, 0, 0).sin();
        assertThat(y.derivative(1)).isCloseTo(2 * Math.cos(0.3), within(4 * EPS));
        assertThat(y.derivative(2)).isCloseTo(-4 * Math.sin(0.3), within(8 * EPS));
        assertThat(y.derivative(3)).isCloseTo(-8 * Math.cos(0.3), within(32 * EPS));
    }

    @Test
    void derivativeOfAHighOrderWhoseFactorialOverflowsStaysFinite() {
        double[] c = new double[172];
        c[171] = 1e-300;
        // 171! = 1.2410180702176678e309 overflows a double; 171! * 1e-300 does not
        assertThat(Jet.of(c).derivative(171)).isCloseTo(1.2410180702176678e9, within(1e-12 * 1.2410180702176678e9));
        assertThat(Jet.of(c).derivative(170)).isZero();
    }

    @Test
    void errorsNameWhatWasExpectedAndWhatCame() {
        assertThatThrownBy(() -> Jet.variable(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 0").hasMessageContaining("-1");
        assertThatThrownBy(() -> Jet.constant(1, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
        assertThatThrownBy(Jet::of).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Jet.of((double[]) null)).isInstanceOf(IllegalArgumentException.class);

        Jet x = Jet.variable(1, 3);
        for (int k : new int[] {-1, 4}) {
            assertThatThrownBy(() -> x.coefficient(k)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[0, 3]").hasMessageContaining("got " + k);
            assertThatThrownBy(() -> x.derivative(k)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[0, 3]").hasMessageContaining("got " + k);
        }

        assertThatThrownBy(() -> x.mul(Jet.variable(2, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mul").hasMessageContaining("order 3").hasMessageContaining("order 5");
        assertThatThrownBy(() -> Jet.variable(2, 5).atan2(x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order 5").hasMessageContaining("order 3");

        // wrong arity: the registry's message
        assertThatThrownBy(() -> x.apply(Op.ADD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add takes 2 arguments");
        assertThatThrownBy(() -> x.apply(Op.SIN, x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sin takes 1 argument");
        assertThatThrownBy(() -> x.add((Real) null)).isInstanceOf(NullPointerException.class);
    }

    // ---- NaN -----------------------------------------------------------------------------------

    @Test
    void outsideTheDomainEveryCoefficientIsNanLikeThePlainValue() {
        assertThat(Math.log(-1)).isNaN();
        assertThat(((Jet) Jet.variable(-1, 4).log()).coefficients()).hasSize(5).containsOnly(Double.NaN);
        assertThat(((Jet) Jet.variable(-2, 3).log1p()).coefficients()).containsOnly(Double.NaN);
        assertThat(((Jet) Jet.variable(-1, 3).sqrt()).coefficients()).containsOnly(Double.NaN);
        assertThat(((Jet) Jet.variable(2, 3).asin()).coefficients()).containsOnly(Double.NaN);
        assertThat(((Jet) Jet.variable(-2, 3).pow(0.5)).coefficients()).containsOnly(Double.NaN);
        assertThat(((Jet) Jet.variable(Double.NaN, 2).exp()).coefficients()).containsOnly(Double.NaN);
        // a constant carries no derivative, even where its value is NaN (as a zero tangent in Dual)
        assertThat(((Jet) Jet.constant(-1, 2).log()).coefficients()).containsExactly(Double.NaN, 0, 0);
        // x^y for x < 0 exists at integer y, but not as y moves: the partial in y is NaN
        Jet xy = (Jet) Jet.constant(-2, 2).pow(Jet.variable(3, 2));
        assertThat(xy.value()).isEqualTo(-8);
        assertThat(xy.coefficient(1)).isNaN();
        // with a constant exponent it is a polynomial: (-2 + t)^3 = -8 + 12 t - 6 t^2 + t^3
        assertThat(((Jet) Jet.variable(-2, 3).pow(3.0)).coefficients()).containsExactly(-8, 12, -6, 1);
    }

    // ---- conventions at kinks and singular points ----------------------------------------------

    @Test
    void piecewiseOpsContinueWithTheLinearPieceTheConventionSelects() {
        Jet x = Jet.of(0, 1, 0.5, -2);
        assertThat(((Jet) x.abs()).coefficients()).containsExactly(0, 0, 0, 0);      // abs'(0) = 0
        assertThat(((Jet) x.relu()).coefficients()).containsExactly(0, 0, 0, 0);     // relu'(0) = 0
        assertThat(((Jet) x.sign()).coefficients()).containsExactly(0, 0, 0, 0);
        assertThat(((Jet) Jet.of(-1.5, 1, 0.5, -2).abs()).coefficients()).containsExactly(1.5, -1, -0.5, 2);
        assertThat(((Jet) Jet.of(2.5, 1, 0.5, -2).floor()).coefficients()).containsExactly(2, 0, 0, 0);
        // max(x, x) = x exactly: the tie splits evenly and 0.5 a + 0.5 a == a
        Jet y = Jet.of(0.7, 0.1, -3.3, 1e-3);
        assertThat(((Jet) y.max(y)).coefficients()).containsExactly(y.coefficients());
        assertThat(((Jet) y.min(y)).coefficients()).containsExactly(y.coefficients());
        // away from a tie, the larger argument's series
        assertThat(((Jet) y.max(Jet.of(0.5, 9, 9, 9))).coefficients()).containsExactly(y.coefficients());
    }

    @Test
    void rootsAndPowersAtZero() {
        Jet t = Jet.variable(0, 4);
        // sqrt(t) is not analytic at 0: c_1 follows sqrt'(0) = +inf, the rest do not exist
        assertThat(((Jet) t.sqrt()).coefficients()).containsExactly(0, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN);
        // sqrt(t^2) = |t|: c_1 follows abs'(0) = 0 (+inf times 0), c_2 on does not exist
        assertThat(((Jet) Jet.of(0, 0, 1, 0, 0).sqrt()).coefficients()).containsExactly(0, 0, Double.NaN, Double.NaN, Double.NaN);
        // t^2.5: derivatives of orders 1 and 2 are 0, higher ones are infinite
        assertThat(((Jet) t.pow(2.5)).coefficients()).containsExactly(0, 0, 0, Double.NaN, Double.NaN);
        // integer powers are polynomials: exact
        assertThat(((Jet) t.pow(3.0)).coefficients()).containsExactly(0, 0, 0, 1, 0);
        assertThat(((Jet) Jet.of(0, 2, 1, 0, 0).pow(2.0)).coefficients()).containsExactly(0, 0, 4, 4, 1);
        assertThat(((Jet) t.pow(7.0)).coefficients()).containsExactly(0, 0, 0, 0, 0);
        // x^0 = 1, constant, also at 0
        assertThat(((Jet) t.pow(0.0)).coefficients()).containsExactly(1, 0, 0, 0, 0);
        // 0 * sqrt(t): zero times an infinite coefficient is 0, as in every mode
        assertThat(((Jet) t.sqrt().mul(0)).coefficients()).containsExactly(0, 0, 0, 0, 0);
        // a varying exponent: t^(2 + t) = t^2 e^(t ln t) = t^2 + t^3 ln t + ...: no c_3 on
        assertThat(((Jet) t.pow(Jet.of(2, 1, 0, 0, 0))).coefficients()).containsExactly(0, 0, 1, Double.NaN, Double.NaN);
        // hypot at the origin follows abs'(0) = 0
        assertThat(((Jet) t.hypot(t)).coefficients()).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void tailsKeepTheirRelativePrecision() {
        // sigmoid at 40: s' = e^-40 (to 1e-17), s'' = -e^-40, where s (1 - s) rounds to 0
        Jet s = (Jet) Jet.variable(40, 2).sigmoid();
        double e = Math.exp(-40);
        assertThat(s.derivative(1)).isCloseTo(e, within(1e-15 * e));
        assertThat(s.derivative(2)).isCloseTo(-e, within(1e-15 * e));
        // tanh at 30: tanh' = 4 e^-60, tanh'' = -8 e^-60 (to relative 1e-26)
        Jet th = (Jet) Jet.variable(30, 2).tanh();
        double e60 = Math.exp(-60);
        assertThat(th.derivative(1)).isCloseTo(4 * e60, within(1e-14 * e60));
        assertThat(th.derivative(2)).isCloseTo(-8 * e60, within(1e-14 * e60));
        // hypot of huge arguments: no overflow in the squares
        Jet h = (Jet) Jet.variable(3e200, 2).hypot(4e200);
        assertThat(h.value()).isEqualTo(Math.hypot(3e200, 4e200));
        assertThat(h.derivative(1)).isCloseTo(0.6, within(4 * EPS));
        assertThat(h.derivative(2)).isCloseTo(16.0 / 125 / 1e200, within(1e-14 * 16.0 / 125 / 1e200));
    }

    // ---- mixing with constants, other types and levels -----------------------------------------

    @Test
    void constantsAndOtherLevels() {
        Jet x = Jet.variable(2, 2);
        assertThat(((Jet) Real.of(1).sub(x)).coefficients()).containsExactly(-1, -1, 0);
        assertThat(((Jet) Real.of(2).pow(x)).derivative(2)).isCloseTo(4 * Math.log(2) * Math.log(2), within(8 * EPS));
        // a constant jet of an outer level is a constant inside AD.derivative's inner one
        assertThat(AD.derivative(y -> y.mul(Jet.constant(3, 2)), 1)).isEqualTo(3);
        // a varying jet is not: the inner Dual would drop its derivative
        assertThatThrownBy(() -> AD.derivative(y -> y.mul(x), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Jet").hasMessageContaining("Dual");
        // a jet of an inner level takes a constant of an outer level
        Jet inner = new Jet(new double[] {2, 1, 0}, Levels.next());
        assertThat(Levels.of(inner)).isEqualTo(inner.level);
        assertThat(((Jet) inner.mul(Dual.constant(3))).coefficients()).containsExactly(6, 3, 0);
        assertThat(((Jet) Dual.constant(3).sub(inner)).coefficients()).containsExactly(1, -1, 0);
        assertThat(((Jet) Jet.constant(3, 2).div(inner)).coefficients()).containsExactly(1.5, -0.75, 0.375);
        assertThatThrownBy(() -> inner.mul(Dual.variable(3))).isInstanceOf(IllegalArgumentException.class);
        // two number types of one level do not mix
        assertThatThrownBy(() -> x.mul(Dual.variable(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same differentiation level");
    }

    /**
     * On random expressions over the whole registry, a jet's value and first coefficient are
     * exactly Dual's value and tangent (where the value is not NaN; there the jet is all NaN): the
     * jet takes c_1 from the registry as Dual does, so the two agree at any order. Bit for bit but
     * for the sign of a zero: a jet that became constant gives +0 where Dual multiplies a partial
     * by its zero tangent (abs'(-1) * 0 = -0).
     */
    @Test
    void firstCoefficientsAreDualsBitForBitOnRandomExpressions() {
        SplittableRandom rng = new SplittableRandom(20261122);
        int compared = 0;
        for (int c = 0; c < 4000; c++) {
            Node e = RandomExpressions.tree(rng, 1, 5);
            double x = RandomExpressions.point(rng, 1)[0];
            Real dual = e.eval(new Real[] {Dual.variable(x)});
            Real jet = e.eval(new Real[] {Jet.variable(x, 3)});
            String what = e + " at " + x;
            assertThat(Double.compare(jet.value(), dual.value())).as("value of %s: %s vs %s", what, jet.value(), dual.value()).isZero();
            if (Double.isNaN(dual.value())) {
                continue;
            }
            compared++;
            double tangent = dual instanceof Dual d ? d.tangent() : 0;
            double c1 = jet instanceof Jet j ? j.coefficient(1) : 0;
            assertThat(c1 == tangent || Double.isNaN(c1) && Double.isNaN(tangent))
                    .as("c_1 of %s: Jet %s, Dual %s", what, c1, tangent).isTrue();
        }
        assertThat(compared).as("cases with a value that is not NaN").isGreaterThan(2000);
    }

    // ---- the CSV -------------------------------------------------------------------------------

    /** "function at x" to the derivatives of orders 0..10, in file order. */
    private static Map<String, double[]> read() {
        InputStream in = JetTest.class.getResourceAsStream(CSV);
        if (in == null) {
            throw new IllegalStateException(CSV + " is not on the test classpath: run python3 tools/golden_jets.py");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalStateException(CSV + ": expected the header " + HEADER + ", got " + header);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length != 4 || !FUNCTIONS.containsKey(f[0])) {
                    throw new IllegalStateException(CSV + ": expected " + HEADER + " with a function of " + FUNCTIONS.keySet()
                            + ", got: " + line);
                }
                String key = f[0] + " at " + Double.parseDouble(f[1]);
                int k = Integer.parseInt(f[2]);
                if (k < 0 || k > ORDER) {
                    throw new IllegalStateException(CSV + ": order " + k + " outside [0, " + ORDER + "] in: " + line);
                }
                double[] d = out.computeIfAbsent(key, unused -> {
                    double[] fresh = new double[ORDER + 1];
                    Arrays.fill(fresh, Double.NaN);
                    return fresh;
                });
                d[k] = Double.parseDouble(f[3]);
            }
            for (Map.Entry<String, double[]> e : out.entrySet()) {
                if (Arrays.stream(e.getValue()).anyMatch(Double::isNaN)) {
                    throw new IllegalStateException(CSV + ": " + e.getKey() + " lacks some of the orders 0.." + ORDER);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
