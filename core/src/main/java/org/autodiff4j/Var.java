package org.autodiff4j;

/**
 * A number recorded on a {@link Tape}: reverse mode. A {@code Var} is a small handle
 * {@code (tape, index)}; the value and the partials live in the tape's arrays. After
 * {@code tape.backward(y)}, {@link #grad()} is {@code dy/dthis}.
 *
 * <pre>{@code
 * try (Tape tape = new Tape()) {
 *     Var x1 = tape.variable(2), x2 = tape.variable(3);
 *     Var y = (Var) x1.mul(x2).add(x1.sin());   // x1 x2 + sin x1
 *     tape.backward(y);
 *     x1.grad();                                // x2 + cos x1 = 2.5838...
 *     x2.grad();                                // x1 = 2
 * }
 * }</pre>
 *
 * <p>A {@code Var} combines with Vars of its own tape and with constants; a Var of another tape,
 * one recorded before {@link Tape#reset()}, or one of a closed tape is an error.
 */
public final class Var implements Real {

    final Tape tape;
    final int index;
    final int generation;

    Var(Tape tape, int index, int generation) {
        this.tape = tape;
        this.index = index;
        this.generation = generation;
    }

    @Override
    public double value() {
        return tape.value(this);
    }

    /**
     * The adjoint of this number after the tape's last backward pass: the derivative of that
     * pass's output with respect to this number (0 if the output does not depend on it).
     *
     * @throws IllegalStateException if no backward pass has run since the tape was (re)set
     */
    public double grad() {
        return tape.grad(this);
    }

    /** The tape this number is recorded on. */
    public Tape tape() {
        return tape;
    }

    @Override
    public Real apply(Op op) {
        return tape.record(op, this);
    }

    @Override
    public Real apply(Op op, Real y) {
        if (y instanceof Var v && v.tape == tape) {
            return tape.record(op, this, v);
        }
        return applyOther(op, y);
    }

    /** The rarer cases, out of line so that the common one above stays small enough to inline. */
    private Real applyOther(Op op, Real y) {
        if (y instanceof Constant(double c)) {
            return tape.recordConstantRight(op, this, c);
        }
        return Levels.mixed(op, this, y);
    }

    // NOTE: the double overloads record directly, with no Constant object for the JIT to remove.

    @Override
    public Var add(double c) {
        return tape.recordConstantRight(Op.ADD, this, c);
    }

    @Override
    public Var sub(double c) {
        return tape.recordConstantRight(Op.SUB, this, c);
    }

    @Override
    public Var mul(double c) {
        return tape.recordConstantRight(Op.MUL, this, c);
    }

    @Override
    public Var div(double c) {
        return tape.recordConstantRight(Op.DIV, this, c);
    }

    @Override
    public Var pow(double c) {
        return tape.recordConstantRight(Op.POW, this, c);
    }

    @Override
    public String toString() {
        return generation == tape.generation() ? "Var(" + value() + " @" + index + ")" : "Var(stale @" + index + ")";
    }
}
