package org.autodiff4j;

/**
 * How {@link Checkpoint#gradient} trades memory for time when it reverses an iterated map of n
 * steps: which states it keeps (snapshots) and which steps it evaluates again from them.
 *
 * <ul>
 *   <li>{@link #storeAll()}: record all n steps on one tape and sweep back once. No step is evaluated
 *       twice; the tape holds every step, O(n) memory. Choose it when the tape fits in memory
 *       comfortably (a few million recorded numbers, 40 bytes each).
 *   <li>{@link #sqrt()}: segments of ceil(sqrt n) steps. A forward sweep on plain values keeps the
 *       state at the start of each segment; the reverse sweep records one segment at a time. Every
 *       step but those of the last segment is evaluated twice (once on values, once recorded), and the
 *       tape holds one segment: O(sqrt n) memory (1% of store-all's tape at n = 10^4) for about 1.1 to
 *       1.2 times its time (the segments after the first replay its recording). The default choice
 *       for long maps.
 *   <li>{@link #revolve(int)}: Griewank's binomial checkpointing with a fixed number of snapshots,
 *       the fewest step evaluations any schedule with that many snapshots can do. The tape holds a
 *       single step. Choose it when memory is the binding limit (very long maps, large states):
 *       with c snapshots each step is evaluated at most r times on plain values and once recorded,
 *       where r is the least with C(c + r, c) &gt;= n (see {@link Revolve}). With c = 100 and
 *       n = 10^4, r = 3 (2.5 evaluations per step on plain values) and it takes about 2.5 times the
 *       time of store-all.
 * </ul>
 *
 * <pre>{@code
 * Checkpoint.gradient(step, s0, params, 10_000, loss, Schedule.sqrt());
 * Checkpoint.gradient(step, s0, params, 10_000, loss, Schedule.revolve(20));  // 20 states held, r = 4
 * }</pre>
 */
public sealed interface Schedule {

    /** Record every step on one tape: no re-evaluation, a tape as long as the whole map. */
    static Schedule storeAll() {
        return StoreAll.INSTANCE;
    }

    /** Segments of ceil(sqrt n) steps: steps evaluated twice, a tape of one segment. */
    static Schedule sqrt() {
        return SqrtSegments.INSTANCE;
    }

    /**
     * Binomial checkpointing (Revolve) holding at most {@code snapshots} states at once, the initial
     * state included: the fewest step evaluations for that memory, a tape of one step.
     *
     * @throws IllegalArgumentException if {@code snapshots < 1}
     */
    static Schedule revolve(int snapshots) {
        return new Binomial(snapshots);
    }

    /** See {@link Schedule#storeAll()}. */
    record StoreAll() implements Schedule {
        static final StoreAll INSTANCE = new StoreAll();

        /** {@code "storeAll"}. */
        @Override
        public String toString() {
            return "storeAll";
        }
    }

    /** See {@link Schedule#sqrt()}. */
    record SqrtSegments() implements Schedule {
        static final SqrtSegments INSTANCE = new SqrtSegments();

        /** {@code "sqrt"}. */
        @Override
        public String toString() {
            return "sqrt";
        }
    }

    /**
     * See {@link Schedule#revolve(int)}.
     *
     * @param snapshots the most states held at once, the initial state included; at least 1
     */
    record Binomial(int snapshots) implements Schedule {

        /**
         * Binomial checkpointing with {@code snapshots} states.
         *
         * @throws IllegalArgumentException if {@code snapshots < 1}
         */
        public Binomial {
            if (snapshots < 1) {
                throw new IllegalArgumentException("revolve needs at least 1 snapshot (the initial state), got " + snapshots);
            }
        }

        /** {@code "revolve(snapshots)"}. */
        @Override
        public String toString() {
            return "revolve(" + snapshots + ")";
        }
    }
}
