package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Binomial checkpointing: the closed forms against brute force, and the step evaluations of actual
 * runs against the optimum t(l, c) = r l - C(c + r, c + 1), r the least with C(c + r, c) >= l.
 */
class RevolveTest {

    private static long choose(int n, int k) {
        BigInteger c = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            c = c.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return c.longValueExact();
    }

    @Test
    void theRepetitionNumberIsTheLeastRWithCOfCPlusRAndCAtLeastL() {
        for (int c = 1; c <= 12; c++) {
            for (int l = 0; l <= 3000; l += l < 100 ? 1 : 97) {
                int r = 0;
                while (choose(c + r, c) < l) {
                    r++;
                }
                assertThat(r == 0 || choose(c + r - 1, c) < l).isTrue();
                assertThat(Revolve.repetitions(l, c)).as("l=%d c=%d", l, c).isEqualTo(r);
                assertThat(Revolve.maxSteps(c, r)).isEqualTo(choose(c + r, c));
            }
        }
        assertThat(Revolve.repetitions(Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(1);
        assertThat(Revolve.repetitions(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(Revolve.maxSteps(10, 3)).isEqualTo(286);
        assertThat(Revolve.maxSteps(100, 100)).isEqualTo(Long.MAX_VALUE);
        assertThat(Revolve.maxSteps(30, 30)).isEqualTo(118_264_581_564_861_424L);   // C(60, 30) fits
    }

    /**
     * The fewest forward steps, by dynamic programming over where the first snapshot goes:
     * T(1, c) = 0, T(l, 1) = l (l - 1) / 2, T(l, c) = min over k of k + T(l - k, c - 1) + T(k, c).
     */
    @Test
    void theClosedFormAndTheSplitAttainTheMinimumOfTheRecursion() {
        int maxL = 120;
        int maxC = 9;
        long[][] t = new long[maxL + 1][maxC + 1];
        for (int c = 1; c <= maxC; c++) {
            for (int l = 2; l <= maxL; l++) {
                long best = Long.MAX_VALUE;
                for (int k = 1; k < l; k++) {
                    best = Math.min(best, c == 1 ? l - 1 + t[l - 1][1] : k + t[l - k][c - 1] + t[k][c]);
                }
                t[l][c] = best;
            }
        }
        for (int c = 1; c <= maxC; c++) {
            for (int l = 1; l <= maxL; l++) {
                assertThat(Revolve.forwardSteps(l, c)).as("l=%d c=%d", l, c).isEqualTo(t[l][c]);
                if (c >= 2 && l >= 2) {
                    int k = Revolve.split(l, c);
                    assertThat(k).isBetween(1, l - 1);
                    assertThat(k + t[l - k][c - 1] + t[k][c]).as("split l=%d c=%d", l, c).isEqualTo(t[l][c]);
                }
            }
        }
        assertThat(Revolve.forwardSteps(5, 1)).isEqualTo(10);
        assertThat(Revolve.forwardSteps(10_000, 20)).isEqualTo(37_976);
        assertThat(Revolve.forwardSteps(10_000, 100)).isEqualTo(24_747);
        assertThat(Revolve.forwardSteps(0, 3)).isZero();
        assertThat(Revolve.forwardSteps(1, 3)).isZero();
    }

    @Test
    void aRunEvaluatesExactlyTheOptimalNumberOfStepsAndHoldsAtMostTheGivenSnapshots() {
        StepFn step = (s, p) -> new Real[] {s[0].mul(p[0]).add(s[0].sin().mul(0.1))};
        int[][] grid = {{10_000, 10}, {10_000, 100}, {1000, 2}, {1000, 3}, {257, 1}, {64, 6}, {63, 6}};
        for (int c = 1; c <= 8; c++) {
            for (int l = 1; l <= 45; l++) {
                checkRun(step, l, c);
            }
        }
        for (int[] lc : grid) {
            checkRun(step, lc[0], lc[1]);
        }
    }

    private static void checkRun(StepFn step, int l, int c) {
        CheckpointResult r = Checkpoint.gradient(step, new double[] {0.5}, new double[] {0.99}, l, s -> s[0], Schedule.revolve(c));
        assertThat(r.recomputations()).as("l=%d c=%d", l, c).isEqualTo(Revolve.forwardSteps(l, c));
        assertThat(r.snapshots()).as("l=%d c=%d", l, c).isBetween(1, Math.min(c, l));
    }

    @Test
    void noStepIsEvaluatedOnPlainValuesMoreThanTheRepetitionNumberAndEachIsRecordedOnce() {
        for (int[] lc : new int[][] {{100, 3}, {56, 3}, {57, 3}, {30, 1}, {200, 5}, {12, 20}}) {
            int l = lc[0];
            int c = lc[1];
            Map<Integer, Integer> plain = new HashMap<>();
            Map<Integer, Integer> recorded = new HashMap<>();
            // the state carries the step index k, so the counts can be kept per step; reading it with
            // value() makes each recording unfit for replay, so every evaluation calls the step
            StepFn counting = (s, p) -> {
                (s[1] instanceof Var ? recorded : plain).merge((int) s[1].value(), 1, Integer::sum);
                return new Real[] {s[0].mul(p[0]).cos(), s[1].add(1)};
            };
            Checkpoint.gradient(counting, new double[] {0.5, 0}, new double[] {1.1}, l, s -> s[0], Schedule.revolve(c));
            assertThat(recorded).as("l=%d c=%d", l, c).hasSize(l).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
            int most = plain.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            assertThat(most).as("l=%d c=%d", l, c).isEqualTo(Revolve.repetitions(l, c));
        }
    }

    @Test
    void aHugeNumberOfSnapshotsNeedsOneForwardStepPerStepButOne() {
        CheckpointResult r = Checkpoint.gradient((s, p) -> new Real[] {s[0].mul(p[0])}, new double[] {1}, new double[] {1.0001},
                20_000, s -> s[0], Schedule.revolve(Integer.MAX_VALUE));
        assertThat(r.recomputations()).isEqualTo(19_999);
        assertThat(r.snapshots()).isEqualTo(20_000);
        assertThat(r.paramGradient()[0]).isCloseTo(20_000 * Math.pow(1.0001, 19_999), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> Revolve.repetitions(-1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steps must be at least 0, got -1");
        assertThatThrownBy(() -> Revolve.forwardSteps(5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 snapshot");
        assertThatThrownBy(() -> Revolve.maxSteps(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Revolve.maxSteps(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
