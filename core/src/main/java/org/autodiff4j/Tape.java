package org.autodiff4j;

import java.util.Arrays;

/**
 * The Wengert list of reverse mode, as a struct-of-arrays arena: for each recorded number its value
 * {@code val}, its adjoint {@code adj}, its (at most two) arguments {@code a0, a1} and the local
 * partials {@code d0, d1} with respect to them, computed when the op is recorded. The backward pass
 * is one reverse loop over the indices: {@code adj[a0[i]] += adj[i] * d0[i]} (and likewise for
 * {@code a1}). No object per node besides the {@link Var} handle, no recursion, no topological sort.
 * 40 bytes per recorded op.
 *
 * <pre>{@code
 * try (Tape tape = new Tape()) {
 *     Var a = tape.variable(1), b = tape.variable(3), c = tape.variable(6);
 *     Var h = (Var) a.add(b).mul(b.add(c).log());     // (a + b) ln(b + c)
 *     tape.backward(h);
 *     b.grad();                                       // ln 9 + 4/9
 *     tape.reset();                                   // record again, reusing the arrays
 * }
 * }</pre>
 *
 * <p>A tape is confined to one thread. {@link #reset()} forgets the recording and keeps the arrays,
 * so a reused tape allocates nothing but the Var handles; after reset or {@link #close()} the old
 * Vars are stale, and using one is an error. {@link AD#grad} keeps a tape per thread for you.
 */
public final class Tape implements AutoCloseable {

    /**
     * Slot 0 is a sink: the argument of inputs ({@code a0 = SINK}) and the second argument of unary
     * ops ({@code a1 = SINK}). The backward loop skips both, so no node updates the sink's adjoint:
     * updates to one slot from node after node would chain through memory.
     */
    private static final int SINK = 0;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private double[] val;
    private double[] adj;
    private int[] a0;
    private int[] a1;
    private double[] d0;
    private double[] d1;
    private int size;
    private long level;
    private int generation;
    private boolean closed;
    /** The highest index whose adjoint the last backward pass set, or -1 before any. */
    private int adjointsUpTo;
    /** What a replay needs (ops, constants, guards), kept only while recording for {@link AD#compile}. */
    private Program program;

    /** An empty tape with room for 1024 numbers; it grows as needed. */
    public Tape() {
        this(1024);
    }

    /** An empty tape with room for {@code capacity} numbers before it first grows. */
    public Tape(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        int n = Math.max(capacity + 1, 2);
        val = new double[n];
        adj = new double[n];
        a0 = new int[n];
        a1 = new int[n];
        d0 = new double[n];
        d1 = new double[n];
        start();
    }

    /** Records the input {@code x}. */
    public Var variable(double x) {
        requireOpen();
        Var v = push(x, SINK, 0, SINK, 0);
        note(v, Program.INPUT, null, 0);
        return v;
    }

