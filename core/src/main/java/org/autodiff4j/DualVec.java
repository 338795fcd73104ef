package org.autodiff4j;

import java.util.Arrays;

/**
 * A value with k tangents: forward mode in k directions in one pass (chunked forward mode, as
 * ForwardDiff.jl's chunks). One pass gives {@code f(x)} and {@code J v_1 .. J v_k}; seeding the k
 * unit vectors of k inputs gives k columns of the Jacobian.
 *
 * <pre>{@code
 * DualVec x = DualVec.variable(2.0, 2, 0), y = DualVec.variable(3.0, 2, 1);
 * Real f = x.mul(y).add(x.sin());              // x y + sin x
 * ((DualVec) f).tangent(0);                    // df/dx = y + cos x = 2.5838...
 * ((DualVec) f).tangent(1);                    // df/dy = x = 2
 * }</pre>
 *
 * <p>Each op allocates one array of k doubles; for k up to about 16 this beats k passes of
 * {@link Dual}. {@link AD#jacfwd} uses it in chunks of 8.
 */
public final class DualVec implements Real {

    private final double value;
    private final double[] tangent;
    final long level;

    DualVec(double value, double[] tangent, long level) {
        this.value = value;
        this.tangent = tangent;
        this.level = level;
    }

    /** Input number {@code i} of {@code directions}: tangent the unit vector {@code e_i}. */
    public static DualVec variable(double x, int directions, int i) {
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be at least 1, got " + directions);
        }
        if (i < 0 || i >= directions) {
            throw new IllegalArgumentException("direction index i must be in [0, " + directions + "), got " + i);
        }
        double[] t = new double[directions];
        t[i] = 1;
        return new DualVec(x, t, Levels.USER);
    }

    /** The constant {@code c} in {@code directions} directions: all tangents 0. */
    public static DualVec constant(double c, int directions) {
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be at least 1, got " + directions);
        }
        return new DualVec(c, new double[directions], Levels.USER);
    }

    /** A value with the given tangents (copied). */
    public static DualVec of(double value, double... tangent) {
        if (tangent == null || tangent.length == 0) {
            throw new IllegalArgumentException("tangent must have at least one direction");
        }
        return new DualVec(value, tangent.clone(), Levels.USER);
    }

    @Override
    public double value() {
        return value;
    }

    /** The number of directions k. */
    public int directions() {
        return tangent.length;
    }

    /** The derivative along direction {@code i}. */
    public double tangent(int i) {
        if (i < 0 || i >= tangent.length) {
            throw new IllegalArgumentException("direction index i must be in [0, " + tangent.length + "), got " + i);
        }
        return tangent[i];
    }

    /** All k directional derivatives (a copy). */
    public double[] tangents() {
        return tangent.clone();
    }

    boolean isConstant() {
        for (double t : tangent) {
            if (t != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Real apply(Op op) {
        double f = op.value(value);
        return new DualVec(f, Chain.scale(op.d(value, f), tangent), level);
    }

    @Override
    public Real apply(Op op, Real y) {
        if (y instanceof DualVec v && v.level == level) {
            if (v.tangent.length != tangent.length) {
                throw new IllegalArgumentException(op.symbol() + ": a DualVec of " + tangent.length
                        + " directions combined with one of " + v.tangent.length);
            }
            double b = v.value;
            double f = op.value(value, b);
            return new DualVec(f, Chain.combine(op.dx(value, b, f), tangent, op.dy(value, b, f), v.tangent), level);
        }
        if (y instanceof Constant(double c)) {
            return withConstantRight(op, c);
        }
        return Levels.mixed(op, this, y);
    }

    DualVec withConstantRight(Op op, double c) {
        double f = op.value(value, c);
        return new DualVec(f, Chain.scale(op.dx(value, c, f), tangent), level);
    }

    DualVec withConstantLeft(Op op, double c) {
        double f = op.value(c, value);
        return new DualVec(f, Chain.scale(op.dy(c, value, f), tangent), level);
    }

    @Override
    public String toString() {
        return "DualVec(" + value + ", " + Arrays.toString(tangent) + ")";
    }
}
