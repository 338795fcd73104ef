package org.autodiff4j.sparse;

import java.util.Arrays;
import java.util.Objects;

/**
 * A matrix in compressed sparse rows (CSR): the entries of row i are at positions
 * {@code rowPointers()[i] .. rowPointers()[i + 1]} of {@link #columnIndices()} (increasing) and
 * {@link #values()}. Entries outside the pattern are 0. Immutable.
 *
 * <pre>{@code
 * SparseMatrix j = Sparse.jacobian(f, x).matrix();
 * j.get(3, 4);          // d f_3 / d x_4 (0 outside the pattern)
 * j.nnz();              // the number of stored entries
 * double[][] d = j.toDense();
 * }</pre>
 *
 * <p>A stored entry may be 0: the pattern is the one the function's structure allows, and a value
 * can still vanish at the point.
 */
public final class SparseMatrix {

    private final SparsityPattern pattern;
    private final double[] values;

    SparseMatrix(SparsityPattern pattern, double[] values) {
        this.pattern = pattern;
        this.values = values;
    }

    /**
     * The matrix with the given pattern and values, {@code values[k]} for the k-th entry in row-major
     * order (the order of {@link #columnIndices()}); the array is copied.
     *
     * @throws IllegalArgumentException if there is not one value per entry of the pattern
     */
    public static SparseMatrix of(SparsityPattern pattern, double... values) {
        Objects.requireNonNull(pattern, "pattern must not be null");
        Objects.requireNonNull(values, "values must not be null");
        if (values.length != pattern.nnz()) {
            throw new IllegalArgumentException("values has length " + values.length + ", expected " + pattern.nnz()
                    + " (one per entry of the pattern)");
        }
        return new SparseMatrix(pattern, values.clone());
    }

    /** The number of rows. */
    public int rows() {
        return pattern.rows();
    }

    /** The number of columns. */
    public int cols() {
        return pattern.cols();
    }

    /** The number of stored entries. */
    public int nnz() {
        return values.length;
    }

    /** Where the matrix may be nonzero. */
    public SparsityPattern pattern() {
        return pattern;
    }

    /**
     * Entry {@code (i, j)}: its stored value, or 0 outside the pattern.
     *
     * @throws IndexOutOfBoundsException if i or j is outside the matrix
     */
    public double get(int i, int j) {
        int k = pattern.find(i, j);
        return k >= 0 ? values[k] : 0;
    }

    /** The matrix as {@code double[rows][cols]}. */
    public double[][] toDense() {
        double[][] out = new double[rows()][cols()];
        for (int i = 0; i < rows(); i++) {
            for (int k = pattern.rowStart[i]; k < pattern.rowStart[i + 1]; k++) {
                out[i][pattern.colIndex[k]] = values[k];
            }
        }
        return out;
    }

    /** The CSR row pointers, {@code rows + 1} of them (a copy). */
    public int[] rowPointers() {
        return pattern.rowStart.clone();
    }

    /** The column index of each stored entry, row by row, increasing within a row (a copy). */
    public int[] columnIndices() {
        return pattern.colIndex.clone();
    }

    /** The value of each stored entry, in the order of {@link #columnIndices()} (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** {@code this * v}. */
    public double[] multiply(double... v) {
        Objects.requireNonNull(v, "v must not be null");
        if (v.length != cols()) {
            throw new IllegalArgumentException("v has length " + v.length + ", expected " + cols() + " (the number of columns)");
        }
        double[] out = new double[rows()];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int k = pattern.rowStart[i]; k < pattern.rowStart[i + 1]; k++) {
                s += values[k] * v[pattern.colIndex[k]];
            }
            out[i] = s;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseMatrix m && m.pattern.equals(pattern) && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * pattern.hashCode() + Arrays.hashCode(values);
    }

    /** The size and the number of entries; the entries too for up to 20 of them. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SparseMatrix(" + rows() + " x " + cols() + ", nnz " + nnz() + ")");
        if (nnz() <= 20) {
            for (int i = 0; i < rows(); i++) {
                for (int k = pattern.rowStart[i]; k < pattern.rowStart[i + 1]; k++) {
                    s.append(k == 0 ? " {" : ", ").append('(').append(i).append(", ").append(pattern.colIndex[k])
                            .append(") = ").append(values[k]);
                }
            }
            s.append(nnz() > 0 ? "}" : "");
        }
        return s.toString();
    }
}
