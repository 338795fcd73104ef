package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.autodiff4j.check.GradCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op of the registry applied to {@link Jet}s, at sampled points of its domain: the value is
 * the op's, the first coefficient its partial, and the second and third coefficients the second and
 * third derivatives, obtained independently of the Taylor recurrences (forward mode over the
 * registry's {@link Real}-valued derivative, and finite differences). A new op is tested here
 * without a new test.
 *
 * <p>A binary op is seeded three ways ({@link Seed}): a jet in x with y a constant ({@link Real#of}),
 * a jet in y with x a constant, and both arguments jets along the same variable, {@code op(x0 + t,
 * y0 + t)}, whose derivatives mix the partials.
 */
class JetRegistryTest {

    private static final int POINTS = 25;
    /** One ulp at 1.0, 2^-52: the unit of the tolerances. */
    private static final double EPS = Math.ulp(1.0);
    /**
     * Second order: |2 c_2 - reference| &lt;= 32 eps * scale (see {@link #secondOrderScale}). The
     * jet's c_2 takes at most about five recurrence stages of two terms each (asin: neg, add, mul,
     * sqrt, div, then the integration), each term a few roundings; the reference is the registry's
     * Real-valued partial, a formula of at most about five ops, differentiated by Dual (two or three
     * roundings per op). Each side is thus within about 16 eps of the scale, and they differ by at
     * most 32 eps of it. (Measured worst, over 1000 points per op and seed: 5 eps, for acos near
     * |x| = 0.95, where the registry's {@code 1 - x*x} loses digits.)
     */
    private static final double SECOND_ORDER_EPS = 32;

    /** How a binary op's arguments are seeded; a unary op is always seeded as {@link #X}. */
    enum Seed {
        X(1, 0), Y(0, 1), BOTH(1, 1);

        final double tx;
        final double ty;

        Seed(double tx, double ty) {
            this.tx = tx;
            this.ty = ty;
        }
    }

    /** Points inside and outside every domain, for the NaN-exactly-when test. */
    private static final double[] GRID = {
        Double.NEGATIVE_INFINITY, -1e300, -710, -5, -1.5, -1, -0.5, -0.0, 0.0, 0.5, 1, 1.5, 5, 710, 1e300,
        Double.POSITIVE_INFINITY, Double.NaN
    };

    /**
     * Order 1: c_0 is {@link Op#value} bit for bit and c_1 the registry's double partial (the sum
     * of both for {@link Seed#BOTH}), also bit for bit: the bound is 0 ulps, because Jet takes c_1
     * from the registry by {@link Chain#times} exactly as {@link Dual} does (so that the two number
     * types agree, conventions included). The recurrences' own first-order terms enter c_2 and c_3,
     * checked below. A jet of order 3 has the same c_0 and c_1, and a constant operand given as a
     * constant jet of the same level acts exactly as one given by {@link Real#of}.
     */
    @TestFactory
    Stream<DynamicTest> firstOrderIsTheRegistryValueAndPartial() {
        return sweep("first order", (op, seed, x) -> {
            double f = Modes.plain(op, x);
            double partial = partial(op, seed, x);
            for (int order : new int[] {1, 3}) {
                Jet y = jet(op, seed, x, order);
                assertThat(y.value()).as("%s value, order %d", describe(op, seed, x), order).isEqualTo(f);
                assertThat(y.coefficient(1)).as("%s c_1, order %d", describe(op, seed, x), order).isEqualTo(partial);
            }
            if (op.arity() == 2 && seed != Seed.BOTH) {
                Jet viaConstantJet = seed == Seed.X
                        ? (Jet) Jet.variable(x[0], 3).apply(op, Jet.constant(x[1], 3))
                        : (Jet) Jet.constant(x[0], 3).apply(op, Jet.variable(x[1], 3));
                assertThat(viaConstantJet.coefficients()).as("%s with a constant jet", describe(op, seed, x))
                        .containsExactly(jet(op, seed, x, 3).coefficients());
            }
        });
    }

    /**
     * Order 2: {@code 2 c_2} is the second derivative along the seed, obtained by differentiating
     * the registry's {@link Real}-valued partial with {@link Dual} (for {@link Seed#BOTH}, the
     * derivative along (1, 1) of {@code dx + dy}, that is {@code f_xx + 2 f_xy + f_yy}).
     */
    @TestFactory
    Stream<DynamicTest> secondOrderMatchesDualOnTheRegistryDerivative() {
        return sweep("second order", (op, seed, x) -> {
            double reference = directional(op, seed, seed, x);
            double got = jet(op, seed, x, 2).derivative(2);
            double scale = secondOrderScale(op, seed, x);
            assertThat(got).as("%s: 2 c_2 = %s, Dual on the registry's derivative %s (scale %s)",
                    describe(op, seed, x), got, reference, scale)
                    .isCloseTo(reference, within(SECOND_ORDER_EPS * EPS * scale));
        });
    }

    /**
     * Order 3: {@code 6 c_3} is the derivative along the seed of {@code 2 c_2} (the second order,
     * itself checked above), estimated by {@link GradCheck#finiteDifference}, whose estimate carries
     * its own error bound. Dual holds plain doubles, so it cannot be nested for a third derivative.
     *
     * <p>Two terms are added to the estimate's bound. GradCheck models the rounding of the function
     * it differences as eps times its value; 2 c_2 is rounded relative to the terms it is made of
     * ({@link #secondOrderScale}), which exceed it where it cancels (hypot along its larger argument,
     * {@code (1 - (x/h)^2) / h}), so eps times that scale is added, amplified by 8/h exactly as
     * GradCheck amplifies its own rounding term. And the jet's c_3 has its own rounding, 64 eps of
     * it, so that an exact estimate (0 +- 0 for a polynomial op) does not demand bit equality.
     */
    @TestFactory
    Stream<DynamicTest> thirdOrderMatchesFiniteDifferencesOfTheSecond() {
        return sweep("third order", (op, seed, x) -> {
            double got = jet(op, seed, x, 3).derivative(3);
            // As a function of t, the point moves along the seed: x = t for X and BOTH, y = t for Y.
            double start = seed == Seed.Y ? x[1] : x[0];
            DoubleUnaryOperator second = t -> jet(op, seed, moved(op, seed, x, t), 2).derivative(2);
            GradCheck.Estimate e = GradCheck.finiteDifference(second, start);
            double tolerance = e.error() + 8 * EPS * secondOrderScale(op, seed, x) / e.step() + 64 * EPS * Math.abs(got);
            assertThat(got).as("%s: 6 c_3 = %s, finite differences of 2 c_2: %s +- %s",
                    describe(op, seed, x), got, e.value(), e.error())
                    .isCloseTo(e.value(), within(tolerance));
        });
    }

    /**
     * Coefficient k depends only on coefficients up to k of the arguments, so a jet of order 3 and
     * one of order 6 agree bit for bit on c_0..c_3: no recurrence depends on the order it runs to.
     */
    @TestFactory
    Stream<DynamicTest> lowerCoefficientsDoNotDependOnTheOrder() {
        return sweep("truncation", (op, seed, x) -> {
            double[] low = jet(op, seed, x, 3).coefficients();
            double[] high = Arrays.copyOf(jet(op, seed, x, 6).coefficients(), 4);
            assertThat(high).as(describe(op, seed, x)).containsExactly(low);
        });
    }

    /**
     * Everywhere, also outside the domain and at infinities: the jet's value is the plain double
     * computation (NaN exactly when it is NaN), and where the value is NaN every coefficient is NaN.
     */
    @TestFactory
    Stream<DynamicTest> valueIsThePlainComputationAndNanSpreadsToEveryCoefficient() {
        return Arrays.stream(Op.values()).map(op -> DynamicTest.dynamicTest(op.symbol(), () -> {
            for (double a : GRID) {
                for (double b : op.arity() == 1 ? new double[] {0} : GRID) {
                    double[] x = op.arity() == 1 ? new double[] {a} : new double[] {a, b};
                    double plain = Modes.plain(op, x);
                    for (Seed seed : seeds(op)) {
                        Jet y = jet(op, seed, x, 3);
                        assertThat(Double.compare(y.value(), plain))
                                .as("%s: %s vs plain %s", describe(op, seed, x), y.value(), plain).isZero();
                        if (Double.isNaN(plain)) {
                            assertThat(y.coefficients()).as(describe(op, seed, x)).containsOnly(Double.NaN);
                        }
                    }
                }
            }
        }));
    }

    // ---- helpers -------------------------------------------------------------------------------

    interface Check {
        void at(Op op, Seed seed, double[] x);
    }

    /** One dynamic test per op and seed, each at {@link #POINTS} sampled points of the op's domain. */
    private static Stream<DynamicTest> sweep(String what, Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Op op : Op.values()) {
            for (Seed seed : seeds(op)) {
                tests.add(DynamicTest.dynamicTest(what + ": " + op.symbol() + " seeded " + seed, () -> {
                    SplittableRandom rng = new SplittableRandom(op.ordinal() * 6151L + seed.ordinal());
                    for (int p = 0; p < POINTS; p++) {
                        check.at(op, seed, op.domain().sample(rng));
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static List<Seed> seeds(Op op) {
        return op.arity() == 1 ? List.of(Seed.X) : List.of(Seed.values());
    }

    /** {@code op} applied to jets of the given order, seeded as {@code seed} at x. */
    static Jet jet(Op op, Seed seed, double[] x, int order) {
        if (op.arity() == 1) {
            return (Jet) Jet.variable(x[0], order).apply(op);
        }
        return (Jet) switch (seed) {
            case X -> Jet.variable(x[0], order).apply(op, Real.of(x[1]));
            case Y -> Real.of(x[0]).apply(op, Jet.variable(x[1], order));
            case BOTH -> Jet.variable(x[0], order).apply(op, Jet.variable(x[1], order));
        };
    }

    /** The registry's double partial along the seed: d, dx, dy or dx + dy. */
    private static double partial(Op op, Seed seed, double[] x) {
        if (op.arity() == 1) {
            return op.d(x[0], op.value(x[0]));
        }
        double f = op.value(x[0], x[1]);
        return switch (seed) {
            case X -> op.dx(x[0], x[1], f);
            case Y -> op.dy(x[0], x[1], f);
            case BOTH -> op.dx(x[0], x[1], f) + op.dy(x[0], x[1], f);
        };
    }

    /**
     * The derivative along {@code along} of the registry's Real-valued partial along {@code of}, by
     * {@link Dual}: {@code directional(op, X, X, x)} is f_xx, {@code (Y, X)} is f_xy, {@code (BOTH,
     * BOTH)} is f_xx + 2 f_xy + f_yy.
     */
    private static double directional(Op op, Seed of, Seed along, double[] x) {
        if (op.arity() == 1) {
            Dual d = Dual.variable(x[0]);
            return tangent(op.d(d, d.apply(op)));
        }
        Dual a = Dual.of(x[0], along.tx);
        Dual b = Dual.of(x[1], along.ty);
        Real f = a.apply(op, b);
        Real sum = Real.of(0);
        if (of.tx != 0) {
            sum = sum.add(op.dx(a, b, f));
        }
        if (of.ty != 0) {
            sum = sum.add(op.dy(a, b, f));
        }
        return tangent(sum);
    }

    /**
     * The size of the terms a second derivative is computed from: the second derivative along the
     * seed can cancel (sigmoid'' = s'(x) (s(-x) - s(x)) near 0, or f_xx + 2 f_xy + f_yy of x/y
     * near x = y), so its rounding is relative to the larger of its parts (|f_xx| + 2 |f_xy| +
     * |f_yy| over the seeded arguments) and the first partials they are made of.
     */
    private static double secondOrderScale(Op op, Seed seed, double[] x) {
        if (op.arity() == 1) {
            return Math.max(Math.abs(directional(op, Seed.X, Seed.X, x)), Math.abs(partial(op, Seed.X, x)));
        }
        double parts = 0;
        double first = 0;
        if (seed.tx != 0) {
            parts += Math.abs(directional(op, Seed.X, Seed.X, x));
            first += Math.abs(partial(op, Seed.X, x));
        }
        if (seed.ty != 0) {
            parts += Math.abs(directional(op, Seed.Y, Seed.Y, x));
            first += Math.abs(partial(op, Seed.Y, x));
        }
        if (seed == Seed.BOTH) {
            parts += 2 * Math.abs(directional(op, Seed.Y, Seed.X, x));
        }
        return Math.max(Math.max(parts, first), Double.MIN_NORMAL);
    }

    /** The point x moved along the seed so that its moving coordinate is t. */
    private static double[] moved(Op op, Seed seed, double[] x, double t) {
        if (op.arity() == 1) {
            return new double[] {t};
        }
        return switch (seed) {
            case X -> new double[] {t, x[1]};
            case Y -> new double[] {x[0], t};
            case BOTH -> new double[] {t, x[1] + (t - x[0])};
        };
    }

    private static double tangent(Real r) {
        return r instanceof Dual d ? d.tangent() : 0;
    }

    private static String describe(Op op, Seed seed, double[] x) {
        return op.symbol() + Arrays.toString(x) + (op.arity() == 2 ? " seeded " + seed : "");
    }
}
