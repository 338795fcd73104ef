package org.autodiff4j.tensor.kernel;

/**
 * Walks a shape row by row for several strided operands at once, so element-wise and reduction
 * loops run over whole rows (the JIT vectorizes a row with unit strides) with no per-element
 * offset array. The dimensions are first coalesced, as PyTorch's TensorIterator does: extent-1
 * dimensions are dropped and a dimension is merged into the next when every operand steps over
 * both as over one ({@code stride[d] == stride[d+1] * extent[d+1]}), so a dense tensor is one long
 * row, {@code [n, m] + [m]} is n rows of m, and a scalar operand has stride 0 throughout.
 *
 * <pre>{@code
 * Rows w = new Rows(shape, new int[] {xOff, yOff}, xStrides, yStrides);
 * for (int r = 0; r < w.rows; r++, w.next()) {
 *     row(x, w.base[0], w.step[0], y, w.base[1], w.step[1], out, r * w.length, w.length);
 * }
 * }</pre>
 *
 * The arrays passed in are not modified.
 */
public final class Rows {

    /** The number of rows; {@code rows * length} is the shape's size. */
    public final int rows;
    /** The elements per row (after coalescing, the extent of the innermost remaining dimension). */
    public final int length;
    /** Each operand's flat position of the current row's first element. */
    public final int[] base;
    /** Each operand's stride along a row (0 for an operand broadcast along it). */
    public final int[] step;

    private static final int[] NONE = {};

    private final int[] dims;
    private final int[][] strides;
    private final int[] index;

    /** The walk over {@code shape} for operands starting at {@code offsets} with the given strides (aligned to shape). */
    public Rows(int[] shape, int[] offsets, int[]... operandStrides) {
        int ops = operandStrides.length;
        int rank = 0;
        int[] d = new int[shape.length];
        int[][] s = new int[ops][shape.length];
        int size = 1;
        for (int k = 0; k < shape.length; k++) {
            size *= shape[k];
            if (shape[k] == 1) {
                continue;
            }
            boolean merge = rank > 0;
            for (int o = 0; o < ops && merge; o++) {
                merge = s[o][rank - 1] == operandStrides[o][k] * shape[k];
            }
            if (merge) {
                d[rank - 1] *= shape[k];
                for (int o = 0; o < ops; o++) {
                    s[o][rank - 1] = operandStrides[o][k];
                }
            } else {
                d[rank] = shape[k];
                for (int o = 0; o < ops; o++) {
                    s[o][rank] = operandStrides[o][k];
                }
                rank++;
            }
        }
        this.base = offsets.clone();
        this.step = new int[ops];
        if (size == 0 || rank == 0) {
            rows = size == 0 ? 0 : 1;
            length = rows;
            dims = NONE;
            strides = null;
            index = NONE;
            return;
        }
        length = d[rank - 1];
        rows = size / length;
        for (int o = 0; o < ops; o++) {
            step[o] = s[o][rank - 1];
        }
        if (rank == 1) {
            // NOTE: one row (the common case after coalescing): nothing for next() to walk.
            dims = NONE;
            strides = null;
            index = NONE;
            return;
        }
        dims = java.util.Arrays.copyOf(d, rank - 1);
        strides = new int[ops][];
        for (int o = 0; o < ops; o++) {
            strides[o] = java.util.Arrays.copyOf(s[o], rank - 1);
        }
        index = new int[rank - 1];
    }

    /** Moves {@link #base} to the next row (an odometer over the outer dimensions). */
    public void next() {
        for (int d = dims.length - 1; d >= 0; d--) {
            for (int o = 0; o < base.length; o++) {
                base[o] += strides[o][d];
            }
            if (++index[d] < dims[d]) {
                return;
            }
            for (int o = 0; o < base.length; o++) {
                base[o] -= strides[o][d] * dims[d];
            }
            index[d] = 0;
        }
    }
}
