package org.autodiff4j;

import java.util.Arrays;

/**
 * An iterated map {@code s_{k+1} = step(s_k, params)} of n steps under reversal: the one place where
 * the schedules evaluate steps, on plain values ({@link #advance}) or recorded (or replayed) on a tape
 * and swept back ({@link #reverse}), and where the adjoints, the count of evaluations and the peak
 * tape size are kept. A schedule reverses consecutive pieces from the last step to the first; each piece needs the
 * state at its start, which the schedule kept as a snapshot or recomputed by {@link #advance}.
 */
final class IteratedMap {

    /**
     * NOTE: a piece recomputed from a snapshot must reproduce the state the schedule had for its end.
     * Both evaluations run the same op values on the same doubles, so they agree exactly for a pure
     * step; the relative tolerance only keeps us from blaming the user for a last-bit difference a
     * JIT might make in a math intrinsic. A hidden counter or random numbers miss it by far more.
     */
    private static final double SAME_STATE = 1e-9;

    private final StepFn step;
    private final ScalarFn loss;
    private final double[] params;
    private final int steps;
    private final int width;
    private final Tape tape;

    /** Steps {@code reversedTo .. steps-1} are reversed; the adjoints below are those of the state there. */
    private int reversedTo;
    private double[] reversedToState;
    private final double[] stateAdjoint;
    private final double[] paramAdjoint;
    private double value = Double.NaN;
    private long plainEvaluations;
    private int peakTapeSize;
    /** The inputs (state, params) and the outputs (state) of the piece on the tape. */
    private Var[] stateIn;
    private Var[] paramIn;
    private Real[] stateOut;
    /** The number of steps of the program kept on the tape (-1: none), and the inputs of a replay. */
    private int programSteps = -1;
    private double[] replayInput;
    /** The outputs and seeds of the backward sweep, kept from one piece to the next. */
    private Var[] live = new Var[0];
    private double[] liveSeeds = new double[0];

    IteratedMap(StepFn step, int width, double[] params, int steps, ScalarFn loss, Tape tape) {
        this.step = step;
        this.loss = loss;
        this.params = params;
        this.steps = steps;
        this.width = width;
        this.tape = tape;
        this.reversedTo = steps;
        this.stateAdjoint = new double[width];
        this.paramAdjoint = new double[params.length];
    }

    /** The state at step {@code from + count}, from the state at {@code from}, evaluated on plain values. */
    double[] advance(double[] state, int from, int count) {
        Real[] s = constants(state);
        Real[] constantParams = constants(params);
        for (int k = from; k < from + count; k++) {
            s = next(step.apply(s, constantParams), k);
        }
        plainEvaluations += count;
        double[] end = new double[width];
        for (int i = 0; i < width; i++) {
            end[i] = s[i].value();
        }
        return end;
    }

    /**
     * Reverses steps {@code from .. from+count-1}, given the state at {@code from}: records them (with
     * the loss, for the last piece) or replays a recording of as many steps, then sweeps back, so
     * that the adjoints become those of the state at {@code from}. Pieces must come last to first and
     * adjoin.
     *
     * <p>NOTE: the pieces of a schedule are mostly of one length (sqrt n steps, or one step for
     * Revolve), and a pure step records the same ops from every state. So the first such piece is
     * recorded with its program ({@link Tape#startProgram}, as {@link AD#compile} does; the tape must
     * then be one of this map's own, not a shared one) and the others
     * replay it: values and partials recomputed in place, without calling step, allocating Var
     * handles or dispatching on number types. The replay computes exactly the recorded formulas, so
     * the gradient is the same to the last bit. When a recorded comparison would go the other way, or
     * step read a value out of the tape ({@link Var#value()}), the piece is recorded again.
     */
    void reverse(double[] state, int from, int count) {
        if (from + count != reversedTo || count < 0 || from < 0) {
            throw new IllegalStateException("schedule error: reversing steps " + from + ".." + (from + count - 1)
                    + " but the steps from " + reversedTo + " on are the ones reversed");
        }
        Real[] outputs;
        double[] seeds;
        if (reversedTo == steps) {
            tape.reset();
            record(state, from, count);
            Real y = loss.apply(stateOut.clone());
            if (y == null) {
                throw new IllegalArgumentException("loss returned null; it must return a Real");
            }
            if (!recorded(y)) {
                requireNotInner(y, "loss's result");
            }
            value = Compare.peek(y);
            outputs = new Real[] {y};
            seeds = new double[] {1};
        } else {
            if (programSteps != count || !tape.replay(inputs(state))) {
                tape.reset();
                tape.startProgram();
                record(state, from, count);
                programSteps = count;
            }
            requireSameState(stateOut, from, from + count);
            outputs = stateOut;
            seeds = stateAdjoint;
        }
        peakTapeSize = Math.max(peakTapeSize, tape.size());
        backward(outputs, seeds);
        for (int i = 0; i < width; i++) {
            stateAdjoint[i] = stateIn[i].grad();
        }
        for (int j = 0; j < paramIn.length; j++) {
            paramAdjoint[j] = paramIn[j].grad();
        }
        reversedTo = from;
        reversedToState = state;
    }

