package org.autodiff4j.tensor.kernel;

/**
 * Matrix decompositions of dense row-major {@code n x n} blocks in double: LU with partial pivoting
 * and Cholesky, plain scalar loops (Golub and Van Loan, "Matrix Computations", algorithms 3.4.1 and
 * 4.2.1). The block at {@code a[off..]} is overwritten by its factors, as LAPACK's {@code getrf}
 * and {@code potrf}; other arrays are not modified unless stated.
 */
public final class Decompositions {

    private Decompositions() {
    }

    /**
     * Factors {@code P A = L U} in place: afterwards the strictly lower part holds L (unit diagonal
     * implied), the upper part U, and row i of {@code P A} is row {@code perm[i]} of A. A zero
     * pivot (a singular matrix) is left in U and its column is not eliminated, so U's diagonal tells
     * singular matrices apart; nothing is divided by zero.
     *
     * @return the sign of the permutation, +1 or -1
     */
    public static int lu(double[] a, int off, int n, int[] perm) {
        int sign = 1;
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            double best = Math.abs(a[off + k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(a[off + i * n + k]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            if (p != k) {
                for (int j = 0; j < n; j++) {
                    double t = a[off + k * n + j];
                    a[off + k * n + j] = a[off + p * n + j];
                    a[off + p * n + j] = t;
                }
                int t = perm[k];
                perm[k] = perm[p];
                perm[p] = t;
                sign = -sign;
            }
            double pivot = a[off + k * n + k];
            if (pivot == 0) {
                continue;
            }
            for (int i = k + 1; i < n; i++) {
                double l = a[off + i * n + k] / pivot;
                a[off + i * n + k] = l;
                if (l != 0) {
                    for (int j = k + 1; j < n; j++) {
                        a[off + i * n + j] -= l * a[off + k * n + j];
                    }
                }
            }
        }
        return sign;
    }

    /**
     * Solves {@code A X = B} for {@code m} right-hand sides given the factors of {@link #lu}: B is
     * {@code n x m} at {@code b[bOff..]} (not modified), X is written to {@code x[xOff..]}. The
     * factorization must have no zero pivot.
     */
    public static void luSolve(double[] lu, int off, int n, int[] perm, double[] b, int bOff, int m,
                               double[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(b, bOff + perm[i] * m, x, xOff + i * m, m);
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                double l = lu[off + i * n + k];
                if (l != 0) {
                    for (int j = 0; j < m; j++) {
                        x[xOff + i * m + j] -= l * x[xOff + k * m + j];
                    }
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int k = i + 1; k < n; k++) {
                double u = lu[off + i * n + k];
                if (u != 0) {
                    for (int j = 0; j < m; j++) {
                        x[xOff + i * m + j] -= u * x[xOff + k * m + j];
                    }
                }
            }
            double d = lu[off + i * n + i];
            for (int j = 0; j < m; j++) {
                x[xOff + i * m + j] /= d;
            }
        }
    }

    /**
     * Factors {@code A = L L^T} in place, reading only the lower triangle of A (as LAPACK, A is
     * taken to be symmetric); afterwards the block holds L with zeros above the diagonal.
     *
     * @return -1 on success, else the index k of the first pivot that is not positive (the leading
     *     minor of order k + 1 is not positive: A is not positive definite); the block is then partial
     */
    public static int cholesky(double[] a, int off, int n) {
        for (int j = 0; j < n; j++) {
            double s = a[off + j * n + j];
            for (int k = 0; k < j; k++) {
                s -= a[off + j * n + k] * a[off + j * n + k];
            }
            if (!(s > 0)) {
                return j;
            }
            double d = Math.sqrt(s);
            a[off + j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double t = a[off + i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= a[off + i * n + k] * a[off + j * n + k];
                }
                a[off + i * n + j] = t / d;
            }
            for (int i = 0; i < j; i++) {
                a[off + i * n + j] = 0;
            }
        }
        return -1;
    }
}
