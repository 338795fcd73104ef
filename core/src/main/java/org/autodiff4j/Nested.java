package org.autodiff4j;

/**
 * A dual number whose value and tangent are any {@link Real}s, so that derivatives nest to any
 * order: forward mode over reverse mode ({@code Nested} over {@link Var}: Hessian-vector products),
 * forward over forward ({@code Nested} over {@code Nested}: mixed partials of any order).
 *
 * <p>Users meet it through the {@code Real} overloads of {@link AD}:
 * <pre>{@code
 * // d/dx [x * d/dy (x + y)] at x = 1 is 1: the inner derivative treats x as a constant
 * AD.derivative(x -> x.mul(AD.derivative(y -> x.add(y), Real.of(1))), 1.0);   // 1.0
 * AD.hessian(x -> x[0].mul(x[1]).sin(), 1, 2);                               // forward over reverse
 * }</pre>
 *
 * <p>The chain rule is the same as {@link Dual}'s with {@code Real} arithmetic, and it uses each
 * op's derivative written with {@code Real} operations ({@link Op#d(Real, Real)}), so the derivative
 * is itself differentiable.
 */
public final class Nested implements Real {

    private final Real value;
    private final Real tangent;
    final long level;

    Nested(Real value, Real tangent, long level) {
        this.value = value;
        this.tangent = tangent;
        this.level = level;
    }

    @Override
    public double value() {
        return value.value();
    }

    /** The value part, a number of a lower level (it may carry derivatives of enclosing calls). */
    public Real primal() {
        return value;
    }

    /** The tangent part: the directional derivative, itself a number of a lower level. */
    public Real tangent() {
        return tangent;
    }

    @Override
    public Real apply(Op op) {
        Real f = value.apply(op);
        return new Nested(f, Chain.times(op.d(value, f), tangent), level);
    }

    @Override
    public Real apply(Op op, Real y) {
        if (y instanceof Nested n && n.level == level) {
            Real f = value.apply(op, n.value);
            return new Nested(f, Chain.plus(
                    Chain.times(op.dx(value, n.value, f), tangent),
                    Chain.times(op.dy(value, n.value, f), n.tangent)), level);
        }
        if (y instanceof Constant) {
            return withConstantRight(op, y);
        }
        return Levels.mixed(op, this, y);
    }

    /** {@code op(this, c)} for a number c of a lower level. */
    Nested withConstantRight(Op op, Real c) {
        Real f = value.apply(op, c);
        return new Nested(f, Chain.times(op.dx(value, c, f), tangent), level);
    }

    /** {@code op(c, this)} for a number c of a lower level. */
    Nested withConstantLeft(Op op, Real c) {
        Real f = c.apply(op, value);
        return new Nested(f, Chain.times(op.dy(c, value, f), tangent), level);
    }

    boolean isConstant() {
        return Chain.isZero(tangent);
    }

    @Override
    public String toString() {
        return "Nested(" + value + ", " + tangent + ")";
    }
}
