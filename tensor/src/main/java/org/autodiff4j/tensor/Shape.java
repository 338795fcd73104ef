package org.autodiff4j.tensor;

import java.util.Arrays;

/**
 * The extents of a tensor's dimensions, immutable: {@code Shape.of(2, 3)} is a 2 x 3 matrix, the
 * empty shape {@code Shape.of()} a scalar. Dimensions may be 0 (an empty tensor).
 *
 * <p>Broadcasting follows NumPy: shapes are aligned at their last dimension; two extents agree when
 * they are equal or one of them is 1; a missing leading dimension counts as 1.
 *
 * <pre>{@code
 * Shape.of(4, 1, 3).broadcast(Shape.of(5, 1));    // [4, 5, 3]
 * Shape.of(2, 3).broadcast(Shape.of(4));           // IllegalArgumentException naming [2, 3] and [4]
 * }</pre>
 */
public final class Shape {

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d + " in shape " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more elements than a Java array holds");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /** The shape with the given extents; {@code of()} is the scalar shape. */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return dims.length;
    }

    /** The extent of dimension {@code axis}; a negative axis counts from the end ({@code -1} is the last). */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** The number of elements: the product of the extents (1 for a scalar). */
    public int size() {
        return size;
    }

    /** The extents as a new array. */
    public int[] toArray() {
        return dims.clone();
    }

    /** The extents themselves, not a copy, for reading in the kernels' calls: do not modify. */
    int[] dims() {
        return dims;
    }

    /**
     * {@code axis} as an index in {@code [0, rank)}; negative axes count from the end.
     *
     * @throws IllegalArgumentException if the axis is outside {@code [-rank, rank)}
     */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this
                    + " (rank " + dims.length + ")");
        }
        return a;
    }

    /**
     * The shape both {@code this} and {@code other} broadcast to, by NumPy's rules.
     *
     * @throws IllegalArgumentException naming both shapes if they do not broadcast
     */
    public Shape broadcast(Shape other) {
        if (this.equals(other)) {
            return this;
        }
        int rank = Math.max(rank(), other.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int a = extentFromEnd(i);
            int b = other.extentFromEnd(i);
            if (a != b && a != 1 && b != 1) {
                throw new IllegalArgumentException("shapes " + this + " and " + other + " do not broadcast: "
                        + a + " vs " + b + " at dimension " + (i + 1) + " from the end");
            }
            out[rank - 1 - i] = a == 1 ? b : a;
        }
        return new Shape(out);
    }

    /** True if a tensor of this shape can be broadcast (expanded) to {@code target}. */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        for (int i = 0; i < rank(); i++) {
            int a = extentFromEnd(i);
            if (a != 1 && a != target.extentFromEnd(i)) {
                return false;
            }
        }
        return true;
    }

    /** The extent of dimension {@code rank - 1 - i}, or 1 beyond the first dimension. */
    private int extentFromEnd(int i) {
        return i < dims.length ? dims[dims.length - 1 - i] : 1;
    }

    /** True if {@code o} is a shape with the same extents. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** The extents in brackets, as {@code [2, 3]}; {@code []} for a scalar. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
