package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.autodiff4j.RandomExpressions.Node;
import org.autodiff4j.sparse.Sparse;
import org.autodiff4j.sparse.SparseMatrix;
import org.autodiff4j.sparse.SparsityPattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sweeps over sparse functions built from random expression trees over the whole
 * registry, each tree reading a few random inputs: the detected patterns hold every nonzero of the
 * dense Jacobian and Hessian, and the sparse values equal the dense ones.
 */
class SparsePatternProperties {

    private static final int CASES = 300;

    /** A random expression of a few (1 to 3) of the n inputs. */
    private static ScalarFn sparseTerm(SplittableRandom rng, int n) {
        int k = 1 + rng.nextInt(3);
        int[] reads = new int[k];
        for (int i = 0; i < k; i++) {
            reads[i] = rng.nextInt(n);
        }
        Node e = RandomExpressions.tree(rng, k, 4);
        return x -> {
            Real[] local = new Real[k];
            for (int i = 0; i < k; i++) {
                local[i] = x[reads[i]];
            }
            return e.eval(local);
        };
    }

    @Test
    void jacobianPatternsHoldEveryNonzeroAndSparseValuesEqualDenseOnes() {
        SplittableRandom rng = new SplittableRandom(2008);
        int compared = 0;
        for (int c = 0; c < CASES; c++) {
            int n = 1 + rng.nextInt(12);
            int m = 1 + rng.nextInt(12);
            ScalarFn[] terms = new ScalarFn[m];
            for (int r = 0; r < m; r++) {
                terms[r] = sparseTerm(rng, n);
            }
            VectorFn f = x -> {
                Real[] y = new Real[m];
                for (int r = 0; r < m; r++) {
                    y[r] = terms[r].apply(x);
                }
                return y;
            };
            double[] x = RandomExpressions.point(rng, n);
            double[][] dense = AD.jacobian(f, x);
            SparsityPattern p = SparsityPattern.ofJacobian(f, x);
            SparseMatrix sparse = Sparse.jacobian(f, x).matrix();
            assertThat(sparse.pattern()).isEqualTo(p);
            compared += assertMatches(dense, p, sparse, "case " + c);
        }
        assertThat(compared).as("finite entries compared").isGreaterThan(CASES * 10);
    }

    @Test
    void hessianPatternsHoldEveryNonzeroAndSparseValuesEqualDenseOnes() {
        SplittableRandom rng = new SplittableRandom(2005);
        int compared = 0;
        for (int c = 0; c < CASES; c++) {
            int n = 1 + rng.nextInt(10);
            int terms = 1 + rng.nextInt(6);
            ScalarFn[] t = new ScalarFn[terms];
            for (int k = 0; k < terms; k++) {
                t[k] = sparseTerm(rng, n);
            }
            ScalarFn f = x -> {
                Real s = Real.of(0);
                for (ScalarFn term : t) {
                    s = s.add(term.apply(x));
                }
                return s;
            };
            double[] x = RandomExpressions.point(rng, n);
            double[][] dense = AD.hessian(f, x);
            SparsityPattern p = SparsityPattern.ofHessian(f, x);
            assertThat(p.isSymmetric()).isTrue();
            compared += assertMatches(dense, p, Sparse.hessian(f, x).matrix(), "case " + c);
        }
        assertThat(compared).as("finite entries compared").isGreaterThan(CASES * 10);
    }

    /**
     * Every nonzero of the dense matrix (NaN and infinities too) is in the pattern, and each finite
     * entry equals the sparse one; returns the number of finite entries.
     */
    private static int assertMatches(double[][] dense, SparsityPattern p, SparseMatrix sparse, String what) {
        double scale = Double.MIN_NORMAL;
        for (double[] row : dense) {
            for (double v : row) {
                scale = Double.isFinite(v) ? Math.max(scale, Math.abs(v)) : scale;
            }
        }
        int finite = 0;
        for (int i = 0; i < dense.length; i++) {
            for (int j = 0; j < dense[i].length; j++) {
                if (dense[i][j] != 0) {
                    assertThat(p.contains(i, j)).as(what + ": nonzero (%d, %d) = %s outside the pattern", i, j, dense[i][j]).isTrue();
                }
                if (Double.isFinite(dense[i][j])) {
                    // NOTE: 1e-12 of the largest finite entry: the modes sum the same products in different orders
                    assertThat(sparse.get(i, j)).as(what + ": (%d, %d)", i, j).isCloseTo(dense[i][j], within(1e-12 * scale));
                    finite++;
                }
            }
        }
        return finite;
    }
}
