package org.autodiff4j;

import java.math.BigInteger;

/**
 * Binomial checkpointing ("Revolve"): reversing an iterated map of l steps while holding at most c
 * states at once, with the fewest step evaluations any schedule can do. {@link Schedule#revolve(int)}
 * selects it; the methods here give its cost in closed form, to choose c before running.
 *
 * <p>The cost model (Griewank 1992, Griewank and Walther 2000): the initial state is one of the c
 * snapshots; each step is recorded once, and the map's states that were not kept are restored by
 * evaluating steps on plain values from a snapshot ("forward steps"). With r the repetition number,
 * the least r with {@code C(c + r, c) >= l}, each step is evaluated forward at most r times, and the
 * fewest forward steps are
 *
 * <pre>{@code
 * t(l, c) = r l - C(c + r, c + 1)          (t(1, c) = 0, t(l, 1) = l (l - 1) / 2)
 * }</pre>
 *
 * <p>{@code C(c + r, c)} is the most steps c snapshots can reverse with r repetitions
 * ({@link #maxSteps}). The schedule is recursive: advance k steps from the last snapshot, keep the
 * state there, reverse the remaining l - k steps with one snapshot fewer, then the first k with all
 * of them: {@code t(l, c) = k + t(l - k, c - 1) + t(k, c)}. Any k with
 * {@code C(c + r - 2, c) <= k <= C(c + r - 1, c)} and
 * {@code C(c + r - 2, c - 1) <= l - k <= C(c + r - 1, c - 1)} attains the minimum (both parts then
 * use their repetitions fully), and {@link #split} takes the largest.
 *
 * <pre>{@code
 * Revolve.repetitions(10_000, 20);    // 4: C(24, 20) = 10626 >= 10^4
 * Revolve.forwardSteps(10_000, 20);   // 4 10^4 - C(24, 21) = 37976, about 3.8 evaluations per step
 * Revolve.forwardSteps(10_000, 100);  // 3 10^4 - C(103, 101) = 24747
 * }</pre>
 *
 * <p>References: A. Griewank, "Achieving logarithmic growth of temporal and spatial complexity in
 * reverse automatic differentiation", Optimization Methods and Software 1 (1992) 35-54; A. Griewank
 * and A. Walther, "Algorithm 799: revolve: an implementation of checkpointing for the reverse or
 * adjoint mode of computational differentiation", ACM TOMS 26(1) (2000) 19-45.
 */
public final class Revolve {

    private Revolve() {
    }

    /**
     * The repetition number: the least r with {@code C(snapshots + r, snapshots) >= steps}, the most
     * times binomial checkpointing evaluates any one step on plain values. {@code repetitions(l, c)} is
     * 0 for l &lt;= 1, 1 for 2 &lt;= l &lt;= c + 1, and l - 1 for c = 1.
     *
     * @throws IllegalArgumentException if {@code steps < 0} or {@code snapshots < 1}
     */
    public static int repetitions(int steps, int snapshots) {
        requireValid(steps, snapshots);
        if (snapshots == 1) {
            return Math.max(steps - 1, 0);     // C(1 + r, 1) = r + 1; the loop below would take l steps
        }
        // NOTE: every value before the last is below steps < 2^31 and multiplied by at most 2^31 + r: no
        // overflow. For c >= 2, r < sqrt(2 l) < 2^16 rounds.
        long beta = 1;
        int r = 0;
        while (beta < steps) {
            r++;
            beta = beta * (snapshots + (long) r) / r;
        }
        return r;
    }

    /**
     * The fewest step evaluations on plain values that reverse {@code steps} steps holding at most
     * {@code snapshots} states: {@code t(l, c) = r l - C(c + r, c + 1)} with r =
     * {@link #repetitions}; 0 for no or one step. This is what {@link CheckpointResult#recomputations}
     * reports for {@link Schedule#revolve(int)}.
     *
     * @throws IllegalArgumentException if {@code steps < 0} or {@code snapshots < 1}
     */
    public static long forwardSteps(int steps, int snapshots) {
        int r = repetitions(steps, snapshots);
        return (long) r * steps - binomial(snapshots + (long) r, r - 1L);
    }

