package org.autodiff4j.bench;

import dev.ludovic.netlib.blas.BLAS;
import org.autodiff4j.tensor.kernel.Gemm;

/**
 * One n x n product {@code C = A B}, row-major, in F64 and F32: the operands, the same in every
 * bench and fork ({@link Objectives#uniform}, seeds 1 and 2), and the products over them, ours and
 * OpenBLAS's, each writing C.
 */
final class SquareProduct {
    final int n;
    final double[] a;
    final double[] b;
    final double[] c;
    final float[] af;
    final float[] bf;
    final float[] cf;

    SquareProduct(int n) {
        this.n = n;
        a = Objectives.uniform(1, n * n);
        b = Objectives.uniform(2, n * n);
        c = new double[n * n];
        af = Objectives.toFloat(a);
        bf = Objectives.toFloat(b);
        cf = new float[n * n];
    }

    double[] oursF64(int threads) {
        Gemm.multiply(a, 0, n, 1, b, 0, n, 1, c, 0, n, n, n, threads);
        return c;
    }

    float[] oursF32(int threads) {
        Gemm.multiply(af, 0, n, 1, bf, 0, n, 1, cf, 0, n, n, n, threads);
        return cf;
    }

    /** OpenBLAS's dgemm, on as many threads as it was set to ({@link GemmBench#nativeBlas}). */
    double[] openblasF64(BLAS blas) {
        // Column-major BLAS on row-major arrays: C^T = B^T A^T, so pass B first.
        blas.dgemm("N", "N", n, n, n, 1, b, n, a, n, 0, c, n);
        return c;
    }

    float[] openblasF32(BLAS blas) {
        blas.sgemm("N", "N", n, n, n, 1, bf, n, af, n, 0, cf, n);
        return cf;
    }
}
