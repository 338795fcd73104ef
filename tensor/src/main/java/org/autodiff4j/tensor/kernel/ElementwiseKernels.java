package org.autodiff4j.tensor.kernel;

/**
 * Element-wise loops the JIT vectorizes: one plain loop per function over contiguous runs
 * ({@code out[oi + i] = f(x[xi + i], y[yi + i])}, in {@link ElementwiseLoops}), chosen by a switch
 * outside the loop, so no call is made per element. Strided and broadcast operands are walked row by row ({@link Rows}); a row
 * whose operand does not have unit stride is first copied, a chunk at a time, into a small buffer
 * (a broadcast scalar is filled in once per row), and the contiguous loop runs on that.
 *
 * <p>F32 loops: {@code + - * /}, sqrt, max, min and the comparisons are computed in float, which
 * gives the same result as computing in double and rounding once (double has more than
 * {@code 2 * 24 + 2} bits, so the double rounding is innocuous); the transcendental functions are
 * computed in double and rounded once. Results equal {@link ElementwiseReference} bit for bit.
 * Inputs are not modified; {@code out} is.
 */
public final class ElementwiseKernels {

    /**
     * True when the Vector API loops ({@link ElementwiseVectors}) run: the {@code jdk.incubator.vector}
     * module is resolved. Without it every function takes its scalar loop.
     */
    public static final boolean VECTORIZED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Elements per buffered chunk of a strided row: small enough to stay in L1. */
    private static final int CHUNK = 512;

    /**
     * Each thread's chunk buffers, one per operand, reused by every strided call. NOTE: a new 4 KiB
     * buffer per call cost a quarter of the loop over 4096 elements (fresh memory, not in cache).
     */
    private static final ThreadLocal<double[][]> F64_CHUNKS = ThreadLocal.withInitial(() -> new double[2][CHUNK]);
    private static final ThreadLocal<float[][]> F32_CHUNKS = ThreadLocal.withInitial(() -> new float[2][CHUNK]);

    private ElementwiseKernels() {
    }

    // ---- contiguous runs ------------------------------------------------------------------------

    /** {@code out[oi + i] = f(x[xi + i])} for {@code i < n}. */
    public static void map(UnaryFn f, double[] x, int xi, double[] out, int oi, int n) {
        if (!VECTORIZED || !ElementwiseVectors.map(f, x, xi, out, oi, n)) {
            ElementwiseLoops.map(f, x, xi, out, oi, n);
        }
    }

    /** {@code out[oi + i] = f(x[xi + i])} in float storage. */
    public static void map(UnaryFn f, float[] x, int xi, float[] out, int oi, int n) {
        if (!VECTORIZED || !ElementwiseVectors.map(f, x, xi, out, oi, n)) {
            ElementwiseLoops.map(f, x, xi, out, oi, n);
        }
    }

    /** {@code out[oi + i] = f(x[xi + i], y[yi + i])} for {@code i < n}. */
    public static void zip(BinaryFn f, double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        if (!VECTORIZED || !ElementwiseVectors.zip(f, x, xi, y, yi, out, oi, n)) {
            ElementwiseLoops.zip(f, x, xi, y, yi, out, oi, n);
        }
    }

    /** {@code out[oi + i] = f(x[xi + i], y[yi + i])} in float storage. */
    public static void zip(BinaryFn f, float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        if (!VECTORIZED || !ElementwiseVectors.zip(f, x, xi, y, yi, out, oi, n)) {
            ElementwiseLoops.zip(f, x, xi, y, yi, out, oi, n);
        }
    }

    /**
     * {@code out[oi + i] = chainMul(c x[xi + i], y[yi + i])}: a VJP's chain-rule product with a
     * constant factor, {@code (c g) d}, in one pass instead of two.
     */
    public static void scaledChainMul(double c, double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        if (VECTORIZED) {
            ElementwiseVectors.scaledChainMul(c, x, xi, y, yi, out, oi, n);
        } else {
            ElementwiseLoops.scaledChainMul(c, x, xi, y, yi, out, oi, n);
        }
    }