    /** Records steps {@code from .. from+count-1} from {@code state}, with their inputs and outputs. */
    private void record(double[] state, int from, int count) {
        stateIn = tape.variables(state);
        paramIn = tape.variables(params);
        Real[] s = stateIn.clone();
        Real[] pArg = paramIn.clone();
        for (int k = from; k < from + count; k++) {
            s = next(step.apply(s, pArg), k);
            for (int i = 0; i < width; i++) {
                if (!recorded(s[i])) {
                    requireNotInner(s[i], "state[" + i + "] returned by step " + k);
                }
            }
        }
        stateOut = s;
    }

    /** The inputs of a replay: the state, then the params. */
    private double[] inputs(double[] state) {
        if (replayInput == null) {
            replayInput = Arrays.copyOf(state, width + params.length);
            System.arraycopy(params, 0, replayInput, width, params.length);
        }
        System.arraycopy(state, 0, replayInput, 0, width);
        return replayInput;
    }

    /** The result, once every step is reversed. */
    CheckpointResult result(int snapshots) {
        if (reversedTo != 0) {
            throw new IllegalStateException("schedule error: steps 0.." + (reversedTo - 1) + " were not reversed");
        }
        return new CheckpointResult(value, stateAdjoint.clone(), paramAdjoint.clone(), peakTapeSize, plainEvaluations,
                snapshots);
    }

    private void backward(Real[] outputs, double[] seeds) {
        int size = outputs.length + paramIn.length;
        if (live.length != size) {
            live = new Var[size];
            liveSeeds = new double[size];
        }
        int n = 0;
        for (int r = 0; r < outputs.length; r++) {
            if (recorded(outputs[r])) {
                live[n] = (Var) outputs[r];
                liveSeeds[n++] = seeds[r];
            }
        }
        // NOTE: the params are seeded with the adjoint accumulated so far, rather than this piece's
        // gradient being added to it afterwards: the contributions then add up in the order of one
        // tape over all steps, and every schedule gives the store-all gradient to the last bit.
        for (int j = 0; j < paramIn.length; j++) {
            live[n] = paramIn[j];
            liveSeeds[n++] = paramAdjoint[j];
        }
        if (n == size) {
            tape.backward(live, liveSeeds);
        } else {
            tape.backward(Arrays.copyOf(live, n), Arrays.copyOf(liveSeeds, n));
        }
    }

    private boolean recorded(Real y) {
        return y instanceof Var v && v.tape == tape;
    }

    /** Requires a number not recorded on the tape to be a constant for it (of a lower level). */
    private void requireNotInner(Real y, String what) {
        if (Levels.of(y) >= tape.level()) {
            throw new IllegalArgumentException(what + " is a number of another differentiation (an inner call that"
                    + " has ended, or another tape); return numbers computed from the arguments");
        }
    }

    private Real[] next(Real[] out, int k) {
        if (out == null) {
            throw new IllegalArgumentException("step returned null at step " + k + "; it must return the next state");
        }
        if (out.length != width) {
            throw new IllegalArgumentException("step returned a state of length " + out.length + " at step " + k
                    + ", expected " + width + " (the length of s0)");
        }
        for (int i = 0; i < width; i++) {
            if (out[i] == null) {
                throw new IllegalArgumentException("step returned null as state[" + i + "] at step " + k
                        + "; every component must be a Real");
            }
        }
        return out;
    }

    private void requireSameState(Real[] s, int from, int to) {
        for (int i = 0; i < width; i++) {
            double again = Compare.peek(s[i]);
            double first = reversedToState[i];
            boolean same = again == first || again != again && first != first
                    || Math.abs(again - first) <= SAME_STATE * Math.max(Math.abs(again), Math.abs(first));
            if (!same) {
                throw new IllegalArgumentException("step is not a pure function: evaluating steps " + from + ".."
                        + (to - 1) + " again gave state[" + i + "] = " + again + " after step " + (to - 1)
                        + ", where the first evaluation gave " + first + "; checkpointing evaluates steps more than"
                        + " once and needs the same values every time (carry a step counter or time in the state)");
            }
        }
    }

    private static Real[] constants(double[] x) {
        Real[] out = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = new Constant(x[i]);
        }
        return out;
    }
}
