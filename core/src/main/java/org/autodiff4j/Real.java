package org.autodiff4j;

/**
 * A real number that may carry derivatives: write a function once against {@code Real} and every
 * mode can run it.
 *
 * <pre>{@code
 * ScalarFn f = x -> x[0].add(x[1]).mul(x[1].add(x[2]).log());   // (a + b) ln(b + c)
 * double[] g = AD.grad(f, 1, 3, 6);                             // {ln 9, ln 9 + 4/9, 4/9}
 * }</pre>
 *
 * <p>The number types: {@link Dual} (forward mode, one direction), {@link DualVec} (forward mode,
 * several directions in one pass), {@link Var} (reverse mode, recorded on a {@link Tape}),
 * {@link Nested} (a dual number whose parts are any {@code Real}: derivatives of derivatives),
 * {@link Jet} (Taylor series of any order), {@link Tracer} (sparsity detection) and plain constants
 * from {@link #of(double)}. Every method below applies one op of the registry {@link Op}
 * (see there for each op's derivative and its convention at kinks); {@link #apply(Op)} and
 * {@link #apply(Op, Real)} are the general forms.
 *
 * <p>Control flow runs on values, as in every operator-overloading tool: {@link #gt}, {@link #lt}
 * and {@link #compareTo} compare {@link #value()}s and return plain booleans; the branch not taken
 * contributes nothing to the derivative. Prefer them to comparing {@code value()}s yourself: a
 * function compiled with {@link AD#compile} records them and re-records when a branch flips.
 *
 * <p>Two numbers of different differentiation levels (say a {@code Dual} of an outer
 * {@link AD#derivative} and a {@code Var} of an inner {@link AD#grad}) combine with the lower one
 * treated as a constant of the higher, which is what makes nested differentiation correct.
 */
public sealed interface Real extends Comparable<Real> permits Constant, Dual, DualVec, Jet, Var, Nested, Tracer {

    /** The value, without derivatives. */
    double value();

    /**
     * Applies the unary op {@code op} to this number: its value and, by the chain rule, its
     * derivatives. {@code x.apply(Op.SIN)} is {@code x.sin()}.
     *
     * @throws IllegalArgumentException if {@code op} is not unary
     */
    Real apply(Op op);

    /**
     * Applies the binary op {@code op} to {@code (this, y)}. {@code x.apply(Op.MUL, y)} is
     * {@code x.mul(y)}.
     *
     * @throws IllegalArgumentException if {@code op} is not binary, or if this and {@code y} are
     *     numbers of two differentiation levels that cannot be combined (see {@link Var})
     * @throws NullPointerException if {@code y} is null
     */
    Real apply(Op op, Real y);

    /** A constant: its derivative is 0 in every mode. {@code Real.of(2).mul(x)} is {@code 2x}. */
    static Real of(double c) {
        return new Constant(c);
    }

    // ---- arithmetic ----------------------------------------------------------------------------

    /** {@code this + y}. */
    default Real add(Real y) { return apply(Op.ADD, y); }
    /** {@code this + c}. */
    default Real add(double c) { return apply(Op.ADD, of(c)); }
    /** {@code this - y}. */
    default Real sub(Real y) { return apply(Op.SUB, y); }
    /** {@code this - c}. */
    default Real sub(double c) { return apply(Op.SUB, of(c)); }
    /** {@code this * y}. */
    default Real mul(Real y) { return apply(Op.MUL, y); }
    /** {@code this * c}. */
    default Real mul(double c) { return apply(Op.MUL, of(c)); }
    /** {@code this / y}. */
    default Real div(Real y) { return apply(Op.DIV, y); }
    /** {@code this / c}. */
    default Real div(double c) { return apply(Op.DIV, of(c)); }
    /** {@code -this}. */
    default Real neg() { return apply(Op.NEG); }
    /** {@code this^y} as {@link Math#pow}; see {@link Op#POW} for the partials where this &lt;= 0. */
    default Real pow(Real y) { return apply(Op.POW, y); }
    /** {@code this^c} as {@link Math#pow}; derivative {@code c this^(c-1)}. */
    default Real pow(double c) { return apply(Op.POW, of(c)); }

    // ---- elementary functions ------------------------------------------------------------------