    /** The float {@link #scaledChainMul(double, double[], int, double[], int, double[], int, int)}, in float. */
    public static void scaledChainMul(float c, float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        if (VECTORIZED) {
            ElementwiseVectors.scaledChainMul(c, x, xi, y, yi, out, oi, n);
        } else {
            ElementwiseLoops.scaledChainMul(c, x, xi, y, yi, out, oi, n);
        }
    }

    /**
     * {@code acc[ai + i] += chainMul(c x[xi + i], y[yi + i])}: a VJP's chain-rule product with a
     * constant factor added into a gradient, in one pass instead of {@link #scaledChainMul} and then
     * an addition (the same values: the product is rounded before the sum). {@code acc} must not
     * overlap x or y.
     */
    public static void addScaledChainMul(double c, double[] x, int xi, double[] y, int yi, double[] acc, int ai, int n) {
        if (VECTORIZED) {
            ElementwiseVectors.addScaledChainMul(c, x, xi, y, yi, acc, ai, n);
        } else {
            ElementwiseLoops.addScaledChainMul(c, x, xi, y, yi, acc, ai, n);
        }
    }

    /** The float {@link #addScaledChainMul(double, double[], int, double[], int, double[], int, int)}, in float. */
    public static void addScaledChainMul(float c, float[] x, int xi, float[] y, int yi, float[] acc, int ai, int n) {
        if (VECTORIZED) {
            ElementwiseVectors.addScaledChainMul(c, x, xi, y, yi, acc, ai, n);
        } else {
            ElementwiseLoops.addScaledChainMul(c, x, xi, y, yi, acc, ai, n);
        }
    }

    /**
     * {@code out[oi + i] = x[xi + i] + c y[yi + i]}, the product rounded before the sum (no fused
     * multiply-add): {@code x.add(y.mul(c))} in one pass instead of two, as an optimizer's update
     * {@code p - lr g} needs.
     */
    public static void scaledAdd(double[] x, int xi, double c, double[] y, int yi, double[] out, int oi, int n) {
        if (VECTORIZED) {
            ElementwiseVectors.scaledAdd(x, xi, c, y, yi, out, oi, n);
        } else {
            ElementwiseLoops.scaledAdd(x, xi, c, y, yi, out, oi, n);
        }
    }

    /** The float {@link #scaledAdd(double[], int, double, double[], int, double[], int, int)}, in float. */
    public static void scaledAdd(float[] x, int xi, float c, float[] y, int yi, float[] out, int oi, int n) {
        if (VECTORIZED) {
            ElementwiseVectors.scaledAdd(x, xi, c, y, yi, out, oi, n);
        } else {
            ElementwiseLoops.scaledAdd(x, xi, c, y, yi, out, oi, n);
        }
    }

    // ---- strided and broadcast operands ---------------------------------------------------------

    /**
     * {@code out = f(x)} where x's element at index {@code (i0, i1, ...)} of {@code shape} is at
     * {@code xOff + sum_d i_d xStrides[d]}; {@code out} is dense row-major.
     */
    public static void map(UnaryFn f, int[] shape, double[] x, int xOff, int[] xStrides, double[] out) {
        Rows w = new Rows(shape, new int[] {xOff}, xStrides);
        double[] xb = w.step[0] == 1 ? null : F64_CHUNKS.get()[0];
        for (int r = 0; r < w.rows; r++, w.next()) {
            for (int s = 0; s < w.length; s += CHUNK) {
                int len = Math.min(CHUNK, w.length - s);
                if (xb == null) {
                    map(f, x, w.base[0] + s, out, r * w.length + s, len);
                } else {
                    gather(x, w.base[0] + s * w.step[0], w.step[0], xb, len);
                    map(f, xb, 0, out, r * w.length + s, len);
                }
            }
        }
    }

