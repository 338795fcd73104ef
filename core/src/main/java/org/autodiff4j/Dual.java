package org.autodiff4j;

/**
 * A dual number {@code value + tangent * eps} with {@code eps^2 = 0}: forward mode in one
 * direction. Every op carries the directional derivative along with the value, so one pass gives
 * {@code f(x)} and {@code f'(x) v}. Two primitive fields, no array per op.
 *
 * <pre>{@code
 * Dual x = Dual.variable(2.0);                 // value 2, tangent 1
 * Real y = x.mul(x).add(x.sin());              // y = x^2 + sin x
 * double dy = ((Dual) y).tangent();            // 2x + cos x = 3.5838...
 * }</pre>
 *
 * <p>Choose {@code Dual} for functions of one input, or for one Jacobian-vector product; choose
 * {@link DualVec} for a few inputs at once, and {@link Var} (reverse mode) for gradients of many
 * inputs. {@link AD#derivative} and {@link AD#jvp} use it for you.
 */
public final class Dual implements Real {

    private final double value;
    private final double tangent;
    final long level;

    Dual(double value, double tangent, long level) {
        this.value = value;
        this.tangent = tangent;
        this.level = level;
    }

    /** The input {@code x} with tangent 1: the result's tangent is then {@code df/dx}. */
    public static Dual variable(double x) {
        return new Dual(x, 1, Levels.USER);
    }

    /** The constant {@code c}: tangent 0. */
    public static Dual constant(double c) {
        return new Dual(c, 0, Levels.USER);
    }

    /** A dual number with the given value and tangent (a direction's component). */
    public static Dual of(double value, double tangent) {
        return new Dual(value, tangent, Levels.USER);
    }

    @Override
    public double value() {
        return value;
    }

    /** The directional derivative carried along: {@code df(x) . v} for the seeded direction v. */
    public double tangent() {
        return tangent;
    }

    @Override
    public Real apply(Op op) {
        double f = op.value(value);
        return new Dual(f, Chain.times(op.d(value, f), tangent), level);
    }

    @Override
    public Real apply(Op op, Real y) {
        if (y instanceof Dual d && d.level == level) {
            double b = d.value;
            double f = op.value(value, b);
            return new Dual(f, Chain.times(op.dx(value, b, f), tangent) + Chain.times(op.dy(value, b, f), d.tangent), level);
        }
        if (y instanceof Constant(double c)) {
            return withConstantRight(op, c);
        }
        return Levels.mixed(op, this, y);
    }

    /** {@code op(this, c)} for a constant c. */
    Dual withConstantRight(Op op, double c) {
        double f = op.value(value, c);
        return new Dual(f, Chain.times(op.dx(value, c, f), tangent), level);
    }

    /** {@code op(c, this)} for a constant c. */
    Dual withConstantLeft(Op op, double c) {
        double f = op.value(c, value);
        return new Dual(f, Chain.times(op.dy(c, value, f), tangent), level);
    }

    @Override
    public String toString() {
        return "Dual(" + value + ", " + tangent + ")";
    }
}
