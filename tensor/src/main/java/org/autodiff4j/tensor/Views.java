package org.autodiff4j.tensor;

import java.util.Arrays;

/**
 * The view primitives: new shapes, strides and offsets over the same storage, no copying (except
 * {@code reshape} of a layout that no strides can describe). Each VJP is another view, or the
 * engine's sum over broadcast dimensions for {@code expand}.
 */
final class Views {

    private Views() {
    }

    /** The same elements in row-major order under another shape of equal size; VJP: reshape back. */
    record Reshape(Shape to) implements Primitive {
        @Override public Tensor forward(Tensor... x) { return Values.reshape(x[0], to); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) { return g.reshape(x[0].shape().toArray()); }
        @Override public String toString() { return "reshape" + to; }
    }

    /** Dimensions reordered: output dimension d is input dimension {@code perm[d]}; VJP: the inverse permutation. */
    record Permute(int[] perm) implements Primitive {
        @Override public Tensor forward(Tensor... x) { return Values.permute(x[0], perm); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            int[] inverse = new int[perm.length];
            for (int d = 0; d < perm.length; d++) {
                inverse[perm[d]] = d;
            }
            return g.permute(inverse);
        }
        @Override public boolean equals(Object o) { return o instanceof Permute p && Arrays.equals(p.perm, perm); }
        @Override public int hashCode() { return Arrays.hashCode(perm); }
        @Override public String toString() { return "permute" + Arrays.toString(perm); }
    }

    /** Broadcast to a larger shape with stride 0; VJP: g itself, which the engine sums back to the input's shape. */
    record Expand(Shape to) implements Primitive {
        @Override public Tensor forward(Tensor... x) { return Values.expand(x[0], to); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) { return g; }
        @Override public String toString() { return "expand" + to; }
    }

    /**
     * Elements {@code from, from + step, ...} (below {@code to}) of dimension {@code dim}, indices
     * already normalized; VJP: those gradients placed into zeros of the input's shape.
     */
    record Slice(int dim, int from, int to, int step) implements Primitive {
        @Override public Tensor forward(Tensor... x) { return Values.slice(x[0], dim, from, to, step); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            return new SliceScatter(x[0].shape(), dim, from, step).apply(g);
        }
        @Override public boolean addVjpInto(Tensor acc, int i, Tensor g, Tensor[] x, Tensor out) {
            Values.addTo(Values.slice(acc, dim, from, to, step), g);
            return true;
        }
        @Override public String toString() { return "slice[" + dim + ", " + from + ":" + to + ":" + step + "]"; }
    }

    /**
     * The adjoint of {@link Slice}: zeros of shape {@code full} with the input written at positions
     * {@code from, from + step, ...} of dimension {@code dim}; VJP: the slice.
     */
    record SliceScatter(Shape full, int dim, int from, int step) implements Primitive {
        @Override public Tensor forward(Tensor... x) { return Values.sliceScatter(x[0], full, dim, from, step); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            int n = x[0].shape().dim(dim);
            return new Slice(dim, from, Math.min(full.dim(dim), from + n * step), step).apply(g);
        }
        @Override public String toString() { return "sliceScatter[" + dim + ", " + from + "::" + step + "]"; }
    }
}