    /** The float {@link #map(UnaryFn, int[], double[], int, int[], double[])}. */
    public static void map(UnaryFn f, int[] shape, float[] x, int xOff, int[] xStrides, float[] out) {
        Rows w = new Rows(shape, new int[] {xOff}, xStrides);
        float[] xb = w.step[0] == 1 ? null : F32_CHUNKS.get()[0];
        for (int r = 0; r < w.rows; r++, w.next()) {
            for (int s = 0; s < w.length; s += CHUNK) {
                int len = Math.min(CHUNK, w.length - s);
                if (xb == null) {
                    map(f, x, w.base[0] + s, out, r * w.length + s, len);
                } else {
                    gather(x, w.base[0] + s * w.step[0], w.step[0], xb, len);
                    map(f, xb, 0, out, r * w.length + s, len);
                }
            }
        }
    }

    /**
     * {@code out = f(x, y)} over {@code shape}, each operand strided (stride 0 where it is
     * broadcast, strides aligned to shape); {@code out} is dense row-major.
     */
    public static void zip(BinaryFn f, int[] shape, double[] x, int xOff, int[] xStrides,
                           double[] y, int yOff, int[] yStrides, double[] out) {
        Rows w = new Rows(shape, new int[] {xOff, yOff}, xStrides, yStrides);
        int xs = w.step[0];
        int ys = w.step[1];
        double[][] chunks = xs == 1 && ys == 1 ? null : F64_CHUNKS.get();
        double[] xb = xs == 1 ? null : chunks[0];
        double[] yb = ys == 1 ? null : chunks[1];
        for (int r = 0; r < w.rows; r++, w.next()) {
            for (int s = 0; s < w.length; s += CHUNK) {
                int len = Math.min(CHUNK, w.length - s);
                if (xb != null && (xs != 0 || s == 0)) {
                    gather(x, w.base[0] + s * xs, xs, xb, len);
                }
                if (yb != null && (ys != 0 || s == 0)) {
                    gather(y, w.base[1] + s * ys, ys, yb, len);
                }
                zip(f, xb == null ? x : xb, xb == null ? w.base[0] + s : 0,
                        yb == null ? y : yb, yb == null ? w.base[1] + s : 0, out, r * w.length + s, len);
            }
        }
    }

    /** The float {@link #zip(BinaryFn, int[], double[], int, int[], double[], int, int[], double[])}. */
    public static void zip(BinaryFn f, int[] shape, float[] x, int xOff, int[] xStrides,
                           float[] y, int yOff, int[] yStrides, float[] out) {
        Rows w = new Rows(shape, new int[] {xOff, yOff}, xStrides, yStrides);
        int xs = w.step[0];
        int ys = w.step[1];
        float[][] chunks = xs == 1 && ys == 1 ? null : F32_CHUNKS.get();
        float[] xb = xs == 1 ? null : chunks[0];
        float[] yb = ys == 1 ? null : chunks[1];
        for (int r = 0; r < w.rows; r++, w.next()) {
            for (int s = 0; s < w.length; s += CHUNK) {
                int len = Math.min(CHUNK, w.length - s);
                if (xb != null && (xs != 0 || s == 0)) {
                    gather(x, w.base[0] + s * xs, xs, xb, len);
                }
                if (yb != null && (ys != 0 || s == 0)) {
                    gather(y, w.base[1] + s * ys, ys, yb, len);
                }
                zip(f, xb == null ? x : xb, xb == null ? w.base[0] + s : 0,
                        yb == null ? y : yb, yb == null ? w.base[1] + s : 0, out, r * w.length + s, len);
            }
        }
    }

    /**
     * {@code dst += src} in place over {@code shape}, both strided (strides aligned to shape, src's
     * 0 where it is broadcast; dst's must not repeat an element). {@code dst} is modified.
     */
    public static void addTo(int[] shape, double[] src, int sOff, int[] sStrides, double[] dst, int dOff, int[] dStrides) {
        Rows w = new Rows(shape, new int[] {sOff, dOff}, sStrides, dStrides);
        int ss = w.step[0];
        int ds = w.step[1];
        for (int r = 0; r < w.rows; r++, w.next()) {
            if (ss == 1 && ds == 1) {
                // NOTE: out is dst at the same positions: each element is read before it is written.
                zip(BinaryFn.ADD, dst, w.base[1], src, w.base[0], dst, w.base[1], w.length);
            } else {
                for (int j = 0, i = w.base[0], d = w.base[1]; j < w.length; j++, i += ss, d += ds) {
                    dst[d] += src[i];
                }
            }
        }
    }

