package org.autodiff4j;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A truncated Taylor series {@code c_0 + c_1 t + ... + c_K t^K}: Taylor mode, derivatives of any
 * order of a function of one variable in one pass. Seeded with {@link #variable(double, int)}, the
 * input is {@code x0 + t}, and after {@code f} has run its result holds the Taylor coefficients of
 * {@code f(x0 + t)}: {@code c_k = f^(k)(x0) / k!}.
 *
 * <pre>{@code
 * Jet x = Jet.variable(0.5, 4);                 // 0.5 + t, to order 4
 * Jet y = (Jet) x.sin().exp();                  // exp(sin x)
 * y.value();                                    // 1.6151462964...
 * y.derivatives();                              // {1.6151..., 1.4174..., 0.4695..., -2.3644..., -5.7077...}
 * }</pre>
 *
 * <p>Each op costs O(K^2) (the recurrences of Griewank and Walther, "Evaluating Derivatives",
 * 2nd ed., ch. 13, as in TaylorSeries.jl), against the 2^K passes of K nested dual numbers.
 * Choose {@code Jet} for derivatives of order two and higher of a function of one variable (or along
 * one direction, seeded with {@link #of}): Taylor-series ODE solvers, series expansions, curvature.
 * For the first derivative alone {@link Dual} is cheaper; for gradients of many inputs use {@link Var}.
 *
 * <p>Agreement with the other number types: the value {@code c_0} is {@link Op#value} bit for bit,
 * and {@code c_1} is exactly the tangent {@link Dual} computes, with the registry's conventions at
 * kinks ({@code abs'(0) = 0}, {@code sqrt'(0) = +inf}, ties of max and min split evenly).
 * Piecewise-linear ops continue with the local linear piece that convention selects (so
 * {@code abs} of a jet at 0 has all higher coefficients 0). Where the value is NaN every coefficient
 * is NaN; where a function is not analytic at {@code x0} (a root at 0) the coefficients that do not
 * exist are NaN. A jet whose coefficients after the first are all 0 is a constant: its partial does
 * not enter (as a zero tangent in {@link Dual}), so {@code x^3} at {@code x0 < 0} is a polynomial
 * although {@code d/dy x^y} is NaN there.
 *
 * <p>Jets combine with jets of the same order and with constants; a jet of an outer
 * differentiation (a lower level) combines with an inner one only if it is constant.
 */
public final class Jet implements Real {

    private static final double LN2 = Math.log(2);
    private static final double LN10 = Math.log(10);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    /** The coefficients c_0 .. c_K; never modified after construction. */
    private final double[] c;
    final long level;

    Jet(double[] c, long level) {
        this.c = c;
        this.level = level;
    }

    /**
     * The input {@code x0 + t} to order {@code order}: coefficients {@code x0, 1, 0, ...}, so that
     * the result of a function holds its derivatives at x0.
     *
     * <pre>{@code Jet.variable(2, 3).pow(3.0);   // 8 + 12 t + 6 t^2 + t^3: derivatives 8, 12, 12, 6}</pre>
     *
     * @throws IllegalArgumentException if {@code order} is negative
     */
    public static Jet variable(double x0, int order) {
        double[] c = new double[requireOrder(order) + 1];
        c[0] = x0;
        if (order > 0) {
            c[1] = 1;
        }
        return new Jet(c, Levels.USER);
    }

    /**
     * The constant {@code value} to order {@code order}: all coefficients after the first are 0.
     *
     * @throws IllegalArgumentException if {@code order} is negative
     */
    public static Jet constant(double value, int order) {
        double[] c = new double[requireOrder(order) + 1];
        c[0] = value;
        return new Jet(c, Levels.USER);
    }

    /**
     * The jet with the given coefficients (copied); its order is {@code coefficients.length - 1}.
     * {@code Jet.of(x0, v)} seeds the direction v: the result's {@code k! c_k} is then the k-th
     * derivative along v, {@code v^k f^(k)(x0)}.
     *
     * <pre>{@code Jet.of(1, 1, 0).mul(Jet.of(1, 1, 0));   // (1 + t)^2 = 1 + 2t + t^2}</pre>
     *
     * @throws IllegalArgumentException if there is no coefficient
     */
    public static Jet of(double... coefficients) {
        if (coefficients == null || coefficients.length == 0) {
            throw new IllegalArgumentException("a Jet needs at least one coefficient (its value), got none");
        }
        return new Jet(coefficients.clone(), Levels.USER);
    }

    /** The order K: the highest power of t kept. */
    public int order() {
        return c.length - 1;
    }

    /** The value {@code c_0 = f(x0)}. */
    @Override
    public double value() {
        return c[0];
    }

    /**
     * The Taylor coefficient {@code c_k = f^(k)(x0) / k!}.
     *
     * @throws IllegalArgumentException if k is not in {@code [0, order()]}
     */
    public double coefficient(int k) {
        return c[requireIndex(k)];
    }

    /** All Taylor coefficients {@code c_0 .. c_K} (a copy). */
    public double[] coefficients() {
        return c.clone();
    }

    /**
     * The k-th derivative {@code f^(k)(x0) = k! c_k}.
     *
     * <pre>{@code ((Jet) Jet.variable(0, 5).exp()).derivative(5);   // 1.0}</pre>
     *
     * @throws IllegalArgumentException if k is not in {@code [0, order()]}
     */
    public double derivative(int k) {
        return factorialTimes(requireIndex(k), c[k]);
    }

    /** All derivatives {@code f(x0), f'(x0), ..., f^(K)(x0)}: {@code k! c_k} for k = 0..K. */
    public double[] derivatives() {
        double[] d = new double[c.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = factorialTimes(k, c[k]);
        }
        return d;
    }

    /** True if every coefficient after the first is 0: the jet is a constant. */
    boolean isConstant() {
        for (int k = 1; k < c.length; k++) {
            if (c[k] != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- unary ops -----------------------------------------------------------------------------

    /**
     * The series of {@code op(x(t))}: {@code c_0} is {@code op.value(x_0)}, {@code c_1} the tangent
     * {@link Dual} would carry, and {@code c_2 .. c_K} come from the op's Taylor recurrence, O(K^2).
     *
     * <pre>{@code ((Jet) Jet.variable(0, 3).sin()).coefficients();   // {0, 1, 0, -1/6}}</pre>
     *
     * @throws IllegalArgumentException if {@code op} is not unary
     */
    @Override
    public Real apply(Op op) {
        double x0 = c[0];
        double f = op.value(x0); // throws for a binary op, with the registry's message
        if (isConstant()) {
            return constantLike(f, c.length, level);
        }
        if (Double.isNaN(f)) {
            return nan(c.length, level);
        }
        double d = op.d(x0, f);
        double[] y = switch (op) {
            case NEG -> Chain.scale(-1, c);
            case SIN -> Taylor.sinCos(c, f, Math.cos(x0), -1)[0];
            case COS -> Taylor.sinCos(c, Math.sin(x0), f, -1)[1];
            case SINH -> Taylor.sinCos(c, f, Math.cosh(x0), 1)[0];
            case COSH -> Taylor.sinCos(c, Math.sinh(x0), f, 1)[1];
            // NOTE: the derivative factor p = f'(x) starts from the registry's p0 (1/cosh^2 for tanh,
            // e/(1+e)^2 for sigmoid), which keeps full relative precision in the tails where 1 - y^2
            // and y (1 - y) round to 0; for sigmoid the next factor 1 - 2y is -tanh(x/2), exact near 0.
            case TAN -> Taylor.riccati(c, f, d, 2 * f, 1);
            case TANH -> Taylor.riccati(c, f, d, -2 * f, -1);
            case SIGMOID -> Taylor.riccati(c, f, d, -Math.tanh(x0 / 2), -1);
            case EXP -> Taylor.exp(c, f);
            case EXPM1 -> Taylor.exp(c, d); // d = e^x0: expm1 and exp differ only in c_0
            case LOG -> Taylor.log(c, x0, f);
            case LOG1P -> Taylor.log(c, 1 + x0, f);
            case LOG2 -> divide(Taylor.log(c, x0, f), LN2);
            case LOG10 -> divide(Taylor.log(c, x0, f), LN10);
            case SQRT -> x0 == 0 ? powAtZero(c, 0.5) : Taylor.sqrt(c, f);
            // NOTE: the exponent 1/3 is rounded (relative error 2^-54), which moves the coefficients by
            // about k 2^-54 relative: far below the rounding of the recurrence itself.
            case CBRT -> x0 == 0 ? powAtZero(c, 1.0 / 3) : Taylor.pow(c, 1.0 / 3, f);
            // NOTE: 1 - x^2 as (1 - x)(1 + x): 1 - x0 is exact for x0 in [1/2, 2] (Sterbenz), so the
            // factor keeps its relative precision as |x0| nears 1, where 1 - x0*x0 loses digits.
            case ASIN -> integrate(Constant.ONE.div(head().neg().add(1).mul(head().add(1)).sqrt()), f);
            case ACOS -> integrate(Constant.MINUS_ONE.div(head().neg().add(1).mul(head().add(1)).sqrt()), f);
            case ATAN -> integrate(Constant.ONE.div(head().mul(head()).add(1)), f);
            case ERF -> integrate(head().mul(head()).neg().exp().mul(TWO_OVER_SQRT_PI), f);
            case SOFTPLUS -> integrate(head().sigmoid(), f);
            // NOTE: piecewise linear: the local linear piece with the registry's slope at x0, also at a
            // kink (abs'(0) = 0, relu'(0) = 0, steps 0), so abs of 0 + t has all coefficients 0. The
            // true series of |t^2| would be t^2; we keep the convention, as every other number type.
            case ABS, SIGN, FLOOR, CEIL, ROUND, RELU -> Chain.scale(d, c);
            case ADD, SUB, MUL, DIV, POW, ATAN2, HYPOT, MAX, MIN ->
                    throw new AssertionError(op + " is binary; op.value(x) has rejected it");
        };
        y[0] = f;
        // NOTE: c_1 is exactly Dual's tangent (the registry's partial, by Chain.times), so a Jet of
        // order 1 is a Dual bit for bit, conventions at kinks and zero-times-infinity included. The
        // recurrence's own c_1 is the same up to rounding, and orders 2..K build on it.
        y[1] = Chain.times(d, c[1]);
        return new Jet(y, level);
    }

    /** This jet without its last coefficient: the argument of a derivative series g of order K-1. */
    private Jet head() {
        return new Jet(Arrays.copyOf(c, c.length - 1), level);
    }

    /** The series of f from its value f and the series of its derivative g = f'(x(t)) to order K-1. */
    private double[] integrate(Real g, double f) {
        return Taylor.integrate(c, ((Jet) g).c, f);
    }

    // ---- binary ops ----------------------------------------------------------------------------

    /**
     * The series of {@code op(this, y)}; y is a jet of the same order, a constant ({@link Real#of}),
     * or a number of a lower differentiation level that carries no derivative.
     *
     * <pre>{@code Jet.variable(1, 2).mul(Jet.variable(1, 2));   // (1 + t)^2 = 1 + 2t + t^2}</pre>
     *
     * @throws IllegalArgumentException if {@code op} is not binary, or y is a jet of another order
     *     (the message names both), or a number that cannot be taken as a constant (see {@link Real})
     * @throws NullPointerException if {@code y} is null
     */
    @Override
    public Real apply(Op op, Real y) {
        if (y instanceof Jet j && j.level == level) {
            if (j.c.length != c.length) {
                throw new IllegalArgumentException(op.symbol() + ": cannot combine a Jet of order " + order()
                        + " with a Jet of order " + j.order() + "; use one order for every jet of a computation");
            }
            return binary(op, this, j);
        }
        if (y instanceof Constant(double v)) {
            return withConstantRight(op, v);
        }
        return Levels.mixed(op, this, y);
    }

    /** {@code op(this, v)} for a constant v. */
    Jet withConstantRight(Op op, double v) {
        return binary(op, this, constantLike(v, c.length, level));
    }

    /** {@code op(v, this)} for a constant v. */
    Jet withConstantLeft(Op op, double v) {
        return binary(op, constantLike(v, c.length, level), this);
    }

    private static Jet binary(Op op, Jet xj, Jet yj) {
        double[] x = xj.c;
        double[] y = yj.c;
        int n = x.length;
        long level = xj.level;
        double x0 = x[0];
        double y0 = y[0];
        double f = op.value(x0, y0); // throws for a unary op, with the registry's message
        boolean cx = xj.isConstant();
        boolean cy = yj.isConstant();
        if (cx && cy) {
            return constantLike(f, n, level);
        }
        if (Double.isNaN(f)) {
            return nan(n, level);
        }
        double dx = op.dx(x0, y0, f);
        double dy = op.dy(x0, y0, f);
        double[] z = switch (op) {
            case ADD -> Chain.combine(1, x, 1, y);
            case SUB -> Chain.combine(1, x, -1, y);
            // NOTE: a constant factor scales with Chain's rule, so 0 * (a jet with infinite
            // coefficients) is exactly 0, as in every other mode.
            case MUL -> cx ? Chain.scale(x0, y) : cy ? Chain.scale(y0, x) : Taylor.mul(x, y);
            case DIV -> cy ? divide(x, y0) : Taylor.div(x, y, f);
            case POW -> pow(x, y, f, cx, cy);
            case ATAN2 -> atan2(xj, yj, f);
            // NOTE: at the origin hypot is |t| sqrt(x1^2 + y1^2), not analytic; as the registry
            // (partials 0, following abs'(0) = 0) every coefficient after the value is 0.
            case HYPOT -> f == 0 ? new double[n] : Taylor.hypot(x, y, f);
            // NOTE: the selected linear piece; at a tie each side gets half (the registry's rule), so
            // max(x, x) = x exactly: 0.5 a + 0.5 a == a in binary floating point.
            case MAX, MIN -> Chain.combine(dx, x, dy, y);
            case NEG, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, EXP, EXPM1, LOG, LOG1P, LOG2, LOG10,
                    SQRT, CBRT, ABS, SIGN, FLOOR, CEIL, ROUND, RELU, SIGMOID, SOFTPLUS, ERF ->
                    throw new AssertionError(op + " is unary; op.value(x, y) has rejected it");
        };
        z[0] = f;
        // NOTE: exactly Dual's tangent, as for unary ops; a constant operand contributes 0 even where
        // its partial is NaN (pow's d/dy for x < 0).
        z[1] = Chain.times(dx, x[1]) + Chain.times(dy, y[1]);
        return new Jet(z, level);
    }

    /** {@code x^y} (not both constant, value f not NaN). */
    private static double[] pow(double[] x, double[] y, double f, boolean cx, boolean cy) {
        int n = x.length;
        double x0 = x[0];
        double y0 = y[0];
        if (cy) {
            // NOTE: x^0 = 1 for every x, as the registry's d/dx = 0 at y = 0 (also at x = 0).
            return y0 == 0 ? new double[n] : x0 == 0 ? powAtZero(x, y0) : Taylor.pow(x, y0, f);
        }
        if (cx) {
            // NOTE: a^y = e^(y ln a); at a = 0 the registry's d/dy is 0 (0^y = 0 for y > 0), and
            // for a < 0, ln a = NaN gives NaN wherever y moves, as the registry's NaN partial.
            return x0 == 0 ? new double[n] : Taylor.exp(Chain.scale(Math.log(x0), y), f);
        }
        if (x0 == 0) {
            // NOTE: with x = t^m u and y = y0 + t^q v, x^y = x^y0 e^((y - y0) ln x) = x^y0 (1 + O(t^q ln t)):
            // up to order m y0 + q - 1 it is the series of x^y0 (the registry's d/dy = 0 at x = 0), from
            // there on the t^k ln t terms have no Taylor coefficients.
            double[] z = y0 == 0 ? new double[n] : powAtZero(x, y0);
            double from = Taylor.firstNonZero(x) * y0 + Taylor.firstNonZero(Arrays.copyOfRange(y, 1, n)) + 1;
            for (int k = 1; k < n; k++) {
                z[k] = k < from ? z[k] : Double.NaN;
            }
            return z;
        }
        if (x0 < 0) {
            // NOTE: x^y for x < 0 exists only at integer y; moving y leaves the reals (d/dy is NaN).
            return nans(n);
        }
        return Taylor.exp(Taylor.mul(y, Taylor.log(x, x0, Math.log(x0))), f);
    }

    /**
     * {@code x^p} for p != 0 where {@code x_0 = 0} (x not constant). With x = t^m u, u_0 != 0:
     * for a positive integer p the result is {@code t^(mp) u^p}, a Taylor series; otherwise x^p is
     * not analytic at 0.
     *
     * <p>NOTE: in the non-analytic case the coefficients below order m p are 0 (x^p vanishes faster
     * than t^k there, wherever it is defined) and the others are NaN (infinite, or different from
     * the two sides, or complex); c_1 is then overwritten by the registry's convention
     * ({@code sqrt'(0) = +inf}).
     */
    private static double[] powAtZero(double[] x, double p) {
        int n = x.length;
        int m = Taylor.firstNonZero(x);
        double[] y = new double[n];
        if (p > 0 && p == Math.rint(p)) {
            if (p * m < n) {
                int shift = (int) (p * m);
                double[] u = Arrays.copyOfRange(x, m, m + n - shift);
                double[] v = Taylor.pow(u, p, Math.pow(u[0], p));
                System.arraycopy(v, 0, y, shift, v.length);
            }
            return y;
        }
        for (int k = 1; k < n; k++) {
            y[k] = k < p * m ? 0 : Double.NaN;
        }
        return y;
    }

    /**
     * {@code atan2(y, x)}, the receiver first, by integrating {@code (x y' - y x') / (x^2 + y^2)}.
     *
     * <p>NOTE: the partials are written {@code (x/h)/h} and {@code -(y/h)/h} with {@code h = hypot(x, y)},
     * not {@code x/(x^2 + y^2)}: no square is formed, so arguments beyond 1e154 do not overflow.
     */
    private static double[] atan2(Jet y, Jet x, double f) {
        Jet yh = y.head();
        Jet xh = x.head();
        Real h = yh.hypot(xh);
        double[] gy = ((Jet) xh.div(h).div(h)).c;
        double[] gx = ((Jet) yh.neg().div(h).div(h)).c;
        return Taylor.integrate(y.c, gy, x.c, gx, f);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Jet constantLike(double value, int n, long level) {
        double[] c = new double[n];
        c[0] = value;
        return new Jet(c, level);
    }

    /**
     * NOTE: where the value is NaN (outside the domain: ln of a negative number) every coefficient
     * is NaN, derivatives included: a derivative of an undefined value is undefined. (The
     * registry's partial can be finite there, 1/x for ln, and Dual carries it.)
     */
    private static Jet nan(int n, long level) {
        return new Jet(nans(n), level);
    }

    private static double[] nans(int n) {
        double[] c = new double[n];
        Arrays.fill(c, Double.NaN);
        return c;
    }

    private static double[] divide(double[] x, double v) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] / v;
        }
        return out;
    }

    /** {@code k! ck}. */
    private static double factorialTimes(int k, double ck) {
        double factorial = 1;
        for (int i = 2; i <= k; i++) {
            factorial *= i; // exact up to 22!, then rounded once per step
        }
        if (Double.isFinite(factorial)) {
            return ck * factorial;
        }
        // NOTE: k > 170: k! overflows; multiplying step by step keeps a small coefficient finite.
        double d = ck;
        for (int i = 2; i <= k; i++) {
            d *= i;
        }
        return d;
    }

    private static int requireOrder(int order) {
        if (order < 0) {
            throw new IllegalArgumentException("the order of a Jet must be at least 0, got " + order);
        }
        return order;
    }

    private int requireIndex(int k) {
        if (k < 0 || k >= c.length) {
            throw new IllegalArgumentException("k must be in [0, " + order() + "] for a Jet of order " + order()
                    + ", got " + k);
        }
        return k;
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "Jet(", ")");
        for (double v : c) {
            s.add(Double.toString(v));
        }
        return s.toString();
    }
}
