package org.autodiff4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Differentiation levels: every differentiation call opens a new, higher level, and a binary op
 * between numbers of two levels treats the lower one as a constant of the higher. This is what
 * keeps nested derivatives apart (no perturbation confusion).
 *
 * <p>Constants have level 0; numbers made directly by users ({@link Dual#variable}) share level 1;
 * each {@link AD} call and each {@link Tape} (re)set takes a fresh level from a global counter, so
 * an inner call always has a higher level than the calls around it.
 */
final class Levels {

    static final long NONE = 0;
    static final long USER = 1;
    private static final AtomicLong NEXT = new AtomicLong(2);

    private Levels() {
    }

    /** A level higher than every level handed out before. */
    static long next() {
        return NEXT.getAndIncrement();
    }

    static long of(Real r) {
        return switch (r) {
            case Constant c -> NONE;
            case Dual d -> d.level;
            case DualVec v -> v.level;
            case Jet j -> j.level;
            case Var v -> v.tape.level(v);
            case Nested n -> n.level;
            case Tracer t -> t.level;
        };
    }

    /**
     * Applies a binary op to two numbers that are not of one type and one level: the one of the
     * lower level must be a constant for the other.
     */
    static Real mixed(Op op, Real x, Real y) {
        if (y == null) {
            throw new NullPointerException(op.symbol() + ": the second argument is null");
        }
        long lx = of(x);
        long ly = of(y);
        if (lx > ly) {
            if (x instanceof Nested n) {
                return n.withConstantRight(op, y); // holds any Real: y keeps its own derivatives
            }
            requireConstant(op, y, x);
            return switch (x) {
                case Dual d -> d.withConstantRight(op, y.value());
                case DualVec v -> v.withConstantRight(op, y.value());
                case Jet j -> j.withConstantRight(op, y.value());
                case Var v -> v.tape.recordConstantRight(op, v, y.value());
                case Tracer t -> t.withConstantRight(op, y.value());
                case Constant c -> throw new AssertionError("a constant has the lowest level");
                case Nested n -> throw new AssertionError("handled above");
            };
        }
        if (ly > lx) {
            if (y instanceof Nested n) {
                return n.withConstantLeft(op, x);
            }
            requireConstant(op, x, y);
            return switch (y) {
                case Dual d -> d.withConstantLeft(op, x.value());
                case DualVec v -> v.withConstantLeft(op, x.value());
                case Jet j -> j.withConstantLeft(op, x.value());
                case Var v -> v.tape.recordConstantLeft(op, x.value(), v);
                case Tracer t -> t.withConstantLeft(op, x.value());
                case Constant c -> throw new AssertionError("a constant has the lowest level");
                case Nested n -> throw new AssertionError("handled above");
            };
        }
        throw new IllegalArgumentException(op.symbol() + ": cannot combine a " + kind(x) + " with a " + kind(y)
                + " of the same differentiation level; use one number type per differentiation");
    }

    /**
     * Requires {@code lower} to carry no derivative, so that {@code higher}, whose type holds plain
     * doubles, loses nothing by taking it as a constant.
     */
    private static void requireConstant(Op op, Real lower, Real higher) {
        if (higher instanceof Tracer) {
            return; // NOTE: a tracer records dependence on its own inputs only; any lower level is a constant for it
        }
        boolean constant = switch (lower) {
            case Constant c -> true;
            case Dual d -> d.tangent() == 0;
            case DualVec v -> v.isConstant();
            case Jet j -> j.isConstant();
            case Var v -> false;
            case Nested n -> n.isConstant();
            case Tracer t -> t.isConstant();
        };
        if (constant) {
            return;
        }
        if (lower instanceof Var && higher instanceof Var) {
            throw new IllegalArgumentException(op.symbol() + ": the two Vars belong to different tapes;"
                    + " a Var combines only with Vars of its own tape and with constants");
        }
        throw new IllegalArgumentException(op.symbol() + ": cannot combine a " + kind(lower) + " of an outer"
                + " differentiation with a " + kind(higher) + " of an inner one: the " + kind(higher)
                + " holds plain doubles and would drop the outer derivative; inside a differentiated function,"
                + " call the Real overloads of AD (AD.derivative(UnaryFn, Real), AD.grad(ScalarFn, Real...))");
    }

    private static String kind(Real r) {
        return r.getClass().getSimpleName();
    }
}
