package org.autodiff4j.tensor.kernel;

/**
 * Reductions without per-element offset arrays: the input is walked row by row ({@link Rows}) with
 * the output as a second operand whose strides are 0 along the reduced dimensions. A row along a
 * reduced dimension folds into one output element (several independent running sums, so the adds
 * overlap); a row along a kept dimension updates a run of outputs element by element (a loop the
 * JIT vectorizes). {@code xStrides} and {@code outStrides} are aligned to {@code shape}, the
 * input's shape; the output is dense, with extent 1 (stride 0) along the reduced dimensions.
 *
 * <p>NOTE: sums are not added in input order (four interleaved partial sums per row, scalars or
 * vectors), so they may differ from {@link ReduceReference} in the last bits; the partial sums make
 * the error, if anything, smaller. F32 sums accumulate in double and round once. Inputs are not
 * modified; {@code out} is overwritten.
 */
public final class ReduceKernels {

    private ReduceKernels() {
    }

    /** {@code out[o] = sum of x over the elements that fold into o}; 0 for an empty sum. */
    public static void sum(int[] shape, double[] x, int xOff, int[] xStrides, int[] outStrides, double[] out) {
        java.util.Arrays.fill(out, 0);
        Rows w = new Rows(shape, new int[] {xOff, 0}, xStrides, outStrides);
        int xs = w.step[0];
        boolean along = w.step[1] == 0;
        for (int r = 0; r < w.rows; r++, w.next()) {
            int xi = w.base[0];
            int o = w.base[1];
            if (along) {
                out[o] += sum(x, xi, xs, w.length);
            } else if (xs == 1) {
                for (int j = 0; j < w.length; j++) {
                    out[o + j] += x[xi + j];
                }
            } else {
                for (int j = 0; j < w.length; j++) {
                    out[o + j] += x[xi + j * xs];
                }
            }
        }
    }

    /** The float sum, accumulated in double and rounded once. */
    public static void sum(int[] shape, float[] x, int xOff, int[] xStrides, int[] outStrides, float[] out) {
        double[] acc = new double[out.length];
        Rows w = new Rows(shape, new int[] {xOff, 0}, xStrides, outStrides);
        int xs = w.step[0];
        boolean along = w.step[1] == 0;
        for (int r = 0; r < w.rows; r++, w.next()) {
            int xi = w.base[0];
            int o = w.base[1];
            if (along) {
                acc[o] += sum(x, xi, xs, w.length);
            } else {
                for (int j = 0; j < w.length; j++) {
                    acc[o + j] += x[xi + j * xs];
                }
            }
        }
        for (int o = 0; o < out.length; o++) {
            out[o] = (float) acc[o];
        }
    }

    /**
     * {@code out[o] = max (or min) of the elements that fold into o}, NaN if any of them is NaN.
     * Every output must receive at least one element.
     */
    public static void extremum(boolean max, int[] shape, double[] x, int xOff, int[] xStrides, int[] outStrides,
                                double[] out) {
        java.util.Arrays.fill(out, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        Rows w = new Rows(shape, new int[] {xOff, 0}, xStrides, outStrides);
        int xs = w.step[0];
        boolean along = w.step[1] == 0;
        for (int r = 0; r < w.rows; r++, w.next()) {
            int xi = w.base[0];
            int o = w.base[1];
            if (along) {
                double e = out[o];
                if (max) {
                    for (int j = 0; j < w.length; j++) {
                        e = Math.max(e, x[xi + j * xs]);
                    }
                } else {
                    for (int j = 0; j < w.length; j++) {
                        e = Math.min(e, x[xi + j * xs]);
                    }
                }
                out[o] = e;
            } else if (max) {
                for (int j = 0; j < w.length; j++) {
                    out[o + j] = Math.max(out[o + j], x[xi + j * xs]);
                }
            } else {
                for (int j = 0; j < w.length; j++) {
                    out[o + j] = Math.min(out[o + j], x[xi + j * xs]);
                }
            }
        }
    }

    /** The float max or min. */
    public static void extremum(boolean max, int[] shape, float[] x, int xOff, int[] xStrides, int[] outStrides,
                                float[] out) {
        java.util.Arrays.fill(out, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        Rows w = new Rows(shape, new int[] {xOff, 0}, xStrides, outStrides);
        int xs = w.step[0];
        boolean along = w.step[1] == 0;
        for (int r = 0; r < w.rows; r++, w.next()) {
            int xi = w.base[0];
            int o = w.base[1];
            if (along) {
                float e = out[o];
                for (int j = 0; j < w.length; j++) {
                    e = max ? Math.max(e, x[xi + j * xs]) : Math.min(e, x[xi + j * xs]);
                }
                out[o] = e;
            } else {
                for (int j = 0; j < w.length; j++) {
                    out[o + j] = max ? Math.max(out[o + j], x[xi + j * xs]) : Math.min(out[o + j], x[xi + j * xs]);
                }
            }
        }
    }

    /**
     * The sum of {@code n} elements from {@code xi} in steps of {@code xs}, in four interleaved
     * partial sums (four vectors of them when contiguous and the Vector API is there).
     */
    public static double sum(double[] x, int xi, int xs, int n) {
        if (xs == 1 && ElementwiseKernels.VECTORIZED) {
            return ReduceVectors.sum(x, xi, n);
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        if (xs == 1) {
            for (; j + 4 <= n; j += 4) {
                s0 += x[xi + j];
                s1 += x[xi + j + 1];
                s2 += x[xi + j + 2];
                s3 += x[xi + j + 3];
            }
        }
        for (; j < n; j++) {
            s0 += x[xi + j * xs];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The float sum in double, in four interleaved partial sums. */
    public static double sum(float[] x, int xi, int xs, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        if (xs == 1) {
            for (; j + 4 <= n; j += 4) {
                s0 += x[xi + j];
                s1 += x[xi + j + 1];
                s2 += x[xi + j + 2];
                s3 += x[xi + j + 3];
            }
        }
        for (; j < n; j++) {
            s0 += x[xi + j * xs];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
