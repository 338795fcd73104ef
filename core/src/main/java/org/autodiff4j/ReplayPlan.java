package org.autodiff4j;

import java.util.Arrays;

/**
 * How {@link Program#replay} runs a recorded tape: cut into straight runs, evaluated node by node,
 * and loops over a block of nodes repeated on the tape (the body of a loop in the recorded code),
 * evaluated op-major. Made once per recording, at its first replay; allocates only then.
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
    private int segments;
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
     * <p>Measured on CompileBench's objective (4096 blocks of 7 nodes, its running sum at one
     * position): the replay's forward pass went from about 107 to 80-87 us, the whole replay from
     * about 160 to 127-140 us in most JVMs (see CompileBench). The backward sweep stays in tape
     * order: run position by position it read the node-major arrays at a stride of one block, and
     * took 78 us instead of 44.
     */
    void make(byte[] code, int size, int[] a0, int[] a1) {
        segments = 0;
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
            if (straight < s) {
                segment(straight, s - straight, 1, 0);
            }
            segment(s, period, reps, sequential);
            s += period * reps;
            straight = s;
        }
        if (straight < size) {
            segment(straight, size - straight, 1, 0);
        }
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

    private void segment(int start, int period, int reps, int sequential) {
        if (segments == segmentStart.length) {
            int n = 2 * segments;
            segmentStart = Arrays.copyOf(segmentStart, n);
            segmentPeriod = Arrays.copyOf(segmentPeriod, n);
            segmentReps = Arrays.copyOf(segmentReps, n);
            segmentSequential = Arrays.copyOf(segmentSequential, n);
        }
        segmentStart[segments] = start;
        segmentPeriod[segments] = period;
        segmentReps[segments] = reps;
        segmentSequential[segments] = sequential;
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
