package org.autodiff4j;

import java.util.Arrays;

/**
 * How {@link Program#replay} runs a recorded tape: cut into straight runs, evaluated node by node,
 * and loops over a block of nodes repeated on the tape (the body of a loop in the recorded code),
 * evaluated op-major, and for {@link AD#compile} stored in that order ({@link #reorder}). Made once
 * per recording, at its first replay; allocates only then.
 */
final class ReplayPlan {

    /**
     * The longest block {@link #make} looks for. NOTE: a block is the body of a loop in the recorded
     * code (7 nodes for CompileBench's objective); longer periods cost the planner more and are rare.
     */
    static final int LONGEST_BLOCK = 24;
    /** The fewest repetitions of a block worth a loop of its own. */
    static final int FEWEST_REPS = 4;

    /**
     * The plan of the last {@link #make}: segment g covers the nodes from segmentStart[g], either a
     * straight run of segmentPeriod[g] nodes (segmentReps[g] == 1) or a block of that many nodes
     * repeated segmentReps[g] times, whose positions in the bit mask segmentSequential[g] run
     * repetition by repetition after the others.
     */
    private int[] segmentStart = new int[4];
    private int[] segmentPeriod = new int[4];
    private int[] segmentReps = new int[4];
    private int[] segmentSequential = new int[4];
    /** Whether segment g's nodes are stored in the order they run in ({@link #reorder}). */
    private boolean[] segmentMoved = new boolean[4];
    private boolean movedAny;
    private int segments;
    /**
     * For the op-major positions of the moved loops, in order (segment g's from
     * segmentPositions[g]): each argument's node in the first repetition, and how it follows in the
     * others ({@link #step}).
     */
    private int[] segmentPositions = new int[4];
    private int[] argBase0 = new int[0];
    private int[] argStep0 = new int[0];
    private int[] argBase1 = new int[0];
    private int[] argStep1 = new int[0];
    /** Scratch for {@link #keepsOrder} while {@link #make} runs: each node's last user, valid where stamp is stamps. */
    private int[] lastUser;
    private int[] stamp;
    private int stamps;
    /** The tape size the plan was made for; -1 when there is none. */
    private int plannedSize = -1;

    /**
     * Cuts the nodes 1 .. size - 1 into straight runs and loops. A loop is a block of nodes whose
     * ops ({@code code}, {@link Program}'s switch cases) repeat; it runs position by position
     * ("op-major"): node j of every repetition, then node j + 1 of every repetition. Each op then
     * runs in a loop of its own, with no dispatch between nodes and without each repetition waiting
     * on the one before. Positions that take a value carried from a later position of an earlier
     * repetition (a running sum added in the middle of the block), or from such a position, are
     * "sequential": they run afterwards, repetition by repetition, as recorded. This order computes
     * the same values, because every argument is computed before its node: the other positions'
     * arguments lie before the loop, at an earlier position, or at the same position of an earlier
     * repetition ({@link #sequentialPositions}). Inputs are read in order, so a block with an input
     * is a run of inputs. Blocks are tried shortest first, and the first that repeats {@link
     * #FEWEST_REPS} times with a position to run op-major is taken.
     *
     * <p>With {@code inRunOrder}, each loop whose nodes can be stored in the order they run ({@link
     * #keepsOrder}) is marked for {@link #reorder}. A loop found out of phase with the recorded code's
     * (from the middle of its body, because what came before the loop looked like its end) may not
     * keep the order; the block is then tried from each of its nodes in turn.
     *
     * <p>Measured on CompileBench's objective (4096 blocks of 7 nodes, its running sum at one
     * position): op-major, the replay's forward pass went from about 107 to 80-87 us. Run position
     * by position over the tape as recorded, the backward sweep read the node-major arrays at a
     * stride of one block and took 78 us instead of 44; stored in run order, it takes about 30
     * (Program#sweep).
     */
    void make(byte[] code, int size, int[] a0, int[] a1, boolean inRunOrder) {
        segments = 0;
        movedAny = false;
        if (inRunOrder) {
            lastUser = new int[size];
            stamp = new int[size];
            stamps = 0;
        }
        int straight = 1;
        int s = 1;
        while (s < size) {
            int period = 0;
            int reps = 0;
            int sequential = 0;
            for (int p = 1; p <= LONGEST_BLOCK && s + FEWEST_REPS * p <= size; p++) {
                if (code[s + p] != code[s]) {
                    continue;
                }
                int r = repetitions(code, s, p, size);
                if (r >= FEWEST_REPS) {
                    int seq = sequentialPositions(s, p, r, a0, a1);
                    if (seq != (int) ((1L << p) - 1)) {
                        period = p;
                        reps = r;
                        sequential = seq;
                        break;
                    }
                }
            }
            if (period == 0) {
                s++;
                continue;
            }
            boolean moved = false;
            if (inRunOrder && period > 1) {
                // the loop may have been found out of phase with the recorded code's loop (from a
                // node in the middle of its body): try the block from each of its nodes
                for (int offset = 0; offset < period; offset++) {
                    int r = offset == 0 ? reps : repetitions(code, s + offset, period, size);
                    if (r < FEWEST_REPS) {
                        break;
                    }
                    int seq = offset == 0 ? sequential : sequentialPositions(s + offset, period, r, a0, a1);
                    if (seq != (int) ((1L << period) - 1) && keepsOrder(s + offset, period, r, seq, a0, a1)) {
                        s += offset;
                        reps = r;
                        sequential = seq;
                        moved = true;
                        break;
                    }
                }
            }
            if (straight < s) {
                segment(straight, s - straight, 1, 0, false);
            }
            segment(s, period, reps, sequential, moved);
            s += period * reps;
            straight = s;
        }
        if (straight < size) {
            segment(straight, size - straight, 1, 0, false);
        }
        lastUser = stamp = null;
        plannedSize = size;
    }

