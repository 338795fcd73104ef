package org.autodiff4j.sparse;

import java.util.Arrays;

/**
 * How to compress a Jacobian: which rows go to reverse mode (row coloring) and which to forward
 * mode (column coloring of the remaining rows), with the colorings.
 *
 * <p>A dense row forces one forward color per column it touches, a dense column one reverse color
 * per row; an arrowhead (a dense first row and column) defeats both. So the rows longer than a
 * threshold go to reverse mode and the rest to forward mode, a row-wise restriction of the
 * bidirectional colorings of Coleman and Verma ("The efficient computation of sparse Jacobian
 * matrices using automatic differentiation", SISC 19(4), 1998) that needs 3 colors for an
 * arrowhead. The thresholds tried put the 0, 1, 2, 4, ... longest rows (and all rows) in reverse
 * mode; they are colored in the order of a lower bound on their cost (the longest forward row plus
 * the longest column among the reverse rows), skipping those whose bound cannot beat the best.
 *
 * @param reverse per row: computed in reverse mode
 * @param columnColors per column: its color among the forward rows, or -1
 * @param rowColors per row: its color among the reverse rows, or -1
 */
record JacobianPlan(boolean[] reverse, int[] columnColors, int[] rowColors) {

    int colors() {
        return Coloring.count(columnColors) + Coloring.count(rowColors);
    }

    static JacobianPlan cheapest(SparsityPattern p) {
        int[] lengths = new int[p.rows()];
        for (int r = 0; r < lengths.length; r++) {
            lengths[r] = p.rowLength(r);
        }
        Arrays.sort(lengths); // the k-th longest row is lengths[m - 1 - k]
        int m = lengths.length;
        int nonEmpty = 0;
        while (nonEmpty < m && lengths[m - 1 - nonEmpty] > 0) {
            nonEmpty++;
        }

        // candidate thresholds: rows longer than t go to reverse mode, for about the k longest rows
        int[] thresholds = new int[34];
        int count = 0;
        for (long k = 0; k <= nonEmpty; k = k == 0 ? 1 : 2 * k) {
            thresholds[count++] = k < nonEmpty ? lengths[m - 1 - (int) k] : 0;
            if (k < nonEmpty && 2 * k > nonEmpty) {
                thresholds[count++] = 0; // all rows
            }
        }
        long[] bounds = new long[count];
        for (int c = 0; c < count; c++) {
            bounds[c] = (long) lowerBound(p, thresholds[c]) << 32 | c; // sort by bound, then by fewer reverse rows
        }
        Arrays.sort(bounds);

        JacobianPlan best = null;
        int[] tried = new int[count];
        int triedCount = 0;
        for (long b : bounds) {
            int t = thresholds[(int) b];
            if (best != null && (b >>> 32) >= best.colors() || Arrays.stream(tried, 0, triedCount).anyMatch(u -> u == t)) {
                continue;
            }
            tried[triedCount++] = t;
            JacobianPlan plan = split(p, t);
            if (best == null || plan.colors() < best.colors()) {
                best = plan;
            }
        }
        return best;
    }

    /** Rows longer than t in reverse mode, the rest in forward mode, each colored in its best order. */
    private static JacobianPlan split(SparsityPattern p, int t) {
        boolean[] reverse = new boolean[p.rows()];
        for (int r = 0; r < p.rows(); r++) {
            reverse[r] = p.rowLength(r) > t;
        }
        SparsityPattern forwardRows = keepRows(p, reverse, false);
        SparsityPattern reverseRows = keepRows(p, reverse, true);
        return new JacobianPlan(reverse,
                Sparse.fewest(Coloring.Order.values(), o -> Coloring.columns(forwardRows, o)),
                Sparse.fewest(Coloring.Order.values(), o -> Coloring.rows(reverseRows, o)));
    }

    /** The longest forward row plus the most reverse rows sharing a column: no coloring does better. */
    private static int lowerBound(SparsityPattern p, int t) {
        int longestForward = 0;
        int[] perColumn = new int[p.cols()];
        int longestColumn = 0;
        for (int r = 0; r < p.rows(); r++) {
            int length = p.rowLength(r);
            if (length <= t) {
                longestForward = Math.max(longestForward, length);
            } else {
                for (int k = p.rowStart[r]; k < p.rowStart[r + 1]; k++) {
                    longestColumn = Math.max(longestColumn, ++perColumn[p.colIndex[k]]);
                }
            }
        }
        return longestForward + longestColumn;
    }

    /** The rows r with {@code reverse[r] == keep}; the others empty. */
    private static SparsityPattern keepRows(SparsityPattern p, boolean[] reverse, boolean keep) {
        int[] start = new int[p.rows() + 1];
        int nnz = 0;
        for (int r = 0; r < p.rows(); r++) {
            nnz += reverse[r] == keep ? p.rowLength(r) : 0;
            start[r + 1] = nnz;
        }
        int[] index = new int[nnz];
        for (int r = 0; r < p.rows(); r++) {
            if (reverse[r] == keep) {
                System.arraycopy(p.colIndex, p.rowStart[r], index, start[r], p.rowLength(r));
            }
        }
        return new SparsityPattern(p.rows(), p.cols(), start, index);
    }
}