    /** The float {@link #addTo(int[], double[], int, int[], double[], int, int[])}. */
    public static void addTo(int[] shape, float[] src, int sOff, int[] sStrides, float[] dst, int dOff, int[] dStrides) {
        Rows w = new Rows(shape, new int[] {sOff, dOff}, sStrides, dStrides);
        int ss = w.step[0];
        int ds = w.step[1];
        for (int r = 0; r < w.rows; r++, w.next()) {
            if (ss == 1 && ds == 1) {
                zip(BinaryFn.ADD, dst, w.base[1], src, w.base[0], dst, w.base[1], w.length);
            } else {
                for (int j = 0, i = w.base[0], d = w.base[1]; j < w.length; j++, i += ss, d += ds) {
                    dst[d] += src[i];
                }
            }
        }
    }

    /**
     * {@code out = mask != 0 ? a : b} over {@code shape}, all three strided: a selection, never
     * arithmetic, so the unselected value cannot leak (NaN or infinite).
     */
    public static void select(int[] shape, double[] m, int mOff, int[] mStrides, double[] a, int aOff, int[] aStrides,
                              double[] b, int bOff, int[] bStrides, double[] out) {
        Rows w = new Rows(shape, new int[] {mOff, aOff, bOff}, mStrides, aStrides, bStrides);
        int ms = w.step[0];
        int as = w.step[1];
        int bs = w.step[2];
        for (int r = 0, o = 0; r < w.rows; r++, w.next()) {
            int mi = w.base[0];
            int ai = w.base[1];
            int bi = w.base[2];
            for (int i = 0; i < w.length; i++, o++, mi += ms, ai += as, bi += bs) {
                out[o] = m[mi] != 0 ? a[ai] : b[bi];
            }
        }
    }

    /** The float {@link #select(int[], double[], int, int[], double[], int, int[], double[], int, int[], double[])}. */
    public static void select(int[] shape, float[] m, int mOff, int[] mStrides, float[] a, int aOff, int[] aStrides,
                              float[] b, int bOff, int[] bStrides, float[] out) {
        Rows w = new Rows(shape, new int[] {mOff, aOff, bOff}, mStrides, aStrides, bStrides);
        int ms = w.step[0];
        int as = w.step[1];
        int bs = w.step[2];
        for (int r = 0, o = 0; r < w.rows; r++, w.next()) {
            int mi = w.base[0];
            int ai = w.base[1];
            int bi = w.base[2];
            for (int i = 0; i < w.length; i++, o++, mi += ms, ai += as, bi += bs) {
                out[o] = m[mi] != 0 ? a[ai] : b[bi];
            }
        }
    }

    // ---- scalar functions -------------------------------------------------------------------------

    /** The logistic function; NOTE: two forms so that neither overflows, as the SIGMOID primitive. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** The chain rule's product: {@code x * y}, exactly 0 when a factor is 0 even if the other is infinite or NaN. */
    static double chainMul(double x, double y) {
        double p = x * y;
        return p == p || (x != 0 && y != 0) ? p : 0;
    }

    /** The float chain-rule product. */
    static float chainMul(float x, float y) {
        float p = x * y;
        return p == p || (x != 0 && y != 0) ? p : 0;
    }

    /** {@code buf[i] = src[from + i * stride]} for {@code i < len}; stride 0 fills with one value. */
    private static void gather(double[] src, int from, int stride, double[] buf, int len) {
        if (stride == 0) {
            java.util.Arrays.fill(buf, 0, len, src[from]);
            return;
        }
        for (int i = 0, p = from; i < len; i++, p += stride) {
            buf[i] = src[p];
        }
    }

    private static void gather(float[] src, int from, int stride, float[] buf, int len) {
        if (stride == 0) {
            java.util.Arrays.fill(buf, 0, len, src[from]);
            return;
        }
        for (int i = 0, p = from; i < len; i++, p += stride) {
            buf[i] = src[p];
        }
    }
}
