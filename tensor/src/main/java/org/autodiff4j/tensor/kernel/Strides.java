package org.autodiff4j.tensor.kernel;

/**
 * Strided layouts: a tensor's element {@code (i0, i1, ...)} lives at
 * {@code offset + i0 * strides[0] + i1 * strides[1] + ...} of its flat array. A stride of 0 repeats
 * an element along a dimension (broadcasting without copying).
 *
 * <p>Arrays passed in are not modified; results are new arrays.
 */
public final class Strides {

    private Strides() {
    }

    /** The row-major strides of a dense array of {@code shape}: the last dimension has stride 1. */
    public static int[] contiguous(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /** True if the layout visits its elements in row-major order at consecutive positions. */
    public static boolean isContiguous(int[] shape, int[] strides) {
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) {
                return true;
            }
            // NOTE: a dimension of extent 1 is never stepped along, so its stride does not matter.
            if (shape[d] != 1 && strides[d] != s) {
                return false;
            }
            s *= shape[d];
        }
        return true;
    }

    /**
     * Strides under which the elements of the layout {@code (shape, strides)}, in row-major order,
     * take {@code newShape} without moving, or null if there are none (then a reshape must copy).
     * Dimensions are grouped into runs that step through memory evenly (each stride the next one
     * times its extent, as in a dense block or a broadcast one with stride 0), and each run must
     * split into whole new dimensions; PyTorch's {@code computeStride} does the same.
     *
     * <pre>{@code viewStrides(new int[] {2, 3}, new int[] {0, 0}, new int[] {6})  // {0}: a broadcast stays a view}</pre>
     */
    public static int[] viewStrides(int[] shape, int[] strides, int[] newShape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size <= 1 || isContiguous(shape, strides)) {
            return contiguous(newShape);
        }
        int[] out = new int[newShape.length];
        int view = newShape.length - 1;
        long runSize = 1;
        long viewSize = 1;
        int base = strides[shape.length - 1];
        for (int d = shape.length - 1; d >= 0; d--) {
            runSize *= shape[d];
            boolean runEnds = d == 0 || shape[d - 1] != 1 && strides[d - 1] != runSize * base;
            if (!runEnds) {
                continue;
            }
            while (view >= 0 && (viewSize < runSize || newShape[view] == 1)) {
                out[view] = (int) (viewSize * base);
                viewSize *= newShape[view];
                view--;
            }
            if (viewSize != runSize) {
                return null;
            }
            if (d > 0) {
                base = strides[d - 1];
                runSize = 1;
                viewSize = 1;
            }
        }
        return view == -1 ? out : null;
    }

    /**
     * The flat position of every element of the layout, in row-major order of {@code shape}: an
     * odometer over the dimensions, adding a stride per step and undoing it at each carry.
     */
    public static int[] offsets(int[] shape, int[] strides, int offset) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        int rank = shape.length;
        if (rank == 0) {
            out[0] = offset;
            return out;
        }
        int last = rank - 1;
        int lastExtent = shape[last];
        int lastStride = strides[last];
        int[] index = new int[rank];
        int base = offset;
        int i = 0;
        while (true) {
            for (int j = 0, p = base; j < lastExtent; j++, p += lastStride) {
                out[i++] = p;
            }
            int d = last - 1;
            while (d >= 0) {
                base += strides[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                base -= strides[d] * shape[d];
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return out;
            }
        }
    }

    /** {@code out[i] = src[offsets[i]]}: a dense copy of a strided layout. */
    public static double[] gather(double[] src, int[] offsets) {
        double[] out = new double[offsets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = src[offsets[i]];
        }
        return out;
    }

    /** {@code out[i] = src[offsets[i]]}: a dense copy of a strided layout. */
    public static float[] gather(float[] src, int[] offsets) {
        float[] out = new float[offsets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = src[offsets[i]];
        }
        return out;
    }

    /** {@code dst[offsets[i]] = src[i]}; {@code dst} is modified, {@code src} not. */
    public static void scatter(double[] src, int[] offsets, double[] dst) {
        for (int i = 0; i < offsets.length; i++) {
            dst[offsets[i]] = src[i];
        }
    }

    /** {@code dst[offsets[i]] = src[i]}; {@code dst} is modified, {@code src} not. */
    public static void scatter(float[] src, int[] offsets, float[] dst) {
        for (int i = 0; i < offsets.length; i++) {
            dst[offsets[i]] = src[i];
        }
    }

    /**
     * Copies the strided layout {@code src} of {@code shape} into the strided layout {@code dst}
     * (strides aligned to shape), row by row ({@link Rows}): one {@code arraycopy} per row when both
     * rows are contiguous, no per-element offsets. {@code dst} is modified, {@code src} not.
     */
    public static void copy(int[] shape, double[] src, int srcOff, int[] srcStrides,
                            double[] dst, int dstOff, int[] dstStrides) {
        Rows w = new Rows(shape, new int[] {srcOff, dstOff}, srcStrides, dstStrides);
        int ss = w.step[0];
        int ds = w.step[1];
        for (int r = 0; r < w.rows; r++, w.next()) {
            if (ss == 1 && ds == 1) {
                System.arraycopy(src, w.base[0], dst, w.base[1], w.length);
            } else {
                for (int j = 0, s = w.base[0], d = w.base[1]; j < w.length; j++, s += ss, d += ds) {
                    dst[d] = src[s];
                }
            }
        }
    }

    /** The float {@link #copy(int[], double[], int, int[], double[], int, int[])}. */
    public static void copy(int[] shape, float[] src, int srcOff, int[] srcStrides,
                            float[] dst, int dstOff, int[] dstStrides) {
        Rows w = new Rows(shape, new int[] {srcOff, dstOff}, srcStrides, dstStrides);
        int ss = w.step[0];
        int ds = w.step[1];
        for (int r = 0; r < w.rows; r++, w.next()) {
            if (ss == 1 && ds == 1) {
                System.arraycopy(src, w.base[0], dst, w.base[1], w.length);
            } else {
                for (int j = 0, s = w.base[0], d = w.base[1]; j < w.length; j++, s += ss, d += ds) {
                    dst[d] = src[s];
                }
            }
        }
    }
}
