package org.autodiff4j;

import java.util.Objects;

/**
 * A gradient recorded once and replayed for new inputs ({@link AD#compile}): the replay
 * re-evaluates the recorded ops and their partials in place, without calling the function again
 * and without allocating, then runs the backward sweep.
 *
 * <pre>{@code
 * CompiledGradient g = AD.compile(x -> x[0].mul(x[1]).add(x[0].sin()), 2);
 * double[] grad = new double[2];
 * for (double[] x : points) {
 *     double value = g.valueAndGrad(x, grad);      // replays; records again only when needed
 * }
 * g.recordings();                                  // how often the function was (re)recorded
 * }</pre>
 *
 * <p>A replay is only right if the function would record the same ops at the new inputs. Comparisons
 * made with {@link Real#gt}, {@link Real#lt} and {@link Real#compareTo} (and so the conditions given
 * to {@link AD#where}) are recorded as guards: when one would now go the other way, the function is
 * recorded again and {@link #recordings()} counts it. Ops with kinks ({@code abs}, {@code max},
 * {@code relu}, {@code floor}...) need no guard: the replay applies the op itself, whose value and
 * partial follow the new input. A function that reads a value out ({@link Var#value()}) or uses
 * {@link AD#customGradient} cannot be replayed safely, because what it does with the value is not on
 * the tape; it is recorded again on every call (still right, not faster), and {@link #replayable()}
 * says so.
 *
 * <p>Confined to one thread, like the {@link Tape} it owns.
 */
public final class CompiledGradient {

    private final ScalarFn f;
    private final int n;
    private final Tape tape = new Tape();
    /** The output's tape index, or 0 when the output does not depend on the inputs. */
    private int output;
    private double constantValue;
    private int recordings;

    CompiledGradient(ScalarFn f, int n) {
        this.f = Objects.requireNonNull(f, "f must not be null");
        if (n < 0) {
            throw new IllegalArgumentException("the number of inputs n must be >= 0, got " + n);
        }
        this.n = n;
    }

    /**
     * The value of the function at {@code x}, writing its gradient into {@code gradient}; allocates
     * nothing when the recording can be replayed.
     *
     * @throws IllegalArgumentException if {@code x} or {@code gradient} is not of length n
     */
    public double valueAndGrad(double[] x, double[] gradient) {
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(gradient, "gradient must not be null");
        if (x.length != n) {
            throw new IllegalArgumentException("x has length " + x.length + ", expected " + n);
        }
        if (gradient.length != n) {
            throw new IllegalArgumentException("gradient has length " + gradient.length + ", expected " + n);
        }
        int at = recordings == 0 ? -1 : tape.replayReordered(x, output);
        if (at < 0) {
            record(x);
        } else {
            output = at;
        }
        if (output == 0) {
            java.util.Arrays.fill(gradient, 0);
            return constantValue;
        }
        tape.backwardFrom(output);
        for (int i = 0; i < n; i++) {
            gradient[i] = tape.adjointAt(i + 1);
        }
        return tape.valueAt(output);
    }

    /** The value and the gradient at {@code x}, in a new record. */
    public ValueAndGrad valueAndGrad(double[] x) {
        double[] g = new double[n];
        double value = valueAndGrad(x, g);
        return new ValueAndGrad(value, g);
    }

    /** How many times the function was recorded: 1 plus one per branch flip (or per call if not replayable). */
    public int recordings() {
        return recordings;
    }

    /** False if the last recording read values out of the tape, so every call records again. */
    public boolean replayable() {
        return tape.replayable();
    }

    /** How many recorded nodes the replay runs in loops over a repeated block (for tests). */
    int nodesReplayedInLoops() {
        return tape.nodesReplayedInLoops();
    }

    /** How many recorded nodes the replay stored in the order it runs them (for tests). */
    int nodesMoved() {
        return tape.nodesReplayedMoved();
    }

    private void record(double[] x) {
        tape.reset();
        tape.startProgram();
        Var[] in = tape.variables(x);
        Real y = f.apply(in);
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return a Real");
        }
        recordings++;
        if (y instanceof Var v && v.tape == tape) {
            output = v.index;
        } else {
            if (Levels.of(y) >= tape.level()) {
                throw new IllegalArgumentException("f returned a number of another differentiation; return numbers computed from f's inputs");
            }
            output = 0;
            constantValue = Compare.peek(y);
        }
    }
}
