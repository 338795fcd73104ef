package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden values from an independent oracle: every op of the registry at six points of its domain,
 * value and partials, against mpmath at 50 digits ({@code tools/golden_ops.py}, which writes
 * {@code src/test/resources/golden/ops.csv}). Each row is checked in the double form of {@link Op},
 * in its {@link Real} form on constants, and as applied by {@link Dual}, {@link DualVec} and
 * {@link Var}.
 *
 * <p>Tolerances are relative, {@code |java - golden| <= k * 2^-52 * |golden|} (k "ulp"; a golden 0
 * must be met exactly), and are a priori bounds on the formula {@link Op} uses, not fitted to the
 * results. With u = 2^-53 the unit roundoff, an exact or correctly rounded result (x + y, 1/y,
 * sqrt) is off by at most u, a {@link Math} call by its specified 1 ulp (at most 2u; atan2 2 ulp,
 * 4u), and the golden value itself by u, its rounding to a double. A single call thus stays within
 * 3u (atan2 5u), and the default of 4 ulp = 8u also covers the short formulas, whose first-order
 * error sums (golden included) are, on each op's whole domain:
 * <ul>
 *   <li>tan' = 1 + fx^2: fx squared 4u, the product u, the sum u, golden u: 7u;
 *   <li>asin', acos' = 1/sqrt(1 - x^2): 1 - x*x is exact for x^2 &gt;= 1/2 (Sterbenz), so only the
 *       rounding of x*x counts, amplified by x^2/(1 - x^2) &lt;= 9.3 for |x| &lt;= 0.95 and halved by the
 *       square root (4.7u), then sqrt u, division u, golden u: 7.7u;
 *   <li>pow's dx = y pow(x, y - 1): y - 1 is exact for y &gt;= 1/2 and otherwise off by at most 2u
 *       absolute, which moves x^(y-1) by |ln x| 2u &lt;= 3.3u for x in [0.2, 3]; pow 2u, product u,
 *       golden u: 7.3u. pow's dy = f ln x: 2u + 2u + u + u = 6u;
 *   <li>tanh' = 1/(c c) (or c^-2 by pow in the Real form): c squared 4u, two roundings 2u (pow 2u),
 *       golden u: 7u;
 *   <li>sigmoid' = e/((1 + e)(1 + e)), e = exp(-|x|): the error of e is damped by (1 - e)/(1 + e)
 *       (2u), 1 + e rounded once but squared (2u), product and quotient 2u, golden u: 7u;
 *   <li>log2 = ln x / LN2, the logs 2u each, division u, golden u: 6u; softplus 6u; sigmoid 5u;
 *       erf, by {@link Special#erf} (fdlibm's scheme, under 1 ulp), 3u;
 *       log2', log10' = 1/(x LN), atan', atan2' and hypot' at most 5u.
 * </ul>
 * Three partials have larger bounds; see {@link #partialUlps}.
 */
class GoldenOpsTest {

    private static final String CSV = "/golden/ops.csv";
    private static final String HEADER = "op,x,y,value,dx,dy";
    /** One ulp at 1.0, 2^-52: the unit of the tolerances. */
    private static final double ULP = Math.ulp(1.0);
    /** The tolerance for values and for partials without a bound of their own (see the class comment). */
    private static final double ULPS = 4;

    /** One line of the CSV: the golden value and partials of op at x (unary) or (x, y); y and dy are NaN for unary ops. */
    record Row(Op op, double x, double y, double value, double dx, double dy) {
        boolean unary() {
            return op.arity() == 1;
        }

        String name() {
            return op.symbol() + " at " + (unary() ? x : x + ", " + y);
        }
    }

    @TestFactory
    Stream<DynamicTest> golden() {
        List<Row> rows = read();
        DynamicTest coverage = dynamicTest("every op has golden rows", () -> {
            Set<Op> missing = EnumSet.allOf(Op.class);
            rows.forEach(r -> missing.remove(r.op()));
            assertThat(missing).as("ops without golden values: add them to tools/golden_ops.py and run it").isEmpty();
        });
        return Stream.concat(Stream.of(coverage), rows.stream().map(r -> dynamicTest(r.name(), () -> check(r))));
    }

    /**
     * The tolerance for a partial of {@code op} at {@code x}, in ulps; {@link #ULPS} unless the
     * formula's error bound exceeds it.
     */
    static double partialUlps(Op op, double x) {
        return switch (op) {
            // cbrt' = 1/(3 fx fx): fx (2u) enters squared, 4u; three roundings 3u; golden u: 8u plus
            // second-order terms, just over 4 ulp.
            case CBRT -> 5;
            // sigmoid' in the Real form is fx * sigmoid(-x), two quotients of one e = exp(-|x|): e
            // damped as above 2u, 1 + e squared 2u, two quotients and the product 3u, golden u: 8u
            // plus second-order terms, just over 4 ulp.
            case SIGMOID -> 5;
            // erf' = 2/sqrt(pi) exp(-x*x): the rounding of x*x (u x^2 absolute) becomes a relative
            // error u x^2 of the exp, up to 9u at |x| = 3; with the exp 2u, the constant 2.2u (pi, the
            // sqrt and the quotient), the product u and golden u: (x^2 + 6.2)u.
            case ERF -> 3.5 + x * x / 2;
            default -> ULPS;
        };
    }

    private static void check(Row r) {
        SoftAssertions s = new SoftAssertions();
        Op op = r.op();
        double[] point = r.unary() ? new double[] {r.x()} : new double[] {r.x(), r.y()};
        Domain domain = op.domain();
        for (int i = 0; i < point.length; i++) {
            s.assertThat(point[i]).as("argument %d inside the domain of %s", i, op.symbol())
                    .isBetween(domain.lo()[i], domain.hi()[i]);
        }
        s.assertThat(domain.nearKink().test(point)).as("point near a kink of %s (conventions are tested elsewhere)",
                op.symbol()).isFalse();
        double ulps = partialUlps(op, r.x());
        if (r.unary()) {
            checkUnary(s, r, ulps);
        } else {
            checkBinary(s, r, ulps);
        }
        s.assertAll();
    }

    private static void checkUnary(SoftAssertions s, Row r, double ulps) {
        Op op = r.op();
        double f = op.value(r.x());
        close(s, r, "value", f, r.value(), ULPS);
        close(s, r, "d", op.d(r.x(), f), r.dx(), ulps);
        close(s, r, "d(Real)", op.d(Real.of(r.x()), Real.of(f)).value(), r.dx(), ulps);

        Dual dual = (Dual) Dual.variable(r.x()).apply(op);
        close(s, r, "Dual value", dual.value(), r.value(), ULPS);
        close(s, r, "Dual tangent", dual.tangent(), r.dx(), ulps);

        DualVec vec = (DualVec) DualVec.variable(r.x(), 1, 0).apply(op);
        close(s, r, "DualVec value", vec.value(), r.value(), ULPS);
        close(s, r, "DualVec tangent", vec.tangent(0), r.dx(), ulps);

        try (Tape tape = new Tape()) {
            Var x = tape.variable(r.x());
            Var out = (Var) x.apply(op);
            tape.backward(out);
            close(s, r, "Var value", out.value(), r.value(), ULPS);
            close(s, r, "Var grad", x.grad(), r.dx(), ulps);
        }
    }

    private static void checkBinary(SoftAssertions s, Row r, double ulps) {
        Op op = r.op();
        double f = op.value(r.x(), r.y());
        close(s, r, "value", f, r.value(), ULPS);
        close(s, r, "dx", op.dx(r.x(), r.y(), f), r.dx(), ulps);
        close(s, r, "dy", op.dy(r.x(), r.y(), f), r.dy(), ulps);
        Real x = Real.of(r.x());
        Real y = Real.of(r.y());
        close(s, r, "dx(Real)", op.dx(x, y, Real.of(f)).value(), r.dx(), ulps);
        close(s, r, "dy(Real)", op.dy(x, y, Real.of(f)).value(), r.dy(), ulps);

        Dual inX = (Dual) Dual.variable(r.x()).apply(op, Dual.constant(r.y()));
        Dual inY = (Dual) Dual.constant(r.x()).apply(op, Dual.variable(r.y()));
        close(s, r, "Dual value", inX.value(), r.value(), ULPS);
        close(s, r, "Dual tangent seeded in x", inX.tangent(), r.dx(), ulps);
        close(s, r, "Dual tangent seeded in y", inY.tangent(), r.dy(), ulps);

        DualVec vec = (DualVec) DualVec.variable(r.x(), 2, 0).apply(op, DualVec.variable(r.y(), 2, 1));
        close(s, r, "DualVec value", vec.value(), r.value(), ULPS);
        close(s, r, "DualVec tangent 0", vec.tangent(0), r.dx(), ulps);
        close(s, r, "DualVec tangent 1", vec.tangent(1), r.dy(), ulps);

        try (Tape tape = new Tape()) {
            Var[] in = tape.variables(r.x(), r.y());
            Var out = (Var) in[0].apply(op, in[1]);
            tape.backward(out);
            close(s, r, "Var value", out.value(), r.value(), ULPS);
            close(s, r, "Var grad x", in[0].grad(), r.dx(), ulps);
            close(s, r, "Var grad y", in[1].grad(), r.dy(), ulps);
        }
    }

    /** {@code actual} within {@code ulps} ulp of {@code golden}, relative; exactly 0 if golden is 0. */
    private static void close(SoftAssertions s, Row r, String what, double actual, double golden, double ulps) {
        double apart = Math.abs(actual - golden) / (ULP * Math.abs(golden));
        // The row's name in the message too: Maven's report numbers dynamic tests instead of naming them.
        s.assertThat(actual).as("%s, %s: Java %s, golden %s, %.2f ulp apart (allowed %.2f)", r.name(), what, actual,
                golden, apart, ulps).isCloseTo(golden, within(ulps * ULP * Math.abs(golden)));
    }

    private static List<Row> read() {
        InputStream in = GoldenOpsTest.class.getResourceAsStream(CSV);
        if (in == null) {
            throw new IllegalStateException(CSV + " is not on the test classpath: run python3 tools/golden_ops.py");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalStateException(CSV + ": expected the header " + HEADER + ", got " + header);
            }
            List<Row> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(parse(line));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalStateException(CSV + ": expected 6 columns " + HEADER + ", got " + f.length + " in: " + line);
        }
        Op op = Op.find(f[0]).orElseThrow(() -> new IllegalStateException(CSV + ": no op named " + f[0]));
        return new Row(op, number(f[1]), number(f[2]), number(f[3]), number(f[4]), number(f[5]));
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
