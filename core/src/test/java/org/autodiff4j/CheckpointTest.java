package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.autodiff4j.check.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Checkpointed gradients of iterated maps: every schedule against plain reverse mode on the unrolled
 * map and against finite differences, their costs (peak tape, recomputations, snapshots), and the
 * errors users can make.
 */
class CheckpointTest {

    private static final double DT = 0.01;

    /**
     * A forced, damped pendulum by symplectic Euler: state (theta, omega, t), params (gamma, k),
     * {@code omega' = omega + dt (-gamma omega - k sin theta + 0.5 cos t)}, {@code theta' = theta + dt omega'}.
     * The time t is a state component, so the map depends on the step index and stays pure.
     */
    static final StepFn PENDULUM = (s, p) -> {
        Real force = p[0].mul(s[1]).add(p[1].mul(s[0].sin())).sub(s[2].cos().mul(0.5));
        Real omega = s[1].sub(force.mul(DT));
        return new Real[] {s[0].add(omega.mul(DT)), omega, s[2].add(DT)};
    };
    static final double[] PENDULUM_S0 = {1.0, -0.3, 0.0};
    static final double[] PENDULUM_PARAMS = {0.15, 9.81};
    /** An energy-like loss, nonlinear in every component of the final state. */
    static final ScalarFn ENERGY = s -> s[1].mul(s[1]).mul(0.5).sub(s[0].cos().mul(9.81)).add(s[2].sin().mul(0.1));

    /** Two coupled logistic maps, params (r, eps): {@code x' = r x (1 - x) + eps (y - x)}, and symmetrically. */
    static final StepFn LOGISTIC = (s, p) -> new Real[] {
        p[0].mul(s[0]).mul(s[0].neg().add(1)).add(p[1].mul(s[1].sub(s[0]))),
        p[0].mul(s[1]).mul(s[1].neg().add(1)).add(p[1].mul(s[0].sub(s[1])))
    };

    private static final List<Schedule> SCHEDULES = List.of(Schedule.storeAll(), Schedule.sqrt(), Schedule.revolve(1),
            Schedule.revolve(2), Schedule.revolve(3), Schedule.revolve(10));

