package org.autodiff4j.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.junit.jupiter.api.Test;

/** Sparse Hessians: the pattern and star-coloring colors of banded objectives, and exact values. */
class SparseHessianTest {

    private static final int LARGE = 10_000;

    /** sum (x_{i+1} - x_i^2)^2 + sum sin(x_i x_{i+2}): pentadiagonal Hessian (half-bandwidth 2). */
    static final ScalarFn BANDED = x -> {
        Real s = Real.of(0);
        for (int i = 0; i + 1 < x.length; i++) {
            Real u = x[i + 1].sub(x[i].mul(x[i]));
            s = s.add(u.mul(u));
        }
        for (int i = 0; i + 2 < x.length; i++) {
            s = s.add(x[i].mul(x[i + 2]).sin());
        }
        return s;
    };

    /** The Hessian of {@link #BANDED}, by hand. */
    static double bandedHessian(double[] x, int i, int j) {
        int n = x.length;
        if (i > j) {
            return bandedHessian(x, j, i);
        }
        double h = 0;
        if (j == i) {
            if (i + 1 < n) {
                h += 8 * x[i] * x[i] - 4 * (x[i + 1] - x[i] * x[i]);
            }
            if (i >= 1) {
                h += 2;
            }
            if (i + 2 < n) {
                h -= Math.sin(x[i] * x[i + 2]) * x[i + 2] * x[i + 2];
            }
            if (i >= 2) {
                h -= Math.sin(x[i - 2] * x[i]) * x[i - 2] * x[i - 2];
            }
        } else if (j == i + 1) {
            h = -4 * x[i];
        } else if (j == i + 2) {
            double p = x[i] * x[i + 2];
            h = Math.cos(p) - p * Math.sin(p);
        }
        return h;
    }

    @Test
    void aBandedHessianOfSize10000HasItsBandAsPatternAndFewColors() {
        double[] x = SparseJacobianTest.point(LARGE);
        SparseResult r = Sparse.hessian(BANDED, x);
        assertThat(r.method()).isEqualTo(SparseResult.Method.STAR);
        // Bound: half-bandwidth b = 2 needs at least b + 1 = 3 colors (the band holds 3-cliques); a
        // distance-2 coloring, 2b + 1 = 5, is always a star coloring.
        assertThat(r.colors()).isBetween(3, 5);
        SparseMatrix h = r.matrix();
        assertThat(h.nnz()).isEqualTo(5 * LARGE - 6);
        for (int i = 0; i < LARGE; i++) {
            for (int j = Math.max(0, i - 2); j <= Math.min(LARGE - 1, i + 2); j++) {
                assertThat(h.get(i, j)).as("(%d, %d)", i, j).isCloseTo(bandedHessian(x, i, j), within(1e-12));
                assertThat(h.get(i, j)).isEqualTo(h.get(j, i));
            }
        }
    }

    @Test
    void smallHessiansEqualTheDenseOnesFromExactHessianVectorProducts() {
        ScalarFn arrow = x -> {
            Real s = Real.of(0);
            for (int i = 1; i < x.length; i++) {
                s = s.add(x[0].mul(x[i]).exp()).add(x[i].mul(x[i]).mul(i));
            }
            return s;
        };
        ScalarFn dense = x -> SparseJacobianTest.sum(x).mul(SparseJacobianTest.sum(x)).sin();
        ScalarFn blocks = x -> {
            Real s = Real.of(0);
            for (int i = 0; i + 2 < x.length; i += 3) {
                s = s.add(x[i].mul(x[i + 1]).mul(x[i + 2])).add(x[i].div(x[i + 2].add(3)));
            }
            return s;
        };
        for (int n : new int[] {10, 17, 50}) {
            double[] x = SparseJacobianTest.point(n);
            for (ScalarFn f : new ScalarFn[] {BANDED, arrow, dense, blocks}) {
                SparseJacobianTest.assertEqualsDense(Sparse.hessian(f, x), denseHessian(f, x));
            }
            assertThat(Sparse.hessian(arrow, x).colors()).as("a star: its centre and its leaves").isEqualTo(2);
            assertThat(Sparse.hessian(dense, x).colors()).isEqualTo(n);
        }
    }

    /** The dense Hessian, one exact Hessian-vector product per unit vector. */
    static double[][] denseHessian(ScalarFn f, double[] x) {
        double[][] h = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            double[] e = new double[x.length];
            e[j] = 1;
            h[j] = AD.hvp(f, x, e);
        }
        return h;
    }

    @Test
    void linearAndSeparableObjectivesNeedNoneOrOneColor() {
        SparseResult linear = Sparse.hessian(x -> x[0].mul(3).sub(x[1]).add(x[2].abs()), 1, 2, -3);
        assertThat(linear.colors()).isZero();
        assertThat(linear.matrix().nnz()).isZero();
        SparseResult separable = Sparse.hessian(x -> x[0].sin().add(x[1].exp()).add(x[2].mul(x[2])), 1, 2, 3);
        assertThat(separable.colors()).isEqualTo(1);
        assertThat(separable.matrix().toDense())
                .isDeepEqualTo(new double[][] {{-Math.sin(1), 0, 0}, {0, Math.exp(2), 0}, {0, 0, 2}});
    }

    @Test
    void theJavadocExampleHolds() {
        SparseResult r = Sparse.hessian(x -> x[0].mul(x[1]).add(x[2].sin()), 1, 2, 3);
        assertThat(r.colors()).isEqualTo(2);
        assertThat(r.matrix().toDense()).isDeepEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, -Math.sin(3)}});
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> Sparse.hessian(null, 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("f");
        assertThatThrownBy(() -> Sparse.hessian(x -> x[0], (double[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("x");
        assertThatThrownBy(() -> Sparse.hessian(x -> null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f returned null");
    }
}
