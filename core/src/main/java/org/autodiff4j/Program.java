package org.autodiff4j;

import java.util.Arrays;

/**
 * What a {@link Tape} needs, beyond values and partials, to replay a recording for new inputs:
 * the op of each node, the constants it used, and the comparisons the recorded code branched on
 * (guards). Kept only while recording for {@link AD#compile}.
 */
final class Program {

    static final byte INPUT = 0;
    static final byte UNARY = 1;
    static final byte BINARY = 2;
    /** op(x, c): a constant right operand. */
    static final byte CONSTANT_RIGHT = 3;
    /** op(c, y): a constant left operand. */
    static final byte CONSTANT_LEFT = 4;
    /** stopGradient(x): the value of a0, partial 0. */
    static final byte STOP = 5;
    /** straightThrough: the value of a1, partial 1 in a0. */
    static final byte STRAIGHT = 6;

    static final byte GT = 0;
    static final byte LT = 1;
    static final byte COMPARE = 2;

    byte[] kind = new byte[16];
    /** Each node's case in {@link #straight}'s and {@link #run}'s switches: a common op, or {@link #OTHER}. */
    byte[] code = new byte[16];
    Op[] op = new Op[16];
    double[] constant = new double[16];

    int guards;
    byte[] guardKind = new byte[4];
    int[] guardLeft = new int[4];
    int[] guardRight = new int[4];
    double[] guardLeftConstant = new double[4];
    double[] guardRightConstant = new double[4];
    int[] guardOutcome = new int[4];

    /**
     * False once the recorded code read a value out of the tape ({@link Var#value()}) or used a
     * custom gradient: what it did with the value is not on the tape, so a replay could be wrong.
     */
    boolean replayable = true;

    /** How {@link #replay} runs the nodes: straight runs, and loops over a repeated block. */
    final ReplayPlan plan = new ReplayPlan();

    void node(int index, byte k, Op o, double c) {
        if (index >= kind.length) {
            int n = Math.max(index + 1, 2 * kind.length);
            kind = Arrays.copyOf(kind, n);
            code = Arrays.copyOf(code, n);
            op = Arrays.copyOf(op, n);
            constant = Arrays.copyOf(constant, n);
        }
        kind[index] = k;
        code[index] = code(k, o);
        op[index] = o;
        constant[index] = c;
    }

    /** A comparison of two tape indices (or constants, index 0) with its outcome. */
    void guard(byte k, int left, double leftConstant, int right, double rightConstant, int outcome) {
        if (guards == guardKind.length) {
            int n = 2 * guards;
            guardKind = Arrays.copyOf(guardKind, n);
            guardLeft = Arrays.copyOf(guardLeft, n);
            guardRight = Arrays.copyOf(guardRight, n);
            guardLeftConstant = Arrays.copyOf(guardLeftConstant, n);
            guardRightConstant = Arrays.copyOf(guardRightConstant, n);
            guardOutcome = Arrays.copyOf(guardOutcome, n);
        }
        guardKind[guards] = k;
        guardLeft[guards] = left;
        guardRight[guards] = right;
        guardLeftConstant[guards] = leftConstant;
        guardRightConstant[guards] = rightConstant;
        guardOutcome[guards] = outcome;
        guards++;
    }

    void clear() {
        guards = 0;
        replayable = true;
        plan.forget();
    }