    /** Records the inputs {@code x[0], x[1], ...}. */
    public Var[] variables(double... x) {
        Var[] out = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = variable(x[i]);
        }
        return out;
    }

    /** The number of recorded numbers (inputs and op results). */
    public int size() {
        return size - 1;
    }

    /** How many numbers the arrays hold before they next grow. */
    public int capacity() {
        return val.length - 1;
    }

    /**
     * The reverse sweep from {@code output}: afterwards each Var's {@link Var#grad()} is
     * {@code d output / d var}.
     *
     * @throws IllegalArgumentException if {@code output} belongs to another tape, or is stale
     */
    public void backward(Var output) {
        backward(index(output, "output"));
    }

    private void backward(int out) {
        Arrays.fill(adj, 0, out + 1, 0.0);
        adj[out] = 1;
        sweep(out);
    }

    /**
     * The reverse sweep seeded with {@code seeds[k]} at {@code outputs[k]}: afterwards each Var's
     * {@link Var#grad()} is {@code sum_k seeds[k] d outputs[k] / d var}, a vector-Jacobian product.
     * An output may appear more than once; its seeds add up.
     */
    public void backward(Var[] outputs, double[] seeds) {
        if (outputs == null || seeds == null) {
            throw new NullPointerException("backward: outputs and seeds must not be null");
        }
        if (outputs.length != seeds.length) {
            throw new IllegalArgumentException("backward: " + outputs.length + " outputs but " + seeds.length
                    + " seeds; give one seed per output");
        }
        int top = 0;
        for (int k = 0; k < outputs.length; k++) {
            top = Math.max(top, index(outputs[k], "outputs[" + k + "]"));
        }
        Arrays.fill(adj, 0, top + 1, 0.0);
        for (int k = 0; k < outputs.length; k++) {
            adj[outputs[k].index] += seeds[k];
        }
        sweep(top);
    }

    /** The reverse sweep from {@code top}, by the replay's plan where it stored loops in run order. */
    private void sweep(int top) {
        if (program != null && program.sweepsByPlan(top, size)) {
            program.sweep(adj, a0, a1, d0, d1);
        } else {
            sweep(top, SINK + 1, adj, a0, a1, d0, d1);
        }
        adjointsUpTo = top;
    }

    /**
     * The reverse sweep over the nodes from {@code top} down to {@code bottom}: each node's adjoint
     * times its partials added to its arguments' adjoints, the chain rule on the tape.
     */
    static void sweep(int top, int bottom, double[] adj, int[] a0, int[] a1, double[] d0, double[] d1) {
        for (int i = top; i >= bottom; i--) {
            int j = a0[i];
            if (j == SINK) {
                continue; // an input: nothing to propagate to
            }
            double g = adj[i];
            adj[j] += Chain.times(g, d0[i]);
            int k = a1[i];
            if (k != SINK) {
                adj[k] += Chain.times(g, d1[i]);
            }
        }
    }

    /**
     * Forgets everything recorded and keeps the arrays, so recording again allocates nothing but
     * the Var handles. Vars recorded before are stale afterwards.
     */
    public void reset() {
        requireOpen();
        start();
    }

    /** Releases the arrays. Vars of this tape and the tape itself cannot be used afterwards. */
    @Override
    public void close() {
        closed = true;
        generation++;
        val = adj = d0 = d1 = new double[0];
        a0 = a1 = new int[0];
    }

    private void start() {
        size = SINK + 1;
        generation++;
        level = Levels.next();
        adjointsUpTo = -1;
    }

    // ---- used by Var ---------------------------------------------------------------------------

    int generation() {
        return generation;
    }

    long level() {
        return level;
    }

    long level(Var v) {
        requireCurrent(v);
        return level;
    }

    /** The value for a user: reading it out of the tape makes a recording for replay non-replayable. */
    double value(Var v) {
        requireCurrent(v);
        if (program != null) {
            program.replayable = false;
        }
        return val[v.index];
    }

    /** The value for the library itself, which keeps every use of it on the tape. */
    double peek(Var v) {
        requireCurrent(v);
        return val[v.index];
    }

    double grad(Var v) {
        requireCurrent(v);
        if (adjointsUpTo < 0) {
            throw new IllegalStateException("no backward pass since this tape was (re)set: call tape.backward(output) first");
        }
        return v.index > adjointsUpTo ? 0 : adj[v.index];
    }

    Var record(Op op, Var x) {
        requireCurrent(x);
        double a = val[x.index];
        double f = op.value(a);
        return note(push(f, x.index, op.d(a, f), SINK, 0), Program.UNARY, op, 0);
    }

    Var record(Op op, Var x, Var y) {
        requireCurrent(x);
        requireCurrent(y);
        double a = val[x.index];
        double b = val[y.index];
        double f = op.value(a, b);
        return note(push(f, x.index, op.dx(a, b, f), y.index, op.dy(a, b, f)), Program.BINARY, op, 0);
    }

    Var recordConstantRight(Op op, Var x, double c) {
        requireCurrent(x);
        double a = val[x.index];
        double f = op.value(a, c);
        return note(push(f, x.index, op.dx(a, c, f), SINK, 0), Program.CONSTANT_RIGHT, op, c);
    }

    Var recordConstantLeft(Op op, double c, Var y) {
        requireCurrent(y);
        double b = val[y.index];
        double f = op.value(c, b);
        return note(push(f, y.index, op.dy(c, b, f), SINK, 0), Program.CONSTANT_LEFT, op, c);
    }

    /** {@code x}'s value with partial 0: {@link AD#stopGradient}. */
    Var recordStop(Var x) {
        requireCurrent(x);
        return note(push(val[x.index], x.index, 0, SINK, 0), Program.STOP, null, 0);
    }

    /** The value of {@code fx} with partial 1 in {@code x}: {@link AD#straightThrough}. */
    Var recordStraight(Var x, Real fx) {
        requireCurrent(x);
        if (fx instanceof Var v && v.tape == this) {
            requireCurrent(v);
            return note(push(val[v.index], x.index, 1, v.index, 0), Program.STRAIGHT, null, 0);
        }
        if (program != null) {
            program.replayable = false; // fx's value was computed off this tape
        }
        return push(Compare.peek(fx), x.index, 1, SINK, 0);
    }

    // ---- recording for replay (AD.compile) -----------------------------------------------------

    boolean replayable() {
        return program != null && program.replayable;
    }

    /** Starts keeping what a replay needs; call on a fresh (reset) tape before recording. */
    void startProgram() {
        if (program == null) {
            program = new Program();
        }
        program.clear();
    }

    /** Marks the recording as not replayable, e.g. because a custom gradient's constants are baked in. */
    void notReplayable() {
        if (program != null) {
            program.replayable = false;
        }
    }

    /** Records a comparison of {@code x} and {@code y} (values a and b) with its outcome. */
    void guard(byte kind, Real x, double a, Real y, double b, int outcome) {
        if (program == null) {
            return;
        }
        if (!onThisTapeOrConstant(x) || !onThisTapeOrConstant(y)) {
            program.replayable = false; // a value from elsewhere: the replay could not re-evaluate it
            return;
        }
        program.guard(kind, x instanceof Var v ? v.index : SINK, a, y instanceof Var v ? v.index : SINK, b, outcome);
    }

    private boolean onThisTapeOrConstant(Real r) {
        return r instanceof Constant || r instanceof Var v && v.tape == this && v.generation == generation;
    }

    /**
     * Re-evaluates the recorded program for new inputs and checks its guards; false if it cannot be
     * replayed or a recorded comparison would now go the other way (see {@link Program#replay}).
     */
    boolean replay(double[] x) {
        if (program == null || closed || !program.replay(x, size, val, a0, a1, d0, d1)) {
            return false;
        }
        adjointsUpTo = -1;
        return true;
    }

    /**
     * Like {@link #replay(double[])}, and on the first replay of a recording also stores the nodes
     * of its loops in the order the replay runs them, so that both passes read the tape front to back
     * ({@link Program#planAndReorder}). Nodes then change index, so Vars of the recording become
     * stale; for callers that hold none (a {@link CompiledGradient}).
     *
     * @return the new index of the node at {@code index}, or -1 if the recording cannot be replayed
     */
    int replayReordered(double[] x, int index) {
        if (program == null || closed || !program.replayable) {
            return -1;
        }
        if (!program.plan.isFor(size)) {
            index = program.planAndReorder(index, size, val, a0, a1, d0, d1);
            generation++;
        }
        return replay(x) ? index : -1;
    }

    /** How many nodes the replay's plan runs op-major, in loops over a repeated block (for tests). */
    int nodesReplayedInLoops() {
        return program == null ? 0 : program.plan.nodesInLoops();
    }

    /** How many nodes the replay stored in the order it runs them ({@link #replayReordered}; for tests). */
    int nodesReplayedMoved() {
        return program == null ? 0 : program.plan.nodesMoved();
    }

    /** The value at a tape index (for replay, which has no Var handles). */
    double valueAt(int index) {
        return val[index];
    }

    /** The adjoint at a tape index after {@link #backwardFrom}. */
    double adjointAt(int index) {
        return index > adjointsUpTo ? 0 : adj[index];
    }

    /** The reverse sweep from a tape index (for replay, which has no Var handles). */
    void backwardFrom(int index) {
        backward(index);
    }

    private Var note(Var v, byte kind, Op op, double c) {
        if (program != null) {
            program.node(v.index, kind, op, c);
        }
        return v;
    }

    private Var push(double v, int i, double di, int j, double dj) {
        int n = size;
        if (n == val.length) {
            grow();
        }
        val[n] = v;
        a0[n] = i;
        d0[n] = di;
        a1[n] = j;
        d1[n] = dj;
        size = n + 1;
        return new Var(this, n, generation);
    }

    private void grow() {
        if (val.length >= MAX_CAPACITY) {
            throw new IllegalStateException("tape is full: " + size() + " numbers recorded");
        }
        int n = (int) Math.min(MAX_CAPACITY, 2L * val.length);
        val = Arrays.copyOf(val, n);
        adj = Arrays.copyOf(adj, n);
        a0 = Arrays.copyOf(a0, n);
        a1 = Arrays.copyOf(a1, n);
        d0 = Arrays.copyOf(d0, n);
        d1 = Arrays.copyOf(d1, n);
    }

    private int index(Var v, String what) {
        if (v == null) {
            throw new NullPointerException("backward: " + what + " is null");
        }
        if (v.tape != this) {
            throw new IllegalArgumentException("backward: " + what + " is a Var of another tape");
        }
        requireCurrent(v);
        return v.index;
    }

    private void requireCurrent(Var v) {
        if (v.generation != generation) {
            throw stale(); // NOTE: the throw is a call, to keep this method small enough to inline
        }
    }

    private IllegalStateException stale() {
        return new IllegalStateException(closed
                ? "this Var's tape is closed"
                : "this Var was recorded before its tape was reset; record it again");
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this tape is closed");
        }
    }
}
