package org.autodiff4j.sparse;

/**
 * A sparse Jacobian or Hessian and what it cost.
 *
 * @param matrix the derivative matrix; its pattern is the detected one, a superset of the nonzeros
 * @param colors the number of colors: the number of Jacobian-vector, vector-Jacobian or
 *     Hessian-vector products evaluated (the dense matrix needs as many as it has columns or rows)
 * @param method how the products were formed
 */
public record SparseResult(SparseMatrix matrix, int colors, Method method) {

    /** How a sparse derivative matrix was compressed into products. */
    public enum Method {
        /** Column coloring; one Jacobian-vector product per color, forward mode, 8 colors per pass. */
        FORWARD,
        /** Row coloring; one vector-Jacobian product per color, reverse mode, one recording. */
        REVERSE,
        /**
         * Dense rows by row coloring in reverse mode, the other rows by column coloring in forward
         * mode: each part avoids what makes the other expensive (a dense row needs one forward color
         * per column, a dense column one reverse color per row).
         */
        FORWARD_AND_REVERSE,
        /** Star coloring of a symmetric pattern; one Hessian-vector product per color. */
        STAR
    }
}
