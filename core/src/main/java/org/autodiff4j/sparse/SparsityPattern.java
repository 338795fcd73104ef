package org.autodiff4j.sparse;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.Tracer;
import org.autodiff4j.VectorFn;

/**
 * Where a matrix may be nonzero: compressed sparse rows without values. Immutable.
 *
 * <pre>{@code
 * SparsityPattern p = SparsityPattern.ofJacobian(x -> new Real[] {x[0].mul(x[1]), x[2].sin()}, 1, 2, 3);
 * p.contains(0, 1);     // true
 * p.row(1);             // {2}
 * p.nnz();              // 3
 * }</pre>
 *
 * <p>{@link #ofJacobian} and {@link #ofHessian} detect the pattern of a function's derivatives by
 * running it once on {@link Tracer}s: the result holds every entry that may be nonzero at that
 * point (a superset: an entry may still be 0 there).
 */
public final class SparsityPattern {

    private final int rows;
    private final int cols;
    /** Row i's column indices are {@code colIndex[rowStart[i] .. rowStart[i + 1])}, increasing. */
    final int[] rowStart;
    final int[] colIndex;

    SparsityPattern(int rows, int cols, int[] rowStart, int[] colIndex) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.colIndex = colIndex;
    }

    /**
     * The pattern with {@code rowEntries[i]} the columns of row i (any order, repeats allowed).
     *
     * @throws IllegalArgumentException if a column index is outside {@code [0, cols)} or cols is negative
     */
    public static SparsityPattern of(int cols, int[]... rowEntries) {
        Objects.requireNonNull(rowEntries, "rowEntries must not be null");
        if (cols < 0) {
            throw new IllegalArgumentException("cols must be at least 0, got " + cols);
        }
        int[][] sorted = new int[rowEntries.length][];
        int nnz = 0;
        for (int i = 0; i < rowEntries.length; i++) {
            if (rowEntries[i] == null) {
                throw new NullPointerException("row " + i + " is null");
            }
            int[] r = rowEntries[i].clone();
            Arrays.sort(r);
            int k = 0;
            for (int j = 0; j < r.length; j++) {
                if (r[j] < 0 || r[j] >= cols) {
                    throw new IllegalArgumentException("row " + i + " has column " + r[j] + ", expected one in [0, " + cols + ")");
                }
                if (k == 0 || r[j] != r[k - 1]) {
                    r[k++] = r[j];
                }
            }
            sorted[i] = Arrays.copyOf(r, k);
            nnz += k;
        }
        int[] start = new int[rowEntries.length + 1];
        int[] index = new int[nnz];
        for (int i = 0; i < sorted.length; i++) {
            System.arraycopy(sorted[i], 0, index, start[i], sorted[i].length);
            start[i + 1] = start[i] + sorted[i].length;
        }
        return new SparsityPattern(rowEntries.length, cols, start, index);
    }

    /**
     * The pattern of the Jacobian of {@code f} at {@code x} ({@code outputs x inputs}), by one
     * evaluation on {@link Tracer}s: see {@link Tracer#jacobianPattern}.
     */
    public static SparsityPattern ofJacobian(VectorFn f, double... x) {
        return of(Objects.requireNonNull(x, "x must not be null").length, Tracer.jacobianPattern(f, x));
    }

    /**
     * The symmetric pattern of the Hessian of {@code f} at {@code x}, by one evaluation on
     * {@link Tracer}s: see {@link Tracer#hessianPattern}.
     */
    public static SparsityPattern ofHessian(ScalarFn f, double... x) {
        return of(Objects.requireNonNull(x, "x must not be null").length, Tracer.hessianPattern(f, x));
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int cols() {
        return cols;
    }

    /** The number of entries that may be nonzero. */
    public int nnz() {
        return colIndex.length;
    }

    /**
     * True if entry {@code (i, j)} may be nonzero.
     *
     * @throws IndexOutOfBoundsException if i or j is outside the matrix
     */
    public boolean contains(int i, int j) {
        return find(i, j) >= 0;
    }

    /** The columns of row i, increasing (a copy). */
    public int[] row(int i) {
        checkRow(i);
        return Arrays.copyOfRange(colIndex, rowStart[i], rowStart[i + 1]);
    }

    /** The pattern of the transpose. */
    public SparsityPattern transpose() {
        int[] start = new int[cols + 1];
        for (int j : colIndex) {
            start[j + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            start[j + 1] += start[j];
        }
        int[] fill = Arrays.copyOf(start, cols);
        int[] index = new int[colIndex.length];
        for (int i = 0; i < rows; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                index[fill[colIndex[k]]++] = i; // rows visited in increasing order: each column stays sorted
            }
        }
        return new SparsityPattern(cols, rows, start, index);
    }

    /** True if the pattern is square and contains (j, i) whenever it contains (i, j). */
    public boolean isSymmetric() {
        if (rows != cols) {
            return false;
        }
        SparsityPattern t = transpose();
        return Arrays.equals(rowStart, t.rowStart) && Arrays.equals(colIndex, t.colIndex);
    }

    /** The pattern as a dense matrix of booleans. */
    public boolean[][] toDense() {
        boolean[][] out = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                out[i][colIndex[k]] = true;
            }
        }
        return out;
    }

    /** The position of (i, j) in {@link #colIndex}, or a negative number if it is not in the pattern. */
    int find(int i, int j) {
        checkRow(i);
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " is outside [0, " + cols + ")");
        }
        int k = Arrays.binarySearch(colIndex, rowStart[i], rowStart[i + 1], j);
        return k >= 0 ? k : -1;
    }

    int rowLength(int i) {
        return rowStart[i + 1] - rowStart[i];
    }

    private void checkRow(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " is outside [0, " + rows + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparsityPattern p && p.rows == rows && p.cols == cols
                && Arrays.equals(p.rowStart, rowStart) && Arrays.equals(p.colIndex, colIndex);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rowStart) + Arrays.hashCode(colIndex);
    }

    /** The size and the number of entries; the entries too for patterns of up to 40 x 40, as a picture of {@code x} and {@code .}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SparsityPattern(" + rows + " x " + cols + ", nnz " + nnz() + ")");
        if (rows <= 40 && cols <= 40) {
            for (boolean[] row : toDense()) {
                s.append('\n');
                for (boolean b : row) {
                    s.append(b ? 'x' : '.');
                }
            }
        }
        return s.toString();
    }
}
