package org.autodiff4j;

/**
 * The gradient of a loss of an iterated map's final state, from {@link Checkpoint#gradient}, and
 * what it cost.
 *
 * <pre>{@code
 * CheckpointResult r = Checkpoint.gradient(step, s0, params, 10_000, loss, Schedule.revolve(20));
 * r.paramGradient();     // dL/dparams
 * r.recomputations();    // 37976 = Revolve.forwardSteps(10_000, 20): 3.8 evaluations per step
 * r.peakTapeSize();      // one step's ops, plus the inputs and the loss
 * }</pre>
 *
 * @param value the loss {@code L(s_n)}
 * @param stateGradient {@code dL/ds_0}, one entry per state component
 * @param paramGradient {@code dL/dparams}, one entry per parameter
 * @param peakTapeSize the largest {@link Tape#size()} reached: the recorded numbers (inputs and op
 *     results) held at once, 40 bytes each
 * @param recomputations the step evaluations beyond n. Every schedule records each step exactly once;
 *     these are the further evaluations on plain values that restore the states it did not keep, its
 *     first forward sweep included: 0 for store-all, n minus the length of the last segment for sqrt
 *     segments, and exactly {@link Revolve#forwardSteps}{@code (n, snapshots)} for Revolve
 * @param snapshots the most states held at once as checkpoints (the initial state included): the
 *     number of segments for sqrt segments, at most the given number for Revolve; 0 for store-all,
 *     which keeps every intermediate value on the tape instead, and for n = 0
 */
public record CheckpointResult(double value, double[] stateGradient, double[] paramGradient, int peakTapeSize,
        long recomputations, int snapshots) {
}