    /**
     * Re-evaluates the program on the tape arrays for new inputs: values and partials in place, no
     * allocation once planned. False if a recorded comparison would now go the other way.
     */
    boolean replay(double[] x, int size, double[] val, int[] a0, int[] a1, double[] d0, double[] d1) {
        if (!replayable) {
            return false;
        }
        if (!plan.isFor(size)) {
            plan.make(code, size, a0, a1, false);
        }
        int input = 0;
        for (int g = 0; g < plan.segments(); g++) {
            int start = plan.start(g);
            int period = plan.period(g);
            int reps = plan.reps(g);
            if (reps == 1) {
                input = straight(start, start + period, input, x, val, a0, a1, d0, d1);
            } else if (plan.moved(g)) {
                // stored as run: each op-major position's nodes side by side, then the sequential ones
                int ops = plan.ops(g);
                for (int k = 0; k < ops; k++) {
                    int first = start + k * reps;
                    int q = plan.position(g, k);
                    if (code[first] == C_ADD && plan.runningSum(q, first, reps)) {
                        runningSum(first, reps, plan.base0(q), plan.base1(q), val);
                    } else {
                        input = run(code[first], first, 1, reps, input, x, val, a0, a1, d0, d1);
                    }
                }
                input = straight(start + ops * reps, start + period * reps, input, x, val, a0, a1, d0, d1);
            } else {
                int sequential = plan.sequential(g);
                for (int j = 0; j < period; j++) {
                    if ((sequential >>> j & 1) == 0) {
                        input = run(code[start + j], start + j, period, reps, input, x, val, a0, a1, d0, d1);
                    }
                }
                if (sequential != 0) {
                    for (int base = start, end = start + period * reps; base < end; base += period) {
                        for (int j = 0; j < period; j++) {
                            if ((sequential >>> j & 1) != 0) {
                                input = straight(base + j, base + j + 1, input, x, val, a0, a1, d0, d1);
                            }
                        }
                    }
                }
            }
        }
        for (int g = 0; g < guards; g++) {
            double a = guardLeft[g] == 0 ? guardLeftConstant[g] : val[guardLeft[g]];
            double b = guardRight[g] == 0 ? guardRightConstant[g] : val[guardRight[g]];
            if (outcome(guardKind[g], a, b) != guardOutcome[g]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes the replay's plan, if there is none for this recording, and stores the nodes of its
     * loops in the order they run in ({@link ReplayPlan#reorder}), moving the tape's arrays, this
     * program's and the guards' indices with them. The values and the gradient stay the same to the
     * last bit; the nodes' indices change, so the caller must hold no Var of the recording.
     *
     * @return the new index of the node at {@code index}
     */
    int planAndReorder(int index, int size, double[] val, int[] a0, int[] a1, double[] d0, double[] d1) {
        if (plan.isFor(size)) {
            return index;
        }
        plan.make(code, size, a0, a1, true);
        int[] moved = plan.reorder(size);
        if (moved == null) {
            return index;
        }
        move(val, moved, size);
        move(d0, moved, size);
        move(d1, moved, size);
        moveIndices(a0, moved, size);
        moveIndices(a1, moved, size);
        move(constant, moved, size);
        byte[] oldKind = Arrays.copyOf(kind, size);
        byte[] oldCode = Arrays.copyOf(code, size);
        Op[] oldOp = Arrays.copyOf(op, size);
        for (int i = 0; i < size; i++) {
            kind[moved[i]] = oldKind[i];
            code[moved[i]] = oldCode[i];
            op[moved[i]] = oldOp[i];
        }
        for (int g = 0; g < guards; g++) {
            guardLeft[g] = moved[guardLeft[g]];
            guardRight[g] = moved[guardRight[g]];
        }
        plan.describeArguments(a0, a1);
        return moved[index];
    }

    /** True if {@link #sweep} serves a backward pass from {@code top}: the last node of a moved tape. */
    boolean sweepsByPlan(int top, int size) {
        return plan.isFor(size) && top == size - 1 && plan.movedAny();
    }

    /**
     * The reverse sweep over the whole tape, with the same additions in the same order as {@link
     * Tape#sweep}. An op-major position of a moved loop whose arguments are consecutive nodes (or,
     * for a running sum, the node before) runs in a loop of its own without reading their indices.
     */
    void sweep(double[] adj, int[] a0, int[] a1, double[] d0, double[] d1) {
        for (int g = plan.segments() - 1; g >= 0; g--) {
            int start = plan.start(g);
            int reps = plan.reps(g);
            int end = start + plan.period(g) * reps;
            if (!plan.moved(g)) {
                Tape.sweep(end - 1, start, adj, a0, a1, d0, d1);
                continue;
            }
            int ops = plan.ops(g);
            Tape.sweep(end - 1, start + ops * reps, adj, a0, a1, d0, d1);
            for (int k = ops - 1; k >= 0; k--) {
                int first = start + k * reps;
                int q = plan.position(g, k);
                int b0 = plan.base0(q);
                int b1 = plan.base1(q);
                int step0 = b0 == 0 ? -1 : plan.step0(q); // b0 == 0: inputs, which propagate nothing
                int step1 = plan.step1(q);
                if (step0 == ReplayPlan.CONSECUTIVE && b1 == 0 && step1 == ReplayPlan.SAME) {
                    sweep(first, reps, b0, adj, d0);
                } else if (step0 == ReplayPlan.CONSECUTIVE && b1 != 0 && step1 == ReplayPlan.CONSECUTIVE) {
                    sweep(first, reps, b0, b1, adj, d0, d1);
                } else if (plan.runningSum(q, first, reps)) {
                    chain(first, reps, b0, b1, adj, d0, d1);
                } else {
                    Tape.sweep(first + reps - 1, first, adj, a0, a1, d0, d1);
                }
            }
        }
    }

    /**
     * {@link Tape#sweep} over nodes first .. first + count - 1 of one argument, b0 + r in repetition
     * r: the same additions in the same order, without reading the indices.
     */
    private static void sweep(int first, int count, int b0, double[] adj, double[] d0) {
        for (int r = count - 1; r >= 0; r--) {
            adj[b0 + r] += Chain.times(adj[first + r], d0[first + r]);
        }
    }

    /**
     * As {@link #sweep(int, int, int, int, double[], double[], double[])} for nodes whose first
     * argument is the node before them (b0 for the first: a running sum). The adjoint each node
     * passes to the one before is carried in a register and added last, as the plain sweep adds it;
     * through memory, each node waited for the store of the one after (18 instead of 8 us for
     * CompileBench's 4096 additions).
     */
    private static void chain(int first, int count, int b0, int b1, double[] adj, double[] d0, double[] d1) {
        double carried = 0;
        for (int r = count - 1; r >= 0; r--) {
            int i = first + r;
            double g = r == count - 1 ? adj[i] : adj[i] + carried;
            adj[i] = g;
            carried = Chain.times(g, d0[i]);
            adj[b1 + r] += Chain.times(g, d1[i]);
        }
        adj[b0] += carried;
    }

    /** As {@link #sweep(int, int, int, double[], double[])}, with a second argument b1 + r. */
    private static void sweep(int first, int count, int b0, int b1, double[] adj, double[] d0, double[] d1) {
        for (int r = count - 1; r >= 0; r--) {
            double g = adj[first + r];
            adj[b0 + r] += Chain.times(g, d0[first + r]);
            adj[b1 + r] += Chain.times(g, d1[first + r]);
        }
    }

    /** Moves entry i of a to moved[i]. */
    private static void move(double[] a, int[] moved, int size) {
        double[] old = Arrays.copyOf(a, size);
        for (int i = 0; i < size; i++) {
            a[moved[i]] = old[i];
        }
    }

    /** Moves entry i of a (an index) to moved[i], and renames the index it holds. */
    private static void moveIndices(int[] a, int[] moved, int size) {
        int[] old = Arrays.copyOf(a, size);
        for (int i = 0; i < size; i++) {
            a[moved[i]] = moved[old[i]];
        }
    }

    /**
     * Evaluates the nodes from..to - 1 one after another, each by the case of its op; returns the
     * number of inputs read so far. NOTE: its own switch, with each op inlined, rather than a call of
     * {@link #run} per node: that call made a replay of 20,000 nodes with no loop 1.65x slower.
     */
    private int straight(int from, int to, int input, double[] x, double[] val, int[] a0, int[] a1, double[] d0,
                         double[] d1) {
        for (int i = from; i < to; i++) {
            switch (code[i]) {
                case C_INPUT -> val[i] = x[input++];
                case C_EXP -> exp(i, 0, 1, val, a0, d0);
                case C_LOG -> log(i, 0, 1, val, a0, d0);
                case C_SIN -> sin(i, 0, 1, val, a0, d0);
                case C_COS -> cos(i, 0, 1, val, a0, d0);
                case C_TANH -> tanh(i, 0, 1, val, a0, d0);
                case C_SQRT -> sqrt(i, 0, 1, val, a0, d0);
                case C_NEG -> neg(i, 0, 1, val, a0);
                case C_ADD -> add(i, 0, 1, val, a0, a1);
                case C_SUB -> sub(i, 0, 1, val, a0, a1);
                case C_MUL -> mul(i, 0, 1, val, a0, a1, d0, d1);
                case C_DIV -> div(i, 0, 1, val, a0, a1, d0, d1);
                case C_ADD_CONSTANT -> addConstant(i, 0, 1, val, a0);
                case C_SUB_CONSTANT -> subConstant(i, 0, 1, val, a0);
                case C_MUL_CONSTANT -> mulConstant(i, 0, 1, val, a0);
                default -> other(i, val, a0, a1, d0, d1);
            }
        }
        return input;
    }

    /**
     * Evaluates the nodes {@code first, first + step, ...} ({@code count} of them), all of case
     * {@code c}, in that order: one position of a loop, op-major; returns the number of inputs read so far.
     */
    private int run(byte c, int first, int step, int count, int input, double[] x, double[] val, int[] a0, int[] a1,
                    double[] d0, double[] d1) {
        switch (c) {
            case C_INPUT -> {
                for (int r = 0; r < count; r++) {
                    val[first + r * step] = x[input++];
                }
            }
            case C_EXP -> exp(first, step, count, val, a0, d0);
            case C_LOG -> log(first, step, count, val, a0, d0);
            case C_SIN -> sin(first, step, count, val, a0, d0);
            case C_COS -> cos(first, step, count, val, a0, d0);
            case C_TANH -> tanh(first, step, count, val, a0, d0);
            case C_SQRT -> sqrt(first, step, count, val, a0, d0);
            case C_NEG -> neg(first, step, count, val, a0);
            case C_ADD -> add(first, step, count, val, a0, a1);
            case C_SUB -> sub(first, step, count, val, a0, a1);
            case C_MUL -> mul(first, step, count, val, a0, a1, d0, d1);
            case C_DIV -> div(first, step, count, val, a0, a1, d0, d1);
            case C_ADD_CONSTANT -> addConstant(first, step, count, val, a0);
            case C_SUB_CONSTANT -> subConstant(first, step, count, val, a0);
            case C_MUL_CONSTANT -> mulConstant(first, step, count, val, a0);
            default -> {
                for (int r = 0; r < count; r++) {
                    other(first + r * step, val, a0, a1, d0, d1);
                }
            }
        }
        return input;
    }

    // ---- the common ops, one method each, over nodes first, first + step, ... (count of them) ------
    // NOTE: counted loops over r (stride 1) let C2 unroll them and drop the range checks; with
    // i += step as the loop variable the replay took 180 us instead of 130 (CompileBench).
    // NOTE: called on the ops' constants, which the JIT inlines; through the shared op[i] the calls
    // are megamorphic and cost more than the arithmetic. Negation, addition, subtraction and
    // multiplication by a constant write no partial: theirs (-1, 1, -1, the constant) do not depend
    // on the inputs and stay as recorded.

    private static void exp(int first, int step, int count, double[] val, int[] a0, double[] d0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double f = Op.EXP.value(a);
            val[i] = f;
            d0[i] = Op.EXP.d(a, f);
        }
    }

    private static void log(int first, int step, int count, double[] val, int[] a0, double[] d0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double f = Op.LOG.value(a);
            val[i] = f;
            d0[i] = Op.LOG.d(a, f);
        }
    }

    private static void sin(int first, int step, int count, double[] val, int[] a0, double[] d0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double f = Op.SIN.value(a);
            val[i] = f;
            d0[i] = Op.SIN.d(a, f);
        }
    }

    private static void cos(int first, int step, int count, double[] val, int[] a0, double[] d0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double f = Op.COS.value(a);
            val[i] = f;
            d0[i] = Op.COS.d(a, f);
        }
    }

    private static void tanh(int first, int step, int count, double[] val, int[] a0, double[] d0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double f = Op.TANH.value(a);
            val[i] = f;
            d0[i] = Op.TANH.d(a, f);
        }
    }

