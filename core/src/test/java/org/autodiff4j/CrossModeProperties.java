package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.autodiff4j.RandomExpressions.Node;
import org.autodiff4j.check.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sweeps: on random expression trees over the whole registry, forward mode
 * ({@link Dual}, one pass per input), chunked forward mode ({@link DualVec}, one pass) and reverse
 * mode ({@link Var}) agree, and the JVP/VJP dot-product identity holds.
 */
class CrossModeProperties {

    private static final int CASES = 4000;

    @Test
    void forwardChunkedAndReverseGradientsAgree() {
        SplittableRandom rng = new SplittableRandom(20261122);
        int compared = 0;
        for (int c = 0; c < CASES; c++) {
            int n = 1 + rng.nextInt(4);
            Node e = RandomExpressions.tree(rng, n, 5);
            double[] x = RandomExpressions.point(rng, n);
            ScalarFn f = e::eval;

            double[] reverse = AD.grad(f, x);
            double[] forward = new double[n];
            for (int i = 0; i < n; i++) {
                int axis = i;
                double[] v = new double[n];
                v[axis] = 1;
                forward[i] = AD.jvp(a -> new Real[] {f.apply(a)}, x, v)[0];
            }
            double[] chunked = AD.jacfwd(a -> new Real[] {f.apply(a)}, x)[0];

            if (!allFinite(reverse) || !allFinite(forward) || !allFinite(chunked)) {
                continue; // NaN or inf: outside a domain or at a singularity; sums of infinities may differ by order
            }
            compared++;
            double scale = 0;
            for (double g : reverse) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int i = 0; i < n; i++) {
                // NOTE: 1e-12 of the gradient's largest component: the modes sum the same products in
                // different orders, so a component that cancels to ~0 is judged against its neighbours.
                double tol = 1e-12 * Math.max(scale, Double.MIN_NORMAL);
                String what = "d/dx" + i + " of " + e + " at " + java.util.Arrays.toString(x);
                assertThat(forward[i]).as("forward vs reverse, " + what).isCloseTo(reverse[i], org.assertj.core.data.Offset.offset(tol));
                assertThat(chunked[i]).as("chunked vs reverse, " + what).isCloseTo(reverse[i], org.assertj.core.data.Offset.offset(tol));
            }
        }
        // Random trees leave some domain often; most must still be compared, or the test says little.
        assertThat(compared).as("cases with finite gradients").isGreaterThan(CASES / 2);
    }

    @Test
    void jvpAndVjpSatisfyTheDotProductIdentity() {
        SplittableRandom rng = new SplittableRandom(7);
        int compared = 0;
        for (int c = 0; c < CASES / 4; c++) {
            int n = 1 + rng.nextInt(5);
            int m = 1 + rng.nextInt(4);
            Node[] outs = new Node[m];
            for (int r = 0; r < m; r++) {
                outs[r] = RandomExpressions.tree(rng, n, 4);
            }
            VectorFn f = a -> {
                Real[] y = new Real[m];
                for (int r = 0; r < m; r++) {
                    y[r] = outs[r].eval(a);
                }
                return y;
            };
            double[] x = RandomExpressions.point(rng, n);
            boolean finite = true;
            for (double[] row : AD.jacrev(f, x)) {
                finite &= allFinite(row);
            }
            if (!finite) {
                continue;
            }
            compared++;
            GradCheck.Report report = GradCheck.vjpDotProduct(f, x, new java.util.Random(c));
            assertThat(report.passed()).as("%s at %s: %s", java.util.Arrays.toString(outs), java.util.Arrays.toString(x), report).isTrue();
        }
        assertThat(compared).as("cases with finite Jacobians").isGreaterThan(CASES / 8);
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }
}
