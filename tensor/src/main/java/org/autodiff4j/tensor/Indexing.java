package org.autodiff4j.tensor;

import org.autodiff4j.tensor.kernel.Strides;

/**
 * Indexing with tensors of indices. Two primitives, each the other's adjoint (as {@code slice} and
 * {@code sliceScatter}): {@link Gather} reads {@code x[..., index[p], ...]} and {@link ScatterAdd}
 * adds values into zeros at such positions. {@code indexSelect} and {@code scatterAdd} on a tensor
 * are composed from them, so every gradient here is a gather or a scatter-add of {@code g}, which is
 * differentiable again.
 *
 * <p>Indices are tensors of integral values of either type (as {@link Tensor#argmax} returns them),
 * read once when the op is applied; they get no gradient.
 */
final class Indexing {

    private Indexing() {
    }

    /**
     * {@code out[p] = x[p with coordinate dim replaced by index[p]]}, with {@code out} shaped as the
     * index; VJP: g scatter-added into zeros shaped as x.
     */
    record Gather(int dim, int[] index, Shape indexShape) implements Primitive {
        @Override public Tensor forward(Tensor... x) {
            Tensor in = x[0];
            int[] strides = in.strides.clone();
            int step = strides[dim];
            strides[dim] = 0;
            int[] pos = Strides.offsets(indexShape.toArray(), strides, in.offset);
            for (int p = 0; p < pos.length; p++) {
                pos[p] += index[p] * step;
            }
            return in.dtype() == DType.F64
                    ? Tensor.dense(Strides.gather(in.f64(), pos), indexShape)
                    : Tensor.dense(Strides.gather(in.f32(), pos), indexShape);
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            return new ScatterAdd(dim, index, indexShape, x[0].shape()).apply(g);
        }
        @Override public String toString() { return "gather[" + dim + "]"; }
    }

    /**
     * Zeros of shape {@code full} with each element {@code p} of the input (shaped as the index)
     * added at {@code p with coordinate dim replaced by index[p]}; repeated indices accumulate.
     * VJP: the gather of g at the same positions.
     */
    record ScatterAdd(int dim, int[] index, Shape indexShape, Shape full) implements Primitive {
        @Override public Tensor forward(Tensor... x) {
            int[] strides = Strides.contiguous(full.toArray());
            int step = strides[dim];
            strides[dim] = 0;
            int[] pos = Strides.offsets(indexShape.toArray(), strides, 0);
            double[] src = Values.denseF64(x[0]);
            double[] out = new double[full.size()];
            for (int p = 0; p < pos.length; p++) {
                out[pos[p] + index[p] * step] += src[p];
            }
            if (x[0].dtype() == DType.F64) {
                return Tensor.dense(out, full);
            }
            // NOTE: F32 sums in double and rounds once, as the other F32 kernels.
            float[] f = new float[out.length];
            for (int p = 0; p < out.length; p++) {
                f[p] = (float) out[p];
            }
            return Tensor.dense(f, full);
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            return new Gather(dim, index, indexShape).apply(g);
        }
        @Override public String toString() { return "scatterAdd[" + dim + "]"; }
    }

