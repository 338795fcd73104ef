package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.autodiff4j.tensor.kernel.Strides;

/**
 * Joining and splitting along a dimension. One primitive, {@link Cat}, whose VJP slices {@code g}
 * back into the pieces; {@code stack} (cat of unsqueezed tensors), {@code split} (slices) and
 * {@code pad} (cat with constant blocks, or a slice for negative padding) are composed from it and
 * from views.
 */
final class Joining {

    private Joining() {
    }

    /** The inputs placed one after another along {@code dim}; VJP for input i: its slice of g. */
    record Cat(int dim) implements Primitive {
        @Override public Tensor forward(Tensor... x) {
            int[] dims = x[0].shape().toArray();
            dims[dim] = 0;
            for (Tensor t : x) {
                dims[dim] += t.shape().dim(dim);
            }
            Shape shape = Shape.of(dims);
            int[] strides = Strides.contiguous(dims);
            double[] d = x[0].dtype() == DType.F64 ? new double[shape.size()] : null;
            float[] f = d == null ? new float[shape.size()] : null;
            int start = 0;
            for (Tensor t : x) {
                int[] pos = Strides.offsets(t.shape().toArray(), strides, start * strides[dim]);
                if (d != null) {
                    Strides.scatter(Values.denseF64(t), pos, d);
                } else {
                    Strides.scatter(Values.denseF32(t), pos, f);
                }
                start += t.shape().dim(dim);
            }
            return d != null ? Tensor.dense(d, shape) : Tensor.dense(f, shape);
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            int start = 0;
            for (int j = 0; j < i; j++) {
                start += x[j].shape().dim(dim);
            }
            return g.slice(dim, start, start + x[i].shape().dim(dim));
        }
        @Override public String toString() { return "cat[" + dim + "]"; }
    }

    /** {@link Tensor#cat}: checks that the pieces agree off {@code dim}. */
    static Tensor cat(int dim, List<Tensor> tensors) {
        Objects.requireNonNull(tensors, "tensors must not be null");
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat needs at least one tensor");
        }
        Tensor first = Objects.requireNonNull(tensors.get(0), "tensors[0] is null");
        if (first.rank() == 0) {
            throw new IllegalArgumentException("cat: tensors[0] is a scalar (shape []); use stack to join scalars");
        }
        int d = first.shape().axis(dim);
        for (int i = 1; i < tensors.size(); i++) {
            Tensor t = Objects.requireNonNull(tensors.get(i), "tensors[" + i + "] is null");
            Values.requireSameType("cat", first, t);
            boolean ok = t.rank() == first.rank();
            for (int k = 0; ok && k < t.rank(); k++) {
                ok = k == d || t.shape().dim(k) == first.shape().dim(k);
            }
            if (!ok) {
                throw new IllegalArgumentException("cat along dimension " + d + ": tensors[" + i + "] has shape "
                        + t.shape() + ", tensors[0] " + first.shape() + "; they must agree except in dimension " + d);
            }
        }
        return tensors.size() == 1 ? first : new Cat(d).apply(tensors.toArray(new Tensor[0]));
    }

    /** {@link Tensor#stack}: cat of the tensors with a new dimension of extent 1 at {@code dim}. */
    static Tensor stack(int dim, List<Tensor> tensors) {
        Objects.requireNonNull(tensors, "tensors must not be null");
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        Shape shape = Objects.requireNonNull(tensors.get(0), "tensors[0] is null").shape();
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = Objects.requireNonNull(tensors.get(i), "tensors[" + i + "] is null");
            if (!t.shape().equals(shape)) {
                throw new IllegalArgumentException("stack: tensors[" + i + "] has shape " + t.shape() + ", tensors[0] "
                        + shape + "; stacked tensors must have equal shapes");
            }
            parts.add(t.unsqueeze(dim));
        }
        int d = dim < 0 ? dim + shape.rank() + 1 : dim;
        return parts.size() == 1 ? parts.get(0) : new Cat(d).apply(parts.toArray(new Tensor[0]));
    }

    /** {@link Tensor#split(int[], int)}: consecutive slices (views) of the given extents. */
    static List<Tensor> split(Tensor x, int[] sizes, int dim) {
        int d = x.shape().axis(dim);
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: negative size " + s + " in " + java.util.Arrays.toString(sizes));
            }
            total += s;
        }
        if (total != x.shape().dim(d)) {
            throw new IllegalArgumentException("split: sizes " + java.util.Arrays.toString(sizes) + " add up to " + total
                    + ", but dimension " + d + " of shape " + x.shape() + " has extent " + x.shape().dim(d));
        }
        List<Tensor> out = new ArrayList<>();
        int start = 0;
        for (int s : sizes) {
            out.add(x.slice(d, start, start + s));
            start += s;
        }
        return out;
    }

    /** {@link Tensor#split(int, int)}: pieces of {@code size}, the last one smaller if the extent is not a multiple. */
    static List<Tensor> split(Tensor x, int size, int dim) {
        if (size < 1) {
            throw new IllegalArgumentException("split: size must be >= 1, got " + size);
        }
        int n = x.shape().dim(dim);
        int[] sizes = new int[(n + size - 1) / size];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Math.min(size, n - i * size);
        }
        return split(x, sizes, dim);
    }

    /** {@link Tensor#pad}: per dimension from the last, a slice for negative amounts, a cat with constants for positive ones. */
    static Tensor pad(Tensor x, int[] padding, double value) {
        if (padding.length % 2 != 0 || padding.length > 2 * x.rank()) {
            throw new IllegalArgumentException("pad: padding " + java.util.Arrays.toString(padding) + " must hold pairs"
                    + " (before, after) for at most the " + x.rank() + " dimensions of shape " + x.shape()
                    + ", the last dimension first");
        }
        Tensor out = x;
        for (int p = 0; p < padding.length / 2; p++) {
            int d = x.rank() - 1 - p;
            int before = padding[2 * p];
            int after = padding[2 * p + 1];
            int n = out.shape().dim(d);
            if (before < 0 || after < 0) {
                if ((long) Math.max(0, -before) + Math.max(0, -after) > n) {
                    throw new IllegalArgumentException("pad: cropping " + -Math.min(0, before) + " and "
                            + -Math.min(0, after) + " from dimension " + d + " of extent " + n + " leaves less than nothing");
                }
                out = out.slice(d, Math.max(0, -before), n - Math.max(0, -after));
            }
            List<Tensor> parts = new ArrayList<>();
            if (before > 0) {
                parts.add(Tensor.full(x.dtype(), value, extent(out, d, before)));
            }
            parts.add(out);
            if (after > 0) {
                parts.add(Tensor.full(x.dtype(), value, extent(out, d, after)));
            }
            out = cat(d, parts);
        }
        return out;
    }

    private static int[] extent(Tensor x, int d, int n) {
        int[] dims = x.shape().toArray();
        dims[d] = n;
        return dims;
    }
}
