package org.autodiff4j;

import java.util.Objects;

/**
 * Gradients through long iterated maps with bounded memory (checkpointing): for
 * {@code s_{k+1} = step(s_k, params)}, {@code k = 0 .. n-1}, the gradient of a scalar loss
 * {@code L(s_n)} with respect to the initial state {@code s_0} and the parameters.
 *
 * <pre>{@code
 * StepFn pendulum = (s, p) -> {                       // damped pendulum, dt = 0.01
 *     Real omega = s[1].add(p[0].mul(s[1]).add(p[1].mul(s[0].sin())).mul(-0.01));
 *     return new Real[] {s[0].add(omega.mul(0.01)), omega};
 * };
 * ScalarFn energy = s -> s[1].mul(s[1]).mul(0.5).sub(s[0].cos());
 * CheckpointResult r = Checkpoint.gradient(pendulum, new double[] {1, 0}, new double[] {0.1, 9.81},
 *         10_000, energy, Schedule.sqrt());
 * r.stateGradient();   // dL/d(theta_0, omega_0)
 * r.paramGradient();   // dL/d(gamma, k)
 * r.peakTapeSize();    // about 100 steps' worth of tape instead of 10^4
 * }</pre>
 *
 * <p>Plain reverse mode records all n steps on one tape, whose size grows with n. Checkpointing keeps
 * a few states (snapshots) instead, evaluates the steps between them again on plain values when the
 * reverse sweep needs them, and records only a piece of the map at a time; {@link Schedule} says which
 * states are kept and compares the three schedules. Pieces of one length are recorded once and then
 * replayed from each new state, without calling the step (see {@link StepFn} for what keeps that
 * right). All three schedules give the same gradient, in practice to the last bit: the replay
 * computes the recorded formulas, and the contributions add up in the order of one tape over all
 * steps.
 */
public final class Checkpoint {

    private Checkpoint() {
    }

    /**
     * The loss {@code L(s_n)} of the map's final state and its gradient with respect to {@code s0}
     * and {@code params}, reversing the map by {@code schedule}; with what it cost (peak tape size,
     * step evaluations beyond one per step, snapshots held).
     *
     * @param step the map, a pure function of its arguments (see {@link StepFn})
     * @param s0 the initial state (not modified)
     * @param params the parameters, the same for every step (not modified)
     * @param steps n, the number of steps; 0 differentiates {@code loss(s0)}
     * @param loss the scalar loss of the final state
     * @param schedule {@link Schedule#storeAll()}, {@link Schedule#sqrt()} or {@link Schedule#revolve(int)}
     * @throws IllegalArgumentException if {@code steps < 0}; if step returns null, a state of another
     *     length than {@code s0} or a null component, or is not a pure function (a recomputed state
     *     differs from the first evaluation); if loss returns null; or if step or loss return numbers
     *     of another differentiation
     * @throws NullPointerException if an argument is null
     */
    public static CheckpointResult gradient(StepFn step, double[] s0, double[] params, int steps, ScalarFn loss,
            Schedule schedule) {
        Objects.requireNonNull(step, "step must not be null");
        Objects.requireNonNull(s0, "s0 must not be null");
        Objects.requireNonNull(params, "params must not be null");
        Objects.requireNonNull(loss, "loss must not be null");
        Objects.requireNonNull(schedule, "schedule must not be null");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be at least 0, got " + steps);
        }
        double[] start = s0.clone();
        // NOTE: the checkpointed schedules replay recordings (IteratedMap#reverse), and a tape that once
        // kept a program for replay goes on noting every op: they get a tape of their own rather than
        // one of the per-thread tapes every AD call records on. Store-all records once and reuses those.
        boolean shared = steps == 0 || schedule instanceof Schedule.StoreAll;
        Tape tape = shared ? Tapes.acquire() : new Tape();
        try {
            IteratedMap map = new IteratedMap(step, start.length, params.clone(), steps, loss, tape);
            if (steps == 0) {
                map.reverse(start, 0, 0);
                return map.result(0);
            }
            int snapshots = switch (schedule) {
                case Schedule.StoreAll s -> {
                    map.reverse(start, 0, steps);
                    yield 0;
                }
                case Schedule.SqrtSegments s -> sqrtSegments(map, start, steps);
                case Schedule.Binomial b -> Revolve.reverse(map, start, steps, b.snapshots());
            };
            return map.result(snapshots);
        } finally {
            if (shared) {
                Tapes.release(tape);
            }
        }
    }

    /**
     * Segments of m = ceil(sqrt n) steps: a forward sweep on plain values keeps the state at the
     * start of each segment, then each segment, last to first, is recorded and reversed. Returns the
     * number of segments, the snapshots held.
     *
     * <p>NOTE: m = ceil(sqrt n) makes the tape (m steps) and the snapshots (n/m states) grow alike.
     * Counted in bytes, a state (8 bytes per component) is usually far smaller than a recorded step
     * (40 bytes per op), so shorter segments would need less memory; the issue asks for sqrt(n), and
     * the time hardly depends on m once a segment's tape stays in cache.
     */
    private static int sqrtSegments(IteratedMap map, double[] s0, int n) {
        int m = (int) Math.sqrt(n);
        while ((long) m * m < n) {
            m++;
        }
        int segments = (n + m - 1) / m;
        double[][] starts = new double[segments][];
        starts[0] = s0;
        for (int k = 1; k < segments; k++) {
            starts[k] = map.advance(starts[k - 1], (k - 1) * m, m);
        }
        for (int k = segments - 1; k >= 0; k--) {
            map.reverse(starts[k], k * m, Math.min(m, n - k * m));
            starts[k] = null;
        }
        return segments;
    }
}