    /** How many times the cases of the p nodes at s repeat from s; 1 if the block mixes inputs with other nodes. */
    private static int repetitions(byte[] code, int s, int p, int size) {
        if (p > 1) {
            for (int j = 0; j < p; j++) {
                if (code[s + j] == Program.C_INPUT) {
                    return 1;
                }
            }
        }
        int r = 1;
        for (int base = s + p; base + p <= size; base += p, r++) {
            for (int j = 0; j < p; j++) {
                if (code[base + j] != code[s + j]) {
                    return r;
                }
            }
        }
        return r;
    }

    /**
     * The positions (a bit mask) of a loop of {@code reps} blocks of p nodes from s that cannot run
     * op-major: those with an argument at a later position of an earlier repetition, and those with
     * an argument at a sequential position.
     */
    private static int sequentialPositions(int s, int p, int reps, int[] a0, int[] a1) {
        int[] uses = new int[p];
        int sequential = 0;
        for (int i = s, end = s + p * reps; i < end; i++) {
            int j = (i - s) % p;
            sequential |= carried(a0[i], s, p, j, uses);
            sequential |= carried(a1[i], s, p, j, uses);
        }
        // NOTE: positions use only earlier ones (or their own), so one pass in order settles them
        for (int j = 0; j < p; j++) {
            if ((uses[j] & sequential & ~(1 << j)) != 0) {
                sequential |= 1 << j;
            }
        }
        return sequential;
    }

    /**
     * For argument t of a node at position j of a loop from s: the bit of j if t lies at a later
     * position (of an earlier repetition), else 0, noting t's position in uses[j].
     */
    private static int carried(int t, int s, int p, int j, int[] uses) {
        if (t < s) {
            return 0;
        }
        int position = (t - s) % p;
        if (position > j) {
            return 1 << j;
        }
        uses[j] |= 1 << position;
        return 0;
    }

    /**
     * The new index of every node (old index to new; the sink stays at 0) once the nodes of the
     * loops that {@link #make} chose to move are stored in the order the replay runs them: position
     * by position (node j of every repetition together, so that each op's loop reads and writes
     * consecutive slots), then the sequential positions repetition by repetition. That order is the
     * replay's order of evaluation, so a reverse sweep over the moved tape is a valid backward pass,
     * and it reads the tape front to back.
     *
     * @return the new index of each node, or null if no loop moves
     */
    int[] reorder(int size) {
        int[] moved = null;
        for (int g = 0; g < segments; g++) {
            if (segmentMoved[g]) {
                if (moved == null) {
                    moved = new int[size];
                    for (int i = 0; i < size; i++) {
                        moved[i] = i;
                    }
                }
                int s = segmentStart[g];
                for (int i = s, end = s + segmentPeriod[g] * segmentReps[g]; i < end; i++) {
                    moved[i] = s + offsetInRunOrder(i - s, segmentPeriod[g], segmentReps[g], segmentSequential[g]);
                }
            }
        }
        return moved;
    }

