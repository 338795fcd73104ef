package org.autodiff4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of elementary functions: one constant per op, declaring in one place its value, its
 * partial derivatives, the domain the tests sample, and its convention where it is not
 * differentiable.
 *
 * <p>Each partial is declared twice, side by side: on {@code double}s, which the fast number types
 * ({@link Dual}, {@link DualVec}, {@link Var}) call while recording, and with {@link Real}
 * operations, so that the derivative can itself be differentiated (nested, higher-order modes).
 * The registry tests check that the two forms agree and that both match finite differences.
 * Unary partials take {@code (x, fx)} and binary ones {@code (x, y, f)}, where {@code fx} and
 * {@code f} are the op's value: many derivatives are cheapest from it ({@code exp' = exp}).
 *
 * <p>Every number type applies an op through {@link Real#apply(Op)} and {@link Real#apply(Op, Real)};
 * the named methods of {@link Real} ({@code x.sin()}) are shorthands for those. The expression
 * language, the CLI help and the test sweep all iterate {@link #values()}.
 *
 * <pre>{@code
 * Op.SIN.value(0.5);                      // sin(0.5)
 * Op.SIN.d(0.5, Op.SIN.value(0.5));       // cos(0.5)
 * Real y = x.apply(Op.SIN);                // same as x.sin()
 * }</pre>
 */
public enum Op {

    // ---- arithmetic ----------------------------------------------------------------------------

    /** {@code x + y}; partials 1, 1. */
    ADD(2, Domain.of(-3, 3, -3, 3), "") {
        @Override public double value(double x, double y) { return x + y; }
        @Override public double dx(double x, double y, double f) { return 1; }
        @Override public double dy(double x, double y, double f) { return 1; }
        @Override public Real dx(Real x, Real y, Real f) { return Constant.ONE; }
        @Override public Real dy(Real x, Real y, Real f) { return Constant.ONE; }
    },
    /** {@code x - y}; partials 1, -1. */
    SUB(2, Domain.of(-3, 3, -3, 3), "") {
        @Override public double value(double x, double y) { return x - y; }
        @Override public double dx(double x, double y, double f) { return 1; }
        @Override public double dy(double x, double y, double f) { return -1; }
        @Override public Real dx(Real x, Real y, Real f) { return Constant.ONE; }
        @Override public Real dy(Real x, Real y, Real f) { return Constant.MINUS_ONE; }
    },
    /** {@code x * y}; partials y, x. */
    MUL(2, Domain.of(-3, 3, -3, 3), "") {
        @Override public double value(double x, double y) { return x * y; }
        @Override public double dx(double x, double y, double f) { return y; }
        @Override public double dy(double x, double y, double f) { return x; }
        @Override public Real dx(Real x, Real y, Real f) { return y; }
        @Override public Real dy(Real x, Real y, Real f) { return x; }
    },
    /** {@code x / y}; partials 1/y, -x/y^2 (= -f/y). */
    DIV(2, Domain.of(-3, 3, 0.2, 3), "") {
        @Override public double value(double x, double y) { return x / y; }
        @Override public double dx(double x, double y, double f) { return 1 / y; }
        @Override public double dy(double x, double y, double f) { return -f / y; }
        @Override public Real dx(Real x, Real y, Real f) { return Constant.ONE.div(y); }
        @Override public Real dy(Real x, Real y, Real f) { return f.neg().div(y); }
    },
    /** {@code -x}; derivative -1. */
    NEG(1, Domain.of(-3, 3), "") {
        @Override public double value(double x) { return -x; }
        @Override public double d(double x, double fx) { return -1; }
        @Override public Real d(Real x, Real fx) { return Constant.MINUS_ONE; }
    },
    /**
     * {@code x^y} as {@link Math#pow}; partials {@code y x^(y-1)} and {@code x^y ln x}.
     * The partial in y is NaN for x &lt; 0 (undefined there) and 0 at x = 0.
     */
    POW(2, Domain.of(0.2, 3, -2, 2),
            "pow(x, y) follows Math.pow for the value; d/dx is given where defined (also for x <= 0"
            + " with integer y), d/dy is NaN for x < 0 and 0 at x = 0") {
        @Override public double value(double x, double y) { return Math.pow(x, y); }
        // NOTE: y = 0 makes x^0 = 1 constant: the partial is 0, also at x = 0 where 0 * 0^-1 is NaN.
        @Override public double dx(double x, double y, double f) { return y == 0 ? 0 : y * Math.pow(x, y - 1); }
        // NOTE: as JAX, d/dy x^y = 0 at x = 0 (x^y is 0 for every y > 0), not 0 * ln 0 = NaN.
        @Override public double dy(double x, double y, double f) { return x == 0 ? 0 : f * Math.log(x); }
        @Override public Real dx(Real x, Real y, Real f) {
            return y.value() == 0 ? Constant.ZERO : y.mul(x.pow(y.sub(1)));
        }
        @Override public Real dy(Real x, Real y, Real f) {
            return x.value() == 0 ? Constant.ZERO : f.mul(x.log());
        }
    },

    // ---- trigonometric and hyperbolic ----------------------------------------------------------

    /** {@code sin x}; derivative {@code cos x}. */
    SIN(1, Domain.of(-4, 4), "") {
        @Override public double value(double x) { return Math.sin(x); }
        @Override public double d(double x, double fx) { return Math.cos(x); }
        @Override public Real d(Real x, Real fx) { return x.cos(); }
    },
    /** {@code cos x}; derivative {@code -sin x}. */
    COS(1, Domain.of(-4, 4), "") {
        @Override public double value(double x) { return Math.cos(x); }
        @Override public double d(double x, double fx) { return -Math.sin(x); }
        @Override public Real d(Real x, Real fx) { return x.sin().neg(); }
    },
    /** {@code tan x}; derivative {@code 1 + tan^2 x}. */
    TAN(1, Domain.of(-1.4, 1.4), "") {
        @Override public double value(double x) { return Math.tan(x); }
        @Override public double d(double x, double fx) { return 1 + fx * fx; }
        @Override public Real d(Real x, Real fx) { return fx.mul(fx).add(1); }
    },
    /** {@code asin x}; derivative {@code 1/sqrt(1 - x^2)}, +inf at |x| = 1. */
    ASIN(1, Domain.of(-0.95, 0.95), "") {
        @Override public double value(double x) { return Math.asin(x); }
        @Override public double d(double x, double fx) { return 1 / Math.sqrt(1 - x * x); }
        @Override public Real d(Real x, Real fx) { return Constant.ONE.div(x.mul(x).neg().add(1).sqrt()); }
    },
    /** {@code acos x}; derivative {@code -1/sqrt(1 - x^2)}, -inf at |x| = 1. */
    ACOS(1, Domain.of(-0.95, 0.95), "") {
        @Override public double value(double x) { return Math.acos(x); }
        @Override public double d(double x, double fx) { return -1 / Math.sqrt(1 - x * x); }
        @Override public Real d(Real x, Real fx) { return Constant.MINUS_ONE.div(x.mul(x).neg().add(1).sqrt()); }
    },
    /** {@code atan x}; derivative {@code 1/(1 + x^2)}. */
    ATAN(1, Domain.of(-4, 4), "") {
        @Override public double value(double x) { return Math.atan(x); }
        @Override public double d(double x, double fx) { return 1 / (1 + x * x); }
        @Override public Real d(Real x, Real fx) { return Constant.ONE.div(x.mul(x).add(1)); }
    },
    /**
     * {@code atan2(y, x)}, the angle of the point (x, y), as {@link Math#atan2}; the receiver is y:
     * {@code y.atan2(x)}. Partials {@code x/(x^2+y^2)} in y and {@code -y/(x^2+y^2)} in x; NaN at
     * the origin, where the angle is undefined.
     */
    ATAN2(2, Domain.of(0.2, 3, -3, 3), "NaN partials at (0, 0)") {
        @Override public double value(double y, double x) { return Math.atan2(y, x); }
        // NOTE: (x / r) / r with r = hypot(y, x), not x / (x^2 + y^2), which overflows past 1e154.
        @Override public double dx(double y, double x, double f) { double r = Math.hypot(y, x); return x / r / r; }
        @Override public double dy(double y, double x, double f) { double r = Math.hypot(y, x); return -y / r / r; }
        @Override public Real dx(Real y, Real x, Real f) { Real r = y.hypot(x); return x.div(r).div(r); }
        @Override public Real dy(Real y, Real x, Real f) { Real r = y.hypot(x); return y.neg().div(r).div(r); }
    },
    /** {@code sinh x}; derivative {@code cosh x}. */
    SINH(1, Domain.of(-3, 3), "") {
        @Override public double value(double x) { return Math.sinh(x); }
        @Override public double d(double x, double fx) { return Math.cosh(x); }
        @Override public Real d(Real x, Real fx) { return x.cosh(); }
    },
    /** {@code cosh x}; derivative {@code sinh x}. */
    COSH(1, Domain.of(-3, 3), "") {
        @Override public double value(double x) { return Math.cosh(x); }
        @Override public double d(double x, double fx) { return Math.sinh(x); }
        @Override public Real d(Real x, Real fx) { return x.sinh(); }
    },
    /** {@code tanh x}; derivative {@code 1/cosh^2 x}. */
    TANH(1, Domain.of(-3, 3), "") {
        @Override public double value(double x) { return Math.tanh(x); }
        // NOTE: 1/cosh^2 rather than 1 - tanh^2, which rounds to 0 for |x| > 19 (true value ~4e-17).
        @Override public double d(double x, double fx) { double c = Math.cosh(x); return 1 / (c * c); }
        @Override public Real d(Real x, Real fx) { return x.cosh().pow(-2.0); }
    },

    // ---- exponential and logarithmic -----------------------------------------------------------

    /** {@code e^x}; derivative {@code e^x}. */
    EXP(1, Domain.of(-3, 3), "") {
        @Override public double value(double x) { return Math.exp(x); }
        @Override public double d(double x, double fx) { return fx; }
        @Override public Real d(Real x, Real fx) { return fx; }
    },
    /** {@code e^x - 1}, accurate near 0; derivative {@code e^x}. */
    EXPM1(1, Domain.of(-3, 3), "") {
        @Override public double value(double x) { return Math.expm1(x); }
        @Override public double d(double x, double fx) { return Math.exp(x); }
        @Override public Real d(Real x, Real fx) { return x.exp(); }
    },
    /** {@code ln x}; derivative {@code 1/x}. */
    LOG(1, Domain.of(0.1, 10), "") {
        @Override public double value(double x) { return Math.log(x); }
        @Override public double d(double x, double fx) { return 1 / x; }
        @Override public Real d(Real x, Real fx) { return Constant.ONE.div(x); }
    },
    /** {@code ln(1 + x)}, accurate near 0; derivative {@code 1/(1 + x)}. */
    LOG1P(1, Domain.of(-0.9, 10), "") {
        @Override public double value(double x) { return Math.log1p(x); }
        @Override public double d(double x, double fx) { return 1 / (1 + x); }
        @Override public Real d(Real x, Real fx) { return Constant.ONE.div(x.add(1)); }
    },
    /** {@code log2 x}; derivative {@code 1/(x ln 2)}. */
    LOG2(1, Domain.of(0.1, 10), "") {
        @Override public double value(double x) { return Math.log(x) / LN2; }
        @Override public double d(double x, double fx) { return 1 / (x * LN2); }
        @Override public Real d(Real x, Real fx) { return Constant.ONE.div(x.mul(LN2)); }
    },
    /** {@code log10 x}; derivative {@code 1/(x ln 10)}. */
    LOG10(1, Domain.of(0.1, 10), "") {
        @Override public double value(double x) { return Math.log10(x); }
        @Override public double d(double x, double fx) { return 1 / (x * LN10); }
        @Override public Real d(Real x, Real fx) { return Constant.ONE.div(x.mul(LN10)); }
    },
    /** {@code sqrt x}; derivative {@code 1/(2 sqrt x)}, +inf at 0. */
    SQRT(1, Domain.of(0.05, 10), "sqrt'(0) = +inf") {
        @Override public double value(double x) { return Math.sqrt(x); }
        // NOTE: +inf at 0 also for x = -0.0, whose root is -0.0.
        @Override public double d(double x, double fx) { return fx == 0 ? Double.POSITIVE_INFINITY : 0.5 / fx; }
        // NOTE: 0.5 / fx also at fx = +0 (+inf), so a nested derivative gives sqrt''(0) = -inf; only -0 is special.
        @Override public Real d(Real x, Real fx) {
            return Double.doubleToRawLongBits(fx.value()) == Long.MIN_VALUE
                    ? Constant.of(Double.POSITIVE_INFINITY) : Constant.HALF.div(fx);
        }
    },
    /** {@code cbrt x}; derivative {@code 1/(3 cbrt(x)^2)}, +inf at 0. */
    CBRT(1, Domain.of(-5, 5).avoiding(p -> Math.abs(p[0]) < 0.05), "cbrt'(0) = +inf") {
        @Override public double value(double x) { return Math.cbrt(x); }
        @Override public double d(double x, double fx) { return 1 / (3 * fx * fx); }
        @Override public Real d(Real x, Real fx) { return Constant.ONE.div(fx.mul(fx).mul(3)); }
    },
    /** {@code sqrt(x^2 + y^2)} without overflow, as {@link Math#hypot}; partials x/f, y/f, and 0 at the origin. */
    HYPOT(2, Domain.of(-3, 3, -3, 3).avoiding(p -> Math.hypot(p[0], p[1]) < 0.05), "partials (0, 0) at the origin, as abs'(0) = 0") {
        @Override public double value(double x, double y) { return Math.hypot(x, y); }
        // NOTE: at (0, 0) the partials are 0/0; hypot(x, 0) = |x|, so we follow abs'(0) = 0.
        @Override public double dx(double x, double y, double f) { return f == 0 ? 0 : x / f; }
        @Override public double dy(double x, double y, double f) { return f == 0 ? 0 : y / f; }
        @Override public Real dx(Real x, Real y, Real f) { return f.value() == 0 ? Constant.ZERO : x.div(f); }
        @Override public Real dy(Real x, Real y, Real f) { return f.value() == 0 ? Constant.ZERO : y.div(f); }
    },

    // ---- piecewise: kinks and steps ------------------------------------------------------------

    /** {@code |x|}; derivative {@code sign x}, 0 at 0. */
    ABS(1, Domain.of(-3, 3).avoiding(p -> Math.abs(p[0]) < 0.05), "abs'(0) = 0") {
        @Override public double value(double x) { return Math.abs(x); }
        // NOTE: signum(0) = 0: the subgradient of smallest norm, as PyTorch and JAX.
        @Override public double d(double x, double fx) { return Math.signum(x); }
        @Override public Real d(Real x, Real fx) { return Constant.of(Math.signum(x.value())); }
    },
    /** {@code sign x} (-1, 0 or 1, as {@link Math#signum}); derivative 0. */
    SIGN(1, Domain.of(-3, 3).avoiding(p -> Math.abs(p[0]) < 0.05), "sign' = 0 everywhere, also at 0") {
        @Override public double value(double x) { return Math.signum(x); }
        @Override public double d(double x, double fx) { return 0; }
        @Override public Real d(Real x, Real fx) { return Constant.ZERO; }
    },
    /** {@code floor x}; derivative 0. */
    FLOOR(1, Domain.of(-3, 3).avoiding(p -> Domain.nearGrid(p[0], 1, 0, 0.05)), "floor' = 0 everywhere, also at integers") {
        @Override public double value(double x) { return Math.floor(x); }
        @Override public double d(double x, double fx) { return 0; }
        @Override public Real d(Real x, Real fx) { return Constant.ZERO; }
    },
    /** {@code ceil x}; derivative 0. */
    CEIL(1, Domain.of(-3, 3).avoiding(p -> Domain.nearGrid(p[0], 1, 0, 0.05)), "ceil' = 0 everywhere, also at integers") {
        @Override public double value(double x) { return Math.ceil(x); }
        @Override public double d(double x, double fx) { return 0; }
        @Override public Real d(Real x, Real fx) { return Constant.ZERO; }
    },
    /** {@code round x}, halves to even (as {@link Math#rint}, NumPy and PyTorch); derivative 0. */
    ROUND(1, Domain.of(-3, 3).avoiding(p -> Domain.nearGrid(p[0], 1, 0.5, 0.05)), "round' = 0 everywhere; halves round to even") {
        @Override public double value(double x) { return Math.rint(x); }
        @Override public double d(double x, double fx) { return 0; }
        @Override public Real d(Real x, Real fx) { return Constant.ZERO; }
    },
    /** {@code max(x, 0)}; derivative 1 for x &gt; 0, else 0 (also at 0). */
    RELU(1, Domain.of(-3, 3).avoiding(p -> Math.abs(p[0]) < 0.05), "relu'(0) = 0") {
        @Override public double value(double x) { return Math.max(x, 0.0); }
        // NOTE: relu'(0) = 0 as PyTorch; writing relu as max(x, 0) would give 1/2 by the tie rule.
        @Override public double d(double x, double fx) { return x > 0 ? 1 : x <= 0 ? 0 : Double.NaN; }
        @Override public Real d(Real x, Real fx) { return Constant.of(d(x.value(), fx.value())); }
    },
    /** {@code max(x, y)}; partials 1 and 0 for the larger, 1/2 each at a tie. */
    MAX(2, Domain.of(-3, 3, -3, 3).avoiding(p -> Math.abs(p[0] - p[1]) < 0.05), "at a tie x = y the gradient is split evenly") {
        @Override public double value(double x, double y) { return Math.max(x, y); }
        // NOTE: the tie rule splits evenly (as JAX), so max(x, x) has derivative 1 and the rule is symmetric.
        @Override public double dx(double x, double y, double f) { return x > y ? 1 : x < y ? 0 : x == y ? 0.5 : Double.NaN; }
        @Override public double dy(double x, double y, double f) { return dx(y, x, f); }
        @Override public Real dx(Real x, Real y, Real f) { return Constant.of(dx(x.value(), y.value(), f.value())); }
        @Override public Real dy(Real x, Real y, Real f) { return Constant.of(dy(x.value(), y.value(), f.value())); }
    },
    /** {@code min(x, y)}; partials 1 and 0 for the smaller, 1/2 each at a tie. */
    MIN(2, Domain.of(-3, 3, -3, 3).avoiding(p -> Math.abs(p[0] - p[1]) < 0.05), "at a tie x = y the gradient is split evenly") {
        @Override public double value(double x, double y) { return Math.min(x, y); }
        @Override public double dx(double x, double y, double f) { return x < y ? 1 : x > y ? 0 : x == y ? 0.5 : Double.NaN; }
        @Override public double dy(double x, double y, double f) { return dx(y, x, f); }
        @Override public Real dx(Real x, Real y, Real f) { return Constant.of(dx(x.value(), y.value(), f.value())); }
        @Override public Real dy(Real x, Real y, Real f) { return Constant.of(dy(x.value(), y.value(), f.value())); }
    },

    // ---- machine learning and statistics -------------------------------------------------------

    /** {@code 1/(1 + e^-x)}, without overflow; derivative {@code sigmoid(x) sigmoid(-x)}. */
    SIGMOID(1, Domain.of(-6, 6), "") {
        // NOTE: e^-|x| never overflows; the two branches are the same function.
        @Override public double value(double x) {
            double e = Math.exp(-Math.abs(x));
            return x >= 0 ? 1 / (1 + e) : e / (1 + e);
        }
        // NOTE: e/(1+e)^2 keeps full relative precision in the tails, where s(1-s) rounds to 0.
        @Override public double d(double x, double fx) {
            double e = Math.exp(-Math.abs(x));
            return e / ((1 + e) * (1 + e));
        }
        @Override public Real d(Real x, Real fx) { return fx.mul(x.neg().sigmoid()); }
    },
    /** {@code ln(1 + e^x)}, without overflow; derivative {@code sigmoid x}. */
    SOFTPLUS(1, Domain.of(-6, 6), "") {
        // NOTE: max(x, 0) + log1p(e^-|x|) is exact to rounding for every x; ln(1 + e^x) overflows at 710.
        @Override public double value(double x) { return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))); }
        @Override public double d(double x, double fx) { return SIGMOID.value(x); }
        @Override public Real d(Real x, Real fx) { return x.sigmoid(); }
    },
    /** The error function {@code erf x}; derivative {@code 2/sqrt(pi) e^(-x^2)}. */
    ERF(1, Domain.of(-3, 3), "") {
        @Override public double value(double x) { return Special.erf(x); }
        @Override public double d(double x, double fx) { return TWO_OVER_SQRT_PI * Math.exp(-x * x); }
        @Override public Real d(Real x, Real fx) { return x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI); }
    };

    private static final double LN2 = Math.log(2);
    private static final double LN10 = Math.log(10);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private final int arity;
    private final Domain domain;
    private final String convention;

    Op(int arity, Domain domain, String convention) {
        this.arity = arity;
        this.domain = domain;
        this.convention = convention;
    }

    /** The name the expression language and the CLI use: {@code "sin"}, {@code "atan2"}. */
    public String symbol() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The number of arguments: 1 or 2. */
    public int arity() {
        return arity;
    }

    /** Where the op is smooth and finite: the box the registry tests sample. */
    public Domain domain() {
        return domain;
    }

    /** The convention at points where the op is not differentiable, or {@code ""} where it is smooth. */
    public String convention() {
        return convention;
    }

    /** The op named {@code symbol} ({@code "sin"}), if there is one. */
    public static Optional<Op> find(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol().equals(symbol)).findFirst();
    }

    // ---- unary ops override these --------------------------------------------------------------

    /** The value of a unary op at x. */
    public double value(double x) {
        throw wrongArity(1);
    }

    /** The derivative of a unary op at x, given its value fx there. */
    public double d(double x, double fx) {
        throw wrongArity(1);
    }

    /** The derivative of a unary op as a {@link Real}, so that it can be differentiated again. */
    public Real d(Real x, Real fx) {
        throw wrongArity(1);
    }

    // ---- binary ops override these -------------------------------------------------------------

    /** The value of a binary op at (x, y). */
    public double value(double x, double y) {
        throw wrongArity(2);
    }

    /** The partial derivative of a binary op in its first argument, given its value f. */
    public double dx(double x, double y, double f) {
        throw wrongArity(2);
    }

    /** The partial derivative of a binary op in its second argument, given its value f. */
    public double dy(double x, double y, double f) {
        throw wrongArity(2);
    }

    /** {@link #dx(double, double, double)} as a {@link Real}, so that it can be differentiated again. */
    public Real dx(Real x, Real y, Real f) {
        throw wrongArity(2);
    }

    /** {@link #dy(double, double, double)} as a {@link Real}, so that it can be differentiated again. */
    public Real dy(Real x, Real y, Real f) {
        throw wrongArity(2);
    }

    private IllegalArgumentException wrongArity(int given) {
        return new IllegalArgumentException(symbol() + " takes " + arity + (arity == 1 ? " argument" : " arguments")
                + ", not " + given);
    }
}