    /** The whole map as one function of (s0, params), for plain reverse mode and finite differences. */
    static ScalarFn unrolled(StepFn step, int width, int steps, ScalarFn loss) {
        return x -> {
            Real[] s = Arrays.copyOfRange(x, 0, width);
            Real[] p = Arrays.copyOfRange(x, width, x.length);
            for (int k = 0; k < steps; k++) {
                s = step.apply(s, p);
            }
            return loss.apply(s);
        };
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as(what + "[" + i + "]: " + actual[i] + " vs " + expected[i])
                    .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(expected[i])));
        }
    }

    @Test
    void everyScheduleGivesTheGradientOfPlainReverseModeOnTheUnrolledMap() {
        for (int n : new int[] {0, 1, 2, 3, 5, 7, 10, 24, 50, 99, 100, 101, 1000}) {
            ValueAndGrad reference = AD.valueAndGrad(unrolled(PENDULUM, 3, n, ENERGY), concat(PENDULUM_S0, PENDULUM_PARAMS));
            for (Schedule schedule : SCHEDULES) {
                CheckpointResult r = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, schedule);
                String what = schedule + " n=" + n;
                assertThat(r.value()).as(what).isEqualTo(reference.value());
                assertClose(concat(r.stateGradient(), r.paramGradient()), reference.gradient(), 1e-12, what);
            }
        }
    }

    @Test
    void theSchedulesAgreeToTheLastBitBecauseTheAdjointsAddUpInTheSameOrder() {
        for (int n : new int[] {1, 17, 300}) {
            CheckpointResult all = Checkpoint.gradient(LOGISTIC, new double[] {0.2, 0.7}, new double[] {2.9, 0.05}, n,
                    s -> s[0].mul(s[1]), Schedule.storeAll());
            for (Schedule schedule : SCHEDULES) {
                CheckpointResult r = Checkpoint.gradient(LOGISTIC, new double[] {0.2, 0.7}, new double[] {2.9, 0.05}, n,
                        s -> s[0].mul(s[1]), schedule);
                assertThat(r.stateGradient()).as(schedule + " n=" + n).containsExactly(all.stateGradient());
                assertThat(r.paramGradient()).as(schedule + " n=" + n).containsExactly(all.paramGradient());
            }
        }
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        double[] s0 = {0.2, 0.7};
        double[] params = {2.9, 0.05};
        ScalarFn loss = s -> s[0].mul(s[1]).add(s[1].sin());
        int n = 12;
        for (Schedule schedule : List.of(Schedule.storeAll(), Schedule.sqrt(), Schedule.revolve(2))) {
            CheckpointResult r = Checkpoint.gradient(LOGISTIC, s0, params, n, loss, schedule);
            GradCheck.gradient(unrolled(LOGISTIC, 2, n, loss), concat(s0, params),
                    concat(r.stateGradient(), r.paramGradient())).requirePassed();
        }
        CheckpointResult r = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 40, ENERGY, Schedule.sqrt());
        GradCheck.gradient(unrolled(PENDULUM, 3, 40, ENERGY), concat(PENDULUM_S0, PENDULUM_PARAMS),
                concat(r.stateGradient(), r.paramGradient())).requirePassed();
    }

    @Test
    void noStepsDifferentiatesTheLossOfTheInitialState() {
        for (Schedule schedule : SCHEDULES) {
            CheckpointResult r = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 0, ENERGY, schedule);
            assertThat(r.stateGradient()).containsExactly(AD.grad(ENERGY, PENDULUM_S0));
            assertThat(r.paramGradient()).containsExactly(0, 0);
            assertThat(r.recomputations()).isZero();
            assertThat(r.snapshots()).isZero();
        }
    }

    @Test
    void storeAllRecordsEveryStepOnceAndSqrtSegmentsEvaluateAllButTheLastSegmentTwice() {
        for (int n : new int[] {1, 2, 3, 10, 99, 101}) {
            int m = (int) Math.ceil(Math.sqrt(n));
            int segments = (n + m - 1) / m;
            CheckpointResult all = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.storeAll());
            CheckpointResult sqrt = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.sqrt());
            assertThat(all.recomputations()).isZero();
            assertThat(all.snapshots()).isZero();
            assertThat(sqrt.recomputations()).as("n=" + n).isEqualTo((segments - 1) * m);   // n minus the last segment
            assertThat(sqrt.snapshots()).as("n=" + n).isEqualTo(segments);
        }
    }

    @Test
    void theTapeOfSqrtSegmentsHoldsOneSegmentSoItGrowsAsTheSquareRootOfN() {
        // The tape of store-all is base + n * perStep: inputs, the loss, and each step's ops.
        int one = storeAllPeak(1);
        int perStep = storeAllPeak(2) - one;
        int base = one - perStep;
        assertThat(perStep).isPositive();
        for (int n : new int[] {10_000, 40_000}) {
            int m = (int) Math.ceil(Math.sqrt(n));
            CheckpointResult sqrt = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.sqrt());
            CheckpointResult all = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.storeAll());
            assertThat(all.peakTapeSize()).isEqualTo(base + n * perStep);
            // the last segment (with the loss) is the longest recording: sqrt(n) steps
            assertThat(sqrt.peakTapeSize()).as("n=" + n).isEqualTo(base + m * perStep);
            assertThat((double) sqrt.peakTapeSize()).isLessThanOrEqualTo(1.01 * Math.sqrt(n) * perStep + base);
            assertThat((double) sqrt.peakTapeSize() / all.peakTapeSize()).as("n=" + n).isLessThan(0.03);
            assertThat(sqrt.snapshots()).isEqualTo(m);
        }
    }

    private static int storeAllPeak(int n) {
        return Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.storeAll()).peakTapeSize();
    }

    @Test
    void revolveRecordsOneStepAtATime() {
        int one = storeAllPeak(1);
        CheckpointResult r = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 10_000, ENERGY, Schedule.revolve(20));
        assertThat(r.peakTapeSize()).isEqualTo(one);
        assertThat(r.snapshots()).isEqualTo(20);
        assertThat(r.recomputations()).isEqualTo(Revolve.forwardSteps(10_000, 20)).isEqualTo(37_976);
    }

    @Test
    void theArgumentsAreNotModified() {
        double[] s0 = PENDULUM_S0.clone();
        double[] params = PENDULUM_PARAMS.clone();
        for (Schedule schedule : SCHEDULES) {
            Checkpoint.gradient(PENDULUM, s0, params, 30, ENERGY, schedule);
        }
        assertThat(s0).containsExactly(PENDULUM_S0);
        assertThat(params).containsExactly(PENDULUM_PARAMS);
    }

    @Test
    void constantOutputsAndAnIndependentLossGiveZeroGradients() {
        StepFn reset = (s, p) -> new Real[] {Real.of(1), s[0].mul(p[0])};
        CheckpointResult r = Checkpoint.gradient(reset, new double[] {2, 3}, new double[] {5}, 4, s -> s[1], Schedule.sqrt());
        assertThat(r.value()).isEqualTo(5);                // s1 = 1 * 5 from step 2 on
        assertThat(r.stateGradient()).containsExactly(0, 0);
        assertThat(r.paramGradient()).containsExactly(1);
        CheckpointResult c = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 9, s -> Real.of(7), Schedule.revolve(2));
        assertThat(c.value()).isEqualTo(7);
        assertThat(c.stateGradient()).containsExactly(0, 0, 0);
        assertThat(c.paramGradient()).containsExactly(0, 0);
    }

    @Test
    void aStepMayPassComponentsAndParamsThroughUnchanged() {
        // s' = (s1, s0 p, p): a permutation, a product, and a parameter as a state component
        StepFn mix = (s, p) -> new Real[] {s[1], s[0].mul(p[0]), p[0]};
        ScalarFn loss = s -> s[0].mul(s[1]).add(s[2].mul(s[2]));
        double[] s0 = {1.5, -2, 4};
        double[] params = {0.7};
        for (int n : new int[] {1, 2, 5, 8}) {
            double[] reference = AD.grad(unrolled(mix, 3, n, loss), concat(s0, params));
            for (Schedule schedule : SCHEDULES) {
                CheckpointResult r = Checkpoint.gradient(mix, s0, params, n, loss, schedule);
                assertClose(concat(r.stateGradient(), r.paramGradient()), reference, 1e-15, schedule + " n=" + n);
            }
        }
    }

    // ---- replay of recorded pieces ------------------------------------------------------------

    @Test
    void piecesOfOneLengthAreRecordedOnceAndReplayedWithoutCallingStep() {
        int[] calls = {0};
        StepFn counted = (s, p) -> {
            calls[0]++;      // no effect on the values: the step stays pure
            return PENDULUM.apply(s, p);
        };
        int n = 1000;        // sqrt: segments of 32 steps, the last one of 8
        calls[0] = 0;
        CheckpointResult sqrt = Checkpoint.gradient(counted, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.sqrt());
        // plain sweep, then the last segment (with the loss) and one segment of 32 recorded; the rest replayed
        assertThat(calls[0]).isEqualTo(sqrt.recomputations() + 8 + 32);
        calls[0] = 0;
        CheckpointResult revolve = Checkpoint.gradient(counted, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.revolve(5));
        assertThat(calls[0]).isEqualTo(revolve.recomputations() + 1 + 1);
        CheckpointResult all = Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, n, ENERGY, Schedule.storeAll());
        assertThat(sqrt.stateGradient()).containsExactly(all.stateGradient());
        assertThat(revolve.paramGradient()).containsExactly(all.paramGradient());
    }

    @Test
    void aStepThatBranchesIsRecordedAgainWhereABranchFlipsAndStaysExact() {
        // a tent-like map: the branch taken changes from step to step, so replays meet flipped guards
        int[] calls = {0};
        StepFn tent = (s, p) -> {
            calls[0]++;
            return new Real[] {
                s[0].lt(0.5) ? s[0].mul(p[0]) : s[0].neg().add(1).mul(p[0]),
                AD.where(s[1].gt(s[0]), s[1].sub(s[0]).mul(p[1]), s[1].add(s[0].sin()).mul(0.5))
            };
        };
        // the same map, branching on values read out of the tape: no replay at all, every piece recorded
        StepFn reading = (s, p) -> new Real[] {
            s[0].value() < 0.5 ? s[0].mul(p[0]) : s[0].neg().add(1).mul(p[0]),
            s[1].value() > s[0].value() ? s[1].sub(s[0]).mul(p[1]) : s[1].add(s[0].sin()).mul(0.5)
        };
        double[] s0 = {0.3, 0.9};
        double[] params = {1.7, 0.8};
        ScalarFn loss = s -> s[0].add(s[1].mul(s[1]));
        for (int n : new int[] {1, 10, 37, 100}) {
            double[] reference = AD.grad(unrolled(tent, 2, n, loss), concat(s0, params));
            for (StepFn step : List.of(tent, reading)) {
                for (Schedule schedule : SCHEDULES) {
                    CheckpointResult r = Checkpoint.gradient(step, s0, params, n, loss, schedule);
                    assertClose(concat(r.stateGradient(), r.paramGradient()), reference, 1e-12, schedule + " n=" + n);
                }
            }
        }
        calls[0] = 0;
        CheckpointResult r = Checkpoint.gradient(tent, s0, params, 100, loss, Schedule.revolve(3));
        // of the 99 one-step pieces after the first, some replayed and some were recorded again
        assertThat(calls[0] - r.recomputations()).isBetween(3L, 99L);
    }

    // ---- errors --------------------------------------------------------------------------------

    @Test
    void badArgumentsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, -1, ENERGY, Schedule.sqrt()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps must be at least 0, got -1");
        assertThatThrownBy(() -> Schedule.revolve(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 snapshot").hasMessageContaining("got 0");
        assertThatThrownBy(() -> Checkpoint.gradient(null, PENDULUM_S0, PENDULUM_PARAMS, 1, ENERGY, Schedule.sqrt()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("step");
        assertThatThrownBy(() -> Checkpoint.gradient(PENDULUM, null, PENDULUM_PARAMS, 1, ENERGY, Schedule.sqrt()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("s0");
        assertThatThrownBy(() -> Checkpoint.gradient(PENDULUM, PENDULUM_S0, null, 1, ENERGY, Schedule.sqrt()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("params");
        assertThatThrownBy(() -> Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 1, null, Schedule.sqrt()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("loss");
        assertThatThrownBy(() -> Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 1, ENERGY, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("schedule");
    }

    @Test
    void aStepReturningNullOrAStateOfTheWrongLengthIsRejected() {
        StepFn nullAtFive = (s, p) -> s[1].value() >= 5 ? null : new Real[] {s[0], s[1].add(1)};
        StepFn growsAtThree = (s, p) -> s[1].value() >= 3 ? new Real[] {s[0], s[1], s[0]} : new Real[] {s[0], s[1].add(1)};
        StepFn nullComponent = (s, p) -> new Real[] {null, s[1]};
        for (Schedule schedule : SCHEDULES) {
            assertThatThrownBy(() -> Checkpoint.gradient(nullAtFive, new double[] {1, 0}, new double[0], 9, s -> s[0], schedule))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step returned null at step 5");
            assertThatThrownBy(() -> Checkpoint.gradient(growsAtThree, new double[] {1, 0}, new double[0], 9, s -> s[0], schedule))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("state of length 3 at step 3, expected 2 (the length of s0)");
            assertThatThrownBy(() -> Checkpoint.gradient(nullComponent, new double[] {1, 0}, new double[0], 4, s -> s[0], schedule))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null as state[0] at step 0");
            assertThatThrownBy(() -> Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 4, s -> null, schedule))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss returned null");
        }
    }

    @Test
    void aStepWithHiddenStateIsCaughtWhenItIsEvaluatedAgain() {
        for (Schedule schedule : List.of(Schedule.sqrt(), Schedule.revolve(3))) {
            int[] calls = {0};
            StepFn counting = (s, p) -> new Real[] {s[0].mul(p[0]).add(1e-3 * calls[0]++)};
            assertThatThrownBy(() -> Checkpoint.gradient(counting, new double[] {1}, new double[] {0.9}, 50, s -> s[0], schedule))
                    .as(schedule.toString()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("step is not a pure function").hasMessageContaining("carry a step counter or time in the state");
        }
    }

    @Test
    void numbersOfAnotherDifferentiationAreRejected() {
        StepFn leaking = (s, p) -> {
            Tape inner = new Tape();
            return new Real[] {inner.variable(s[0].value())};
        };
        assertThatThrownBy(() -> Checkpoint.gradient(leaking, new double[] {1}, new double[0], 3, s -> s[0], Schedule.revolve(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state[0] returned by step 2 is a number of another differentiation");
        assertThatThrownBy(() -> Checkpoint.gradient(PENDULUM, PENDULUM_S0, PENDULUM_PARAMS, 3,
                s -> new Tape().variable(1), Schedule.storeAll()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss's result is a number of another differentiation");
    }
}