    /** {@link Tensor#gather}: checks the shapes and reads the indices. */
    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = x.shape().axis(dim);
        requireIndexShape("gather", x, d, index, true);
        return new Gather(d, indices("gather", index, d, x.shape()), index.shape()).apply(x);
    }

    /** {@link Tensor#scatterAdd}: {@code x + scatterAdd(src)}, src cut to the index's shape as PyTorch does. */
    static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) {
        int d = x.shape().axis(dim);
        requireIndexShape("scatterAdd", x, d, index, false);
        if (src.rank() != index.rank()) {
            throw new IllegalArgumentException("scatterAdd: src of shape " + src.shape() + " must have the rank of the"
                    + " index, shape " + index.shape());
        }
        Tensor s = src;
        for (int k = 0; k < index.rank(); k++) {
            if (index.shape().dim(k) > src.shape().dim(k)) {
                throw new IllegalArgumentException("scatterAdd: index of shape " + index.shape() + " is larger than src"
                        + " of shape " + src.shape() + " in dimension " + k);
            }
            s = s.slice(k, 0, index.shape().dim(k));
        }
        Values.requireSameType("scatterAdd", x, src);
        return x.add(new ScatterAdd(d, indices("scatterAdd", index, d, x.shape()), index.shape(), x.shape()).apply(s));
    }

    /**
     * {@link Tensor#indexSelect}: a gather whose index repeats {@code index} along the other
     * dimensions. NOTE: that index is as large as the result (an int per element); a dedicated
     * primitive would avoid it, but would be a third rule for the same adjoint pair.
     */
    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        int d = x.shape().axis(dim);
        if (index.rank() != 1) {
            throw new IllegalArgumentException("indexSelect: the index must be a vector (rank 1), got shape " + index.shape());
        }
        int[] idx = indices("indexSelect", index, d, x.shape());
        int[] dims = x.shape().toArray();
        dims[d] = idx.length;
        int[] select = new int[dims.length];
        select[d] = 1;
        int[] full = Strides.offsets(dims, select, 0);
        for (int p = 0; p < full.length; p++) {
            full[p] = idx[full[p]];
        }
        return new Gather(d, full, Shape.of(dims)).apply(x);
    }

    /** Gather (index no larger than x off {@code dim}) and scatterAdd (the same) need the index at x's rank. */
    private static void requireIndexShape(String op, Tensor x, int dim, Tensor index, boolean gather) {
        if (index.rank() != x.rank()) {
            throw new IllegalArgumentException(op + ": the index of shape " + index.shape() + " must have the rank of the"
                    + " input, shape " + x.shape());
        }
        for (int k = 0; k < x.rank(); k++) {
            if (k != dim && index.shape().dim(k) > x.shape().dim(k)) {
                throw new IllegalArgumentException(op + ": the index of shape " + index.shape() + " is larger than the"
                        + " input of shape " + x.shape() + " in dimension " + k + " (only dimension " + dim
                        + (gather ? " is indexed)" : " is scattered into)"));
            }
        }
    }

    /**
     * The values of {@code index} as ints, each checked to be an integer in {@code [0, shape[dim])}.
     *
     * @throws IndexOutOfBoundsException naming the index, its position and the valid range
     */
    static int[] indices(String op, Tensor index, int dim, Shape shape) {
        double[] v = index.toDoubleArray();
        int n = shape.dim(dim);
        int[] out = new int[v.length];
        for (int p = 0; p < v.length; p++) {
            double d = v[p];
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException(op + ": index " + d + " at position " + p + " of the index is not an integer");
            }
            if (d < 0 || d >= n) {
                throw new IndexOutOfBoundsException(op + ": index " + (long) d + " at position " + p + " is out of range"
                        + " for dimension " + dim + " of shape " + shape + ": valid indices are 0 to " + (n - 1)
                        + (n == 0 ? " (none: the dimension is empty)" : ""));
            }
            out[p] = (int) d;
        }
        return out;
    }

    /**
     * The position of the first maximum ({@code max}) or minimum of {@code x} along {@code dim}, as
     * F64 integers; NOTE: a NaN counts as the extremum (the first NaN wins), as NumPy's argmax.
     */
    static Tensor argExtremum(Tensor x, int dim, boolean max, boolean keepDims, String op) {
        int d = x.shape().axis(dim);
        int n = x.shape().dim(d);
        if (n == 0) {
            throw new IllegalArgumentException(op + ": dimension " + d + " of shape " + x.shape() + " is empty");
        }
        int[] perm = new int[x.rank()];
        for (int k = 0, j = 0; k < x.rank(); k++) {
            if (k != d) {
                perm[j++] = k;
            }
        }
        perm[x.rank() - 1] = d;
        double[] v = Values.denseF64(Values.permute(x, perm));
        double[] out = new double[v.length / n];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            double b = v[r * n];
            for (int j = 1; j < n && b == b; j++) {
                double e = v[r * n + j];
                if (e != e || (max ? e > b : e < b)) {
                    best = j;
                    b = e;
                }
            }
            out[r] = best;
        }
        int[] dims = x.shape().toArray();
        dims[d] = 1;
        Tensor result = Tensor.dense(out, Shape.of(dims));
        return keepDims ? result : result.squeeze(d);
    }
}