    /**
     * Where the node at offset {@code i} of a loop of {@code reps} blocks of p nodes goes in run
     * order: the op-major positions' nodes side by side, then the sequential ones as recorded.
     */
    private static int offsetInRunOrder(int i, int p, int reps, int sequential) {
        int r = i / p;
        int j = i % p;
        int before = Integer.bitCount(sequential & ((1 << j) - 1)); // sequential positions before j
        if ((sequential >>> j & 1) != 0) {
            int ops = p - Integer.bitCount(sequential);
            return ops * reps + r * (p - ops) + before;
        }
        return (j - before) * reps + r;
    }

    /**
     * True if storing the loop of {@code reps} blocks of p nodes from s in run order keeps the order
     * of every node's users. The backward sweep adds a node's contributions to its argument's
     * adjoint in the reverse order of the users, and floating-point addition is not associative, so
     * another order could change the gradient's last bits. A node used at two positions of the body
     * (a parameter used twice in a loop) breaks the order; such a loop still runs op-major in place.
     */
    private boolean keepsOrder(int s, int p, int reps, int sequential, int[] a0, int[] a1) {
        stamps++;
        for (int i = s, end = s + p * reps; i < end; i++) {
            int at = offsetInRunOrder(i - s, p, reps, sequential);
            if (!usedInOrder(a0[i], at) || !usedInOrder(a1[i], at)) {
                return false;
            }
        }
        return true;
    }

    /** False if node t (0: none) had a user stored after {@code at}; notes the user at {@code at}. */
    private boolean usedInOrder(int t, int at) {
        if (t == 0) {
            return true;
        }
        if (stamp[t] == stamps && lastUser[t] > at) {
            return false;
        }
        stamp[t] = stamps;
        lastUser[t] = at;
        return true;
    }

    /**
     * Notes, for each op-major position of the moved loops, how its nodes' arguments follow from
     * repetition to repetition ({@link #base0} and the others); call after the tape was moved.
     */
    void describeArguments(int[] a0, int[] a1) {
        int positions = 0;
        for (int g = 0; g < segments; g++) {
            segmentPositions[g] = positions;
            if (segmentMoved[g]) {
                positions += ops(g);
            }
        }
        argBase0 = new int[positions];
        argStep0 = new int[positions];
        argBase1 = new int[positions];
        argStep1 = new int[positions];
        for (int g = 0; g < segments; g++) {
            if (!segmentMoved[g]) {
                continue;
            }
            int reps = segmentReps[g];
            for (int k = 0, q = segmentPositions[g]; k < ops(g); k++, q++) {
                int first = segmentStart[g] + k * reps;
                argBase0[q] = a0[first];
                argStep0[q] = step(a0, first, reps);
                argBase1[q] = a1[first];
                argStep1[q] = step(a1, first, reps);
            }
        }
    }

    static final int SAME = 0;
    static final int CONSECUTIVE = 1;
    static final int PREVIOUS = 2;

    /**
     * How the arguments t[first + r] of a position's nodes (r < reps) follow from t[first]: {@link
     * #PREVIOUS} (from r = 1 on, the node of the repetition before: a running sum), {@link
     * #CONSECUTIVE} (t[first] + r), {@link #SAME} (all t[first]), or -1. A running sum whose first
     * argument is the node just before it is both of the first two, and called PREVIOUS.
     */
    private static int step(int[] t, int first, int reps) {
        boolean same = true;
        boolean consecutive = true;
        boolean previous = true;
        for (int r = 1; r < reps; r++) {
            same &= t[first + r] == t[first];
            consecutive &= t[first + r] == t[first] + r;
            previous &= t[first + r] == first + r - 1;
        }
        return previous ? PREVIOUS : consecutive ? CONSECUTIVE : same ? SAME : -1;
    }

