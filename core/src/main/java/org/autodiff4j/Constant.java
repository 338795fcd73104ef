package org.autodiff4j;

/**
 * A number with no derivative in any mode, made by {@link Real#of(double)}. Every number type
 * treats it as a constant: {@code x.mul(Real.of(2))} has derivative 2.
 *
 * @param value the value
 */
record Constant(double value) implements Real {

    static final Constant ZERO = new Constant(0);
    static final Constant ONE = new Constant(1);
    static final Constant MINUS_ONE = new Constant(-1);
    static final Constant HALF = new Constant(0.5);

    static Constant of(double c) {
        return new Constant(c);
    }

    @Override
    public Real apply(Op op) {
        return new Constant(op.value(value));
    }

    @Override
    public Real apply(Op op, Real y) {
        if (y instanceof Constant(double c)) {
            return new Constant(op.value(value, c));
        }
        return Levels.mixed(op, this, y);
    }

    @Override
    public String toString() {
        return Double.toString(value);
    }
}