    /** {@code sin this}. */
    default Real sin() { return apply(Op.SIN); }
    /** {@code cos this}. */
    default Real cos() { return apply(Op.COS); }
    /** {@code tan this}. */
    default Real tan() { return apply(Op.TAN); }
    /** {@code asin this}. */
    default Real asin() { return apply(Op.ASIN); }
    /** {@code acos this}. */
    default Real acos() { return apply(Op.ACOS); }
    /** {@code atan this}. */
    default Real atan() { return apply(Op.ATAN); }
    /** {@code atan2(this, x)}: the angle of the point (x, this), as {@link Math#atan2}. */
    default Real atan2(Real x) { return apply(Op.ATAN2, x); }
    /** {@code atan2(this, x)} for a constant x. */
    default Real atan2(double x) { return apply(Op.ATAN2, of(x)); }
    /** {@code sinh this}. */
    default Real sinh() { return apply(Op.SINH); }
    /** {@code cosh this}. */
    default Real cosh() { return apply(Op.COSH); }
    /** {@code tanh this}. */
    default Real tanh() { return apply(Op.TANH); }
    /** {@code e^this}. */
    default Real exp() { return apply(Op.EXP); }
    /** {@code e^this - 1}, accurate near 0. */
    default Real expm1() { return apply(Op.EXPM1); }
    /** {@code ln this}. */
    default Real log() { return apply(Op.LOG); }
    /** {@code ln(1 + this)}, accurate near 0. */
    default Real log1p() { return apply(Op.LOG1P); }
    /** {@code log2 this}. */
    default Real log2() { return apply(Op.LOG2); }
    /** {@code log10 this}. */
    default Real log10() { return apply(Op.LOG10); }
    /** {@code sqrt this}; derivative +inf at 0. */
    default Real sqrt() { return apply(Op.SQRT); }
    /** {@code cbrt this}. */
    default Real cbrt() { return apply(Op.CBRT); }
    /** {@code sqrt(this^2 + y^2)} without overflow. */
    default Real hypot(Real y) { return apply(Op.HYPOT, y); }
    /** {@code sqrt(this^2 + c^2)} without overflow. */
    default Real hypot(double c) { return apply(Op.HYPOT, of(c)); }
    /** {@code |this|}; derivative 0 at 0. */
    default Real abs() { return apply(Op.ABS); }
    /** {@code sign this}: -1, 0 or 1; derivative 0. */
    default Real sign() { return apply(Op.SIGN); }
    /** {@code floor this}; derivative 0. */
    default Real floor() { return apply(Op.FLOOR); }
    /** {@code ceil this}; derivative 0. */
    default Real ceil() { return apply(Op.CEIL); }
    /** {@code this} rounded to the nearest integer, halves to even; derivative 0. */
    default Real round() { return apply(Op.ROUND); }
    /** {@code 1/(1 + e^-this)}, without overflow. */
    default Real sigmoid() { return apply(Op.SIGMOID); }
    /** {@code ln(1 + e^this)}, without overflow. */
    default Real softplus() { return apply(Op.SOFTPLUS); }
    /** {@code max(this, 0)}; derivative 0 at 0. */
    default Real relu() { return apply(Op.RELU); }
    /** The error function. */
    default Real erf() { return apply(Op.ERF); }
    /** {@code min(this, y)}; at a tie each gets half the gradient. */
    default Real min(Real y) { return apply(Op.MIN, y); }
    /** {@code min(this, c)}. */
    default Real min(double c) { return apply(Op.MIN, of(c)); }
    /** {@code max(this, y)}; at a tie each gets half the gradient. */
    default Real max(Real y) { return apply(Op.MAX, y); }
    /** {@code max(this, c)}. */
    default Real max(double c) { return apply(Op.MAX, of(c)); }

    // ---- comparisons on values -----------------------------------------------------------------

    /** {@code value() > y.value()}. */
    default boolean gt(Real y) { return Compare.test(this, y, Program.GT) == 1; }
    /** {@code value() > c}. */
    default boolean gt(double c) { return Compare.test(this, of(c), Program.GT) == 1; }
    /** {@code value() < y.value()}. */
    default boolean lt(Real y) { return Compare.test(this, y, Program.LT) == 1; }
    /** {@code value() < c}. */
    default boolean lt(double c) { return Compare.test(this, of(c), Program.LT) == 1; }

    /** Compares values as {@link Double#compare}. */
    @Override
    default int compareTo(Real y) {
        return Compare.test(this, y, Program.COMPARE);
    }
}
