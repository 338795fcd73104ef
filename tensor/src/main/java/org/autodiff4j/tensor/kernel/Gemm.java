package org.autodiff4j.tensor.kernel;

/**
 * Matrix products of dense row-major blocks: {@code C = A B} with A {@code n x k} at {@code a[aOff..]},
 * B {@code k x m} at {@code b[bOff..]}, C {@code n x m} at {@code c[cOff..]}.
 *
 * <p>The loop order is i-k-j: the inner loop runs along a row of B and a row of C, both contiguous,
 * so it streams through memory and the JIT vectorizes it. This is the scalar reference; a packed,
 * Vector API kernel will be compared against it. A and B are not modified; C is overwritten.
 */
public final class Gemm {

    private Gemm() {
    }

    /** {@code C = A B} in double. */
    public static void ikj(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        java.util.Arrays.fill(c, cOff, cOff + n * m, 0);
        for (int i = 0; i < n; i++) {
            int ci = cOff + i * m;
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * k + p];
                int bp = bOff + p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** {@code C = A B} in float (products and sums in float, as BLAS sgemm). */
    public static void ikj(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int n, int k, int m) {
        java.util.Arrays.fill(c, cOff, cOff + n * m, 0);
        for (int i = 0; i < n; i++) {
            int ci = cOff + i * m;
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * k + p];
                int bp = bOff + p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
