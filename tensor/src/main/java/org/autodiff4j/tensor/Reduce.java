package org.autodiff4j.tensor;

import java.util.Arrays;

/**
 * A reduction ({@link Reduction#SUM}, {@code MAX} or {@code MIN}) over sorted, distinct
 * {@code axes}, keeping them as extent-1 dimensions when {@code keepDims}.
 *
 * <p>Sum's VJP broadcasts {@code g} back over the reduced axes. Max's and min's VJP sends {@code g}
 * to the elements equal to the result (NOTE: at a tie, split evenly among them, as core's
 * {@code max}), written with {@code eq}, {@code sum} and {@code where}, so it is differentiable again.
 */
record Reduce(Reduction kind, int[] axes, boolean keepDims) implements Primitive {

    /** The three reductions. */
    enum Reduction { SUM, MAX, MIN }

    @Override
    public Tensor forward(Tensor... x) {
        Tensor in = x[0];
        Shape keep = keptShape(in.shape());
        if (kind != Reduction.SUM && in.size() == 0 && keep.size() > 0) {
            throw new IllegalArgumentException(name() + " over an empty dimension of shape " + in.shape()
                    + " (axes " + Arrays.toString(axes) + "): " + name() + " has no identity");
        }
        Tensor out = Values.reduce(in, kind, keep);
        return keepDims ? out : Values.reshape(out, outShape(in.shape()));
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        Shape keep = keptShape(x[0].shape());
        Tensor gk = g.reshape(keep.toArray());
        if (kind == Reduction.SUM) {
            return gk.expand(x[0].shape().toArray());
        }
        Tensor hit = x[0].eq(out.detach().reshape(keep.toArray()));
        Tensor share = gk.div(hit.sum(axes, true));
        return Tensor.where(hit, share, share.scalarLike(0));
    }

    /** The input's shape with the reduced axes set to 1. */
    Shape keptShape(Shape in) {
        int[] dims = in.toArray();
        for (int a : axes) {
            dims[a] = 1;
        }
        return Shape.of(dims);
    }

    /** The input's shape without the reduced axes (or with them at 1 when keepDims). */
    Shape outShape(Shape in) {
        if (keepDims) {
            return keptShape(in);
        }
        int[] dims = new int[in.rank() - axes.length];
        for (int d = 0, k = 0, j = 0; d < in.rank(); d++) {
            if (j < axes.length && axes[j] == d) {
                j++;
            } else {
                dims[k++] = in.dim(d);
            }
        }
        return Shape.of(dims);
    }

    private String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reduce r && r.kind == kind && Arrays.equals(r.axes, axes) && r.keepDims == keepDims;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(axes) + (keepDims ? 1 : 0);
    }

    @Override
    public String toString() {
        return name() + Arrays.toString(axes) + (keepDims ? " keepDims" : "");
    }
}
