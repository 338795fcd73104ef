package org.autodiff4j.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.VectorFn;
import org.junit.jupiter.api.Test;

/** Sparse Jacobians: colors bounded by the structure at n = 10^4, and the dense Jacobian's values. */
class SparseJacobianTest {

    private static final int LARGE = 10_000;

    /** y_i = x_{i-1} - 2 x_i + x_{i+1}^2 + sin x_i: tridiagonal. */
    static final VectorFn TRIDIAGONAL = x -> {
        int n = x.length;
        Real[] y = new Real[n];
        for (int i = 0; i < n; i++) {
            Real s = x[i].mul(-2).add(x[i].sin());
            s = i > 0 ? s.add(x[i - 1]) : s;
            y[i] = i < n - 1 ? s.add(x[i + 1].mul(x[i + 1])) : s;
        }
        return y;
    };

    /** y_0 = sum x_i^2, y_i = x_0 x_i + sin x_i: a dense first row and column, and the diagonal. */
    static final VectorFn ARROWHEAD = x -> {
        int n = x.length;
        Real[] y = new Real[n];
        Real s = x[0].mul(x[0]);
        for (int i = 1; i < n; i++) {
            s = s.add(x[i].mul(x[i]));
            y[i] = x[0].mul(x[i]).add(x[i].sin());
        }
        y[0] = s;
        return y;
    };

    /** y_i = sum_{|k| <= h} c_k x_{i+k} x_i + exp(x_{i+h}) / (1 + x_{i-h}^2): bandwidth 2h + 1. */
    static VectorFn banded(int h) {
        return x -> {
            int n = x.length;
            Real[] y = new Real[n];
            for (int i = 0; i < n; i++) {
                Real s = Real.of(0);
                for (int k = -h; k <= h; k++) {
                    if (i + k >= 0 && i + k < n) {
                        s = s.add(x[i + k].mul(x[i]).mul(1 + 0.1 * k));
                    }
                }
                if (i + h < n && i - h >= 0) {
                    s = s.add(x[i + h].exp().div(x[i - h].mul(x[i - h]).add(1)));
                }
                y[i] = s;
            }
            return y;
        };
    }