    private void segment(int start, int period, int reps, int sequential, boolean moved) {
        if (segments == segmentStart.length) {
            int n = 2 * segments;
            segmentStart = Arrays.copyOf(segmentStart, n);
            segmentPeriod = Arrays.copyOf(segmentPeriod, n);
            segmentReps = Arrays.copyOf(segmentReps, n);
            segmentSequential = Arrays.copyOf(segmentSequential, n);
            segmentMoved = Arrays.copyOf(segmentMoved, n);
            segmentPositions = Arrays.copyOf(segmentPositions, n);
        }
        segmentStart[segments] = start;
        segmentPeriod[segments] = period;
        segmentReps[segments] = reps;
        segmentSequential[segments] = sequential;
        segmentMoved[segments] = moved;
        movedAny |= moved;
        segments++;
    }

    /** True if the plan was made for a tape of this size since the last {@link #forget}. */
    boolean isFor(int size) {
        return plannedSize == size;
    }

    /** Drops the plan (a new recording starts). */
    void forget() {
        plannedSize = -1;
    }

    int segments() {
        return segments;
    }

    /** The first node of segment g. */
    int start(int g) {
        return segmentStart[g];
    }

    /** The nodes of segment g's block, or of the whole run when {@link #reps} is 1. */
    int period(int g) {
        return segmentPeriod[g];
    }

    /** How many times segment g's block repeats; 1 for a straight run. */
    int reps(int g) {
        return segmentReps[g];
    }

    /** The positions of segment g's block (a bit mask) that run repetition by repetition. */
    int sequential(int g) {
        return segmentSequential[g];
    }

    /** The number of op-major positions of segment g's block. */
    int ops(int g) {
        return segmentPeriod[g] - Integer.bitCount(segmentSequential[g]);
    }

    /** The index of op-major position k of moved segment g in {@link #base0} and the others. */
    int position(int g, int k) {
        return segmentPositions[g] + k;
    }

    /** The first argument of position q's node in repetition 0; see {@link #step0} for the others. */
    int base0(int q) {
        return argBase0[q];
    }

    /** How the first arguments of position q's nodes follow from {@link #base0} ({@link #step}). */
    int step0(int q) {
        return argStep0[q];
    }

    /** As {@link #base0} for the second argument (0 for none: a unary op or a constant operand). */
    int base1(int q) {
        return argBase1[q];
    }

    /** As {@link #step0} for the second argument. */
    int step1(int q) {
        return argStep1[q];
    }

    /** The number of nodes in loops that {@link #reorder} moved into the order they run in (for tests). */
    int nodesMoved() {
        int n = 0;
        for (int g = 0; g < segments; g++) {
            if (segmentMoved[g]) {
                n += segmentPeriod[g] * segmentReps[g];
            }
        }
        return n;
    }

    /** True if some loop is stored in the order it runs in. */
    boolean movedAny() {
        return movedAny;
    }

    /**
     * True if op-major position q of a moved loop, whose nodes start at {@code first}, is a running
     * sum: node r's first argument is node r - 1 (base0 for the first), its second base1 + r, a
     * node before the position and not base0. Its passes can then carry the sum, or the adjoint the
     * sum passes back, in a register.
     */
    boolean runningSum(int q, int first, int reps) {
        int b0 = argBase0[q];
        int b1 = argBase1[q];
        return argStep0[q] == PREVIOUS && argStep1[q] == CONSECUTIVE && b1 != 0 && b1 + reps <= first
                && (b0 < b1 || b0 >= b1 + reps);
    }

    /** True if {@link #reorder} moved segment g's nodes into the order they run in. */
    boolean moved(int g) {
        return segmentMoved[g];
    }

    /** The number of nodes the plan runs op-major, in loops over a repeated block (for tests). */
    int nodesInLoops() {
        int n = 0;
        for (int g = 0; g < segments; g++) {
            if (segmentReps[g] > 1) {
                n += (segmentPeriod[g] - Integer.bitCount(segmentSequential[g])) * segmentReps[g];
            }
        }
        return n;
    }
}