    private static void sqrt(int first, int step, int count, double[] val, int[] a0, double[] d0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double f = Op.SQRT.value(a);
            val[i] = f;
            d0[i] = Op.SQRT.d(a, f);
        }
    }

    private static void neg(int first, int step, int count, double[] val, int[] a0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            val[i] = Op.NEG.value(val[a0[i]]);
        }
    }

    private static void add(int first, int step, int count, double[] val, int[] a0, int[] a1) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            val[i] = Op.ADD.value(val[a0[i]], val[a1[i]]);
        }
    }

    /**
     * {@link #add} over nodes first .. first + count - 1 of a running sum: node r adds node r - 1
     * (b0 for the first) and b1 + r. The sum is carried in a register; through memory, each node
     * waited for the store of the one before.
     */
    private static void runningSum(int first, int count, int b0, int b1, double[] val) {
        double sum = val[b0];
        for (int r = 0; r < count; r++) {
            sum = Op.ADD.value(sum, val[b1 + r]);
            val[first + r] = sum;
        }
    }

    private static void sub(int first, int step, int count, double[] val, int[] a0, int[] a1) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            val[i] = Op.SUB.value(val[a0[i]], val[a1[i]]);
        }
    }

    private static void mul(int first, int step, int count, double[] val, int[] a0, int[] a1, double[] d0,
                            double[] d1) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double b = val[a1[i]];
            double f = Op.MUL.value(a, b);
            val[i] = f;
            d0[i] = Op.MUL.dx(a, b, f);
            d1[i] = Op.MUL.dy(a, b, f);
        }
    }

    private static void div(int first, int step, int count, double[] val, int[] a0, int[] a1, double[] d0,
                            double[] d1) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            double a = val[a0[i]];
            double b = val[a1[i]];
            double f = Op.DIV.value(a, b);
            val[i] = f;
            d0[i] = Op.DIV.dx(a, b, f);
            d1[i] = Op.DIV.dy(a, b, f);
        }
    }

    private void addConstant(int first, int step, int count, double[] val, int[] a0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            val[i] = Op.ADD.value(val[a0[i]], constant[i]);
        }
    }

    private void subConstant(int first, int step, int count, double[] val, int[] a0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            val[i] = Op.SUB.value(val[a0[i]], constant[i]);
        }
    }

    private void mulConstant(int first, int step, int count, double[] val, int[] a0) {
        for (int r = 0; r < count; r++) {
            int i = first + r * step;
            val[i] = Op.MUL.value(val[a0[i]], constant[i]);
        }
    }

    static final byte OTHER = 0;
    static final byte C_INPUT = 1;
    static final byte C_EXP = 2;
    static final byte C_LOG = 3;
    static final byte C_SIN = 4;
    static final byte C_COS = 5;
    static final byte C_TANH = 6;
    static final byte C_SQRT = 7;
    static final byte C_NEG = 8;
    static final byte C_ADD = 9;
    static final byte C_SUB = 10;
    static final byte C_MUL = 11;
    static final byte C_DIV = 12;
    static final byte C_ADD_CONSTANT = 13;
    static final byte C_SUB_CONSTANT = 14;
    static final byte C_MUL_CONSTANT = 15;

    /**
     * The case of a node of kind k applying o in {@link #straight} and {@link #run}.
     */
    private static byte code(byte k, Op o) {
        return switch (k) {
            case INPUT -> C_INPUT;
            case UNARY -> switch (o) {
                case EXP -> C_EXP;
                case LOG -> C_LOG;
                case SIN -> C_SIN;
                case COS -> C_COS;
                case TANH -> C_TANH;
                case SQRT -> C_SQRT;
                case NEG -> C_NEG;
                default -> OTHER;
            };
            case BINARY -> switch (o) {
                case ADD -> C_ADD;
                case SUB -> C_SUB;
                case MUL -> C_MUL;
                case DIV -> C_DIV;
                default -> OTHER;
            };
            case CONSTANT_RIGHT -> switch (o) {
                case ADD -> C_ADD_CONSTANT;
                case SUB -> C_SUB_CONSTANT;
                case MUL -> C_MUL_CONSTANT;
                default -> OTHER;
            };
            default -> OTHER;
        };
    }

    /** A node of a kind or op without a case of its own in {@link #straight} and {@link #run}. */
    private void other(int i, double[] val, int[] a0, int[] a1, double[] d0, double[] d1) {
        byte k = kind[i];
        if (k == STOP) {
            val[i] = val[a0[i]];
        } else if (k == STRAIGHT) {
            val[i] = val[a1[i]];
        } else {
            node(op[i], k, i, val, a0, a1, d0, d1);
        }
    }

    /** Re-evaluates node i, an application of {@code op}, from its arguments' new values. */
    private void node(Op op, byte k, int i, double[] val, int[] a0, int[] a1, double[] d0, double[] d1) {
        switch (k) {
            case UNARY -> {
                double a = val[a0[i]];
                double f = op.value(a);
                val[i] = f;
                d0[i] = op.d(a, f);
            }
            case BINARY -> {
                double a = val[a0[i]];
                double b = val[a1[i]];
                double f = op.value(a, b);
                val[i] = f;
                d0[i] = op.dx(a, b, f);
                d1[i] = op.dy(a, b, f);
            }
            case CONSTANT_RIGHT -> {
                double a = val[a0[i]];
                double c = constant[i];
                double f = op.value(a, c);
                val[i] = f;
                d0[i] = op.dx(a, c, f);
            }
            case CONSTANT_LEFT -> {
                double b = val[a0[i]];
                double c = constant[i];
                double f = op.value(c, b);
                val[i] = f;
                d0[i] = op.dy(c, b, f);
            }
            default -> throw new AssertionError("not an op node: kind " + k);
        }
    }


    /** The outcome of comparison kind {@code k} on two values. */
    static int outcome(byte k, double a, double b) {
        return switch (k) {
            case GT -> a > b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            default -> Double.compare(a, b);
        };
    }
}