    static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(0.7 * i + 0.3) + 0.1;
        }
        return x;
    }

    @Test
    void aTridiagonalJacobianOfSize10000Needs3Colors() {
        double[] x = point(LARGE);
        SparseResult r = Sparse.jacobian(TRIDIAGONAL, x);
        assertThat(r.colors()).isEqualTo(3);
        assertThat(r.method()).isEqualTo(SparseResult.Method.FORWARD);
        SparseMatrix j = r.matrix();
        assertThat(j.nnz()).isEqualTo(3 * LARGE - 2);
        for (int i = 0; i < LARGE; i++) {
            assertThat(j.get(i, i)).isCloseTo(-2 + Math.cos(x[i]), within(1e-15));
            if (i > 0) {
                assertThat(j.get(i, i - 1)).isEqualTo(1);
            }
            if (i < LARGE - 1) {
                assertThat(j.get(i, i + 1)).isEqualTo(2 * x[i + 1]);
            }
        }
    }

    @Test
    void anArrowheadJacobianOfSize10000Needs3ColorsWithItsDenseRowInReverseMode() {
        // Bound: the dense row alone in reverse mode (1 color); the other rows hold column 0 and
        // their own column, so forward mode needs 2. Column or row coloring alone needs 10^4.
        double[] x = point(LARGE);
        SparseResult r = Sparse.jacobian(ARROWHEAD, x);
        assertThat(r.colors()).isEqualTo(3);
        assertThat(r.method()).isEqualTo(SparseResult.Method.FORWARD_AND_REVERSE);
        SparseMatrix j = r.matrix();
        assertThat(j.nnz()).isEqualTo(3 * LARGE - 2);
        for (int i = 0; i < LARGE; i++) {
            assertThat(j.get(0, i)).isEqualTo(2 * x[i]);
            if (i > 0) {
                assertThat(j.get(i, 0)).isEqualTo(x[i]);
                assertThat(j.get(i, i)).isEqualTo(x[0] + Math.cos(x[i]));
            }
        }
    }

    @Test
    void aBandedJacobianOfSize10000NeedsAsManyColorsAsItsBandwidth() {
        SparseResult r = Sparse.jacobian(banded(2), point(LARGE));
        assertThat(r.colors()).isEqualTo(5);
        assertThat(r.matrix().nnz()).isEqualTo(5 * LARGE - 6);
    }

    @Test
    void smallJacobiansEqualTheDenseOnes() {
        VectorFn twoDenseRows = x -> new Real[] {x[0].mul(x[1]), sum(x).sin(), x[2].exp(), sum(x).mul(x[0])};
        VectorFn denseColumn = x -> {
            Real[] y = new Real[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[0].mul(x[i]).add(x[i].cos());
            }
            return y;
        };
        for (int n : new int[] {10, 17, 50}) {
            double[] x = point(n);
            for (VectorFn f : new VectorFn[] {TRIDIAGONAL, ARROWHEAD, banded(1), banded(3), twoDenseRows, denseColumn}) {
                assertEqualsDense(Sparse.jacobian(f, x), AD.jacobian(f, x));
            }
        }
        assertThat(Sparse.jacobian(twoDenseRows, point(50)).colors()).as("2 dense rows: reverse mode, 2 colors + 1 for x2")
                .isEqualTo(3);
        assertThat(Sparse.jacobian(denseColumn, point(50)).method()).isEqualTo(SparseResult.Method.FORWARD);
        assertThat(Sparse.jacobian(denseColumn, point(50)).colors()).isEqualTo(2);
    }

    @Test
    void onlyDenseRowsGoToReverseMode() {
        VectorFn f = x -> new Real[] {sum(x).sin(), sum(x).exp()};
        SparseResult r = Sparse.jacobian(f, point(30));
        assertThat(r.method()).isEqualTo(SparseResult.Method.REVERSE);
        assertThat(r.colors()).isEqualTo(2);
        assertEqualsDense(r, AD.jacobian(f, point(30)));
    }

    @Test
    void constantOutputsNeedNoColor() {
        SparseResult none = Sparse.jacobian(x -> new Real[] {Real.of(1), x[0].floor()}, 0.5, 2);
        assertThat(none.colors()).isZero();
        assertThat(none.matrix().toDense()).isDeepEqualTo(new double[][] {{0, 0}, {0, 0}});
        assertThat(Sparse.jacobian(x -> new Real[0], 1, 2).matrix().rows()).isZero();
        assertThat(Sparse.jacobian(x -> new Real[] {Real.of(3)}).matrix().cols()).isZero();
    }

    @Test
    void thePatternIsTheOneAtTheGivenPoint() {
        VectorFn f = x -> new Real[] {x[0].gt(0) ? x[0].mul(x[1]) : x[2].exp(), x[1].max(x[2])};
        assertThat(Sparse.jacobian(f, 1, 2, 3).matrix().pattern()).isEqualTo(SparsityPattern.of(3, new int[] {0, 1}, new int[] {2}));
        assertThat(Sparse.jacobian(f, -1, 4, 3).matrix().toDense()).isDeepEqualTo(new double[][] {{0, 0, Math.exp(3)}, {0, 1, 0}});
    }

    @Test
    void theJavadocExampleHoldsAndAnEnclosingCallsConstantsAreConstants() {
        SparseResult r = Sparse.jacobian(x -> new Real[] {x[0].mul(x[1]), x[2].sin()}, 1, 2, 3);
        assertThat(r.colors()).as("the rows share no input: one reverse sweep gives both").isEqualTo(1);
        assertThat(r.method()).isEqualTo(SparseResult.Method.REVERSE);
        assertThat(r.matrix().toDense()).isDeepEqualTo(new double[][] {{2, 1, 0}, {0, 0, Math.cos(3)}});
        // inside a differentiation, a number of it without a tangent is a constant for every pass
        double d = AD.derivative(t -> {
            Real c = AD.stopGradient(t);
            SparseMatrix j = Sparse.jacobian(x -> new Real[] {x[0].mul(c), x[1].sub(c).exp()}, 1, 2).matrix();
            assertThat(j.toDense()).isDeepEqualTo(new double[][] {{3, 0}, {0, Math.exp(2 - 3)}});
            return t.mul(t);
        }, 3);
        assertThat(d).isEqualTo(6);
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> Sparse.jacobian(null, 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("f");
        assertThatThrownBy(() -> Sparse.jacobian(x -> new Real[] {x[0]}, (double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> Sparse.jacobian(x -> null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f returned null");
        assertThatThrownBy(() -> Sparse.jacobian(x -> new Real[] {x[0], null}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output 1");
        int[] calls = {0};
        VectorFn growing = x -> java.util.Collections.nCopies(++calls[0], x[0]).toArray(Real[]::new);
        assertThatThrownBy(() -> Sparse.jacobian(growing, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same number");
    }

    static Real sum(Real[] x) {
        Real s = x[0];
        for (int i = 1; i < x.length; i++) {
            s = s.add(x[i]);
        }
        return s;
    }

    /** Equal to 1e-12 of the largest entry, and no nonzero outside the pattern. */
    static void assertEqualsDense(SparseResult r, double[][] dense) {
        double[][] sparse = r.matrix().toDense();
        assertThat(sparse.length).isEqualTo(dense.length);
        double scale = Double.MIN_NORMAL;
        for (double[] row : dense) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < dense.length; i++) {
            assertThat(sparse[i]).as("row " + i).containsExactly(dense[i], within(1e-12 * scale));
        }
    }
}