    /**
     * {@code C(snapshots + repetitions, snapshots)}: the most steps that {@code snapshots} states can
     * reverse when no step is evaluated more than {@code repetitions} times on plain values;
     * {@link Long#MAX_VALUE} if that does not fit in a long.
     *
     * @throws IllegalArgumentException if {@code snapshots < 1} or {@code repetitions < 0}
     */
    public static long maxSteps(int snapshots, int repetitions) {
        if (snapshots < 1 || repetitions < 0) {
            throw new IllegalArgumentException("maxSteps needs snapshots >= 1 and repetitions >= 0, got " + snapshots
                    + " and " + repetitions);
        }
        return binomial(snapshots + (long) repetitions, repetitions);
    }

    /**
     * Where to put the next snapshot when {@code steps >= 2} steps are to be reversed from a snapshot
     * with {@code snapshots >= 2} states available (that one included): advance this many steps.
     */
    static int split(int steps, int snapshots) {
        int r = repetitions(steps, snapshots);
        long first = binomial(snapshots + (long) r - 1, r - 1L);       // C(c + r - 1, c)
        long rest = binomial(snapshots + (long) r - 2, r - 1L);        // C(c - 1 + r - 1, c - 1)
        return (int) Math.min(first, steps - rest);
    }

    /**
     * Reverses all {@code steps >= 1} steps of {@code map} from {@code s0} by the binomial schedule
     * with at most {@code snapshots} states held; returns the most held at once.
     */
    static int reverse(IteratedMap map, double[] s0, int steps, int snapshots) {
        int capacity = Math.min(snapshots, steps);
        int[] position = new int[capacity];
        double[][] state = new double[capacity][];
        state[0] = s0;
        int top = 0;
        int held = 1;
        int end = steps;          // steps end .. steps-1 are reversed
        while (top >= 0) {
            int at = position[top];
            int length = end - at;
            int available = snapshots - top;   // for the steps at .. end-1, the snapshot at `at` included
            if (length == 1) {
                map.reverse(state[top], at, 1);
                end = at;
                state[top--] = null;
            } else if (available == 1) {
                map.reverse(map.advance(state[top], at, length - 1), end - 1, 1);
                end--;
            } else {
                int k = split(length, available);
                top++;
                position[top] = at + k;
                state[top] = map.advance(state[top - 1], at, k);
                held = Math.max(held, top + 1);
            }
        }
        return held;
    }

    /** {@code C(n, k)}, 0 for k &lt; 0 or k &gt; n, {@link Long#MAX_VALUE} if it does not fit in a long. */
    static long binomial(long n, long k) {
        if (k < 0 || k > n) {
            return 0;
        }
        k = Math.min(k, n - k);
        long c = 1;
        for (long i = 1; i <= k; i++) {
            long num = n - k + i;
            // c = C(n - k + i - 1, i - 1); c * num is divisible by i
            long hi = Math.multiplyHigh(c, num);
            long lo = c * num;
            if (hi != 0 || lo < 0) {
                return exactOrMax(n, k);
            }
            c = lo / i;
        }
        return c;
    }

    private static long exactOrMax(long n, long k) {
        BigInteger c = BigInteger.ONE;
        for (long i = 1; i <= k; i++) {
            c = c.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
            if (c.bitLength() > 63) {
                return Long.MAX_VALUE;
            }
        }
        return c.longValueExact();
    }

    private static void requireValid(int steps, int snapshots) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be at least 0, got " + steps);
        }
        if (snapshots < 1) {
            throw new IllegalArgumentException("revolve needs at least 1 snapshot (the initial state), got " + snapshots);
        }
    }
}
