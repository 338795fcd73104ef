package org.autodiff4j.sci;

/**
 * LU factorization with partial pivoting of a small dense matrix, for the Newton steps and implicit
 * derivatives of {@link Implicit}. Not modified: the matrix given to {@link #Lu(double[][])}.
 */
final class Lu {

    private final double[][] lu;
    private final int[] perm;

    /**
     * Factors {@code a} (n x n), which is copied.
     *
     * @throws ArithmeticException if a is singular to working precision
     */
    Lu(double[][] a) {
        int n = a.length;
        lu = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("the Jacobian is " + n + " x " + a[i].length + ", expected square");
            }
            lu[i] = a[i].clone();
        }
        perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(lu[i][k]) > Math.abs(lu[p][k])) {
                    p = i;
                }
            }
            if (lu[p][k] == 0 || !Double.isFinite(lu[p][k])) {
                throw new ArithmeticException("the Jacobian dF/dx is singular (pivot " + lu[p][k] + " in column " + k
                        + "): the implicit function theorem does not apply here");
            }
            double[] t = lu[p];
            lu[p] = lu[k];
            lu[k] = t;
            int ti = perm[p];
            perm[p] = perm[k];
            perm[k] = ti;
            for (int i = k + 1; i < n; i++) {
                double f = lu[i][k] /= lu[k][k];
                for (int j = k + 1; j < n; j++) {
                    lu[i][j] -= f * lu[k][j];
                }
            }
        }
    }

    /** The solution z of {@code A z = b}; b is not modified. */
    double[] solve(double[] b) {
        int n = lu.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[perm[i]];
            for (int j = 0; j < i; j++) {
                s -= lu[i][j] * z[j];
            }
            z[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[i][j] * z[j];
            }
            z[i] = s / lu[i][i];
        }
        return z;
    }

    /** The inverse {@code A^-1}, column by column. */
    double[][] inverse() {
        int n = lu.length;
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] col = solve(e);
            for (int i = 0; i < n; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }
}
