package org.autodiff4j.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.autodiff4j.Real;
import org.junit.jupiter.api.Test;

/** The CSR matrix and its pattern: access, conversions, and clear errors. */
class SparseMatrixTest {

    /** {{1, 0, 2}, {0, 0, 0}, {0, 3, 0}}. */
    private static final SparsityPattern P = SparsityPattern.of(3, new int[] {2, 0, 2}, new int[] {}, new int[] {1});
    private static final SparseMatrix M = SparseMatrix.of(P, 1, 2, 3);

    @Test
    void entriesAreStoredRowByRowWithSortedColumns() {
        assertThat(P.rows()).isEqualTo(3);
        assertThat(P.cols()).isEqualTo(3);
        assertThat(P.nnz()).as("repeats merged").isEqualTo(3);
        assertThat(P.row(0)).containsExactly(0, 2);
        assertThat(M.rowPointers()).containsExactly(0, 2, 2, 3);
        assertThat(M.columnIndices()).containsExactly(0, 2, 1);
        assertThat(M.values()).containsExactly(1, 2, 3);
        assertThat(M.nnz()).isEqualTo(3);
        assertThat(M.get(0, 2)).isEqualTo(2);
        assertThat(M.get(1, 1)).isZero();
        assertThat(M.toDense()).isDeepEqualTo(new double[][] {{1, 0, 2}, {0, 0, 0}, {0, 3, 0}});
        assertThat(M.multiply(1, 10, 100)).containsExactly(201, 0, 30);
    }

    @Test
    void patternsTransposeAndKnowWhetherTheyAreSymmetric() {
        assertThat(P.transpose().toDense()).isDeepEqualTo(new boolean[][] {{true, false, false}, {false, false, true}, {true, false, false}});
        assertThat(P.transpose().transpose()).isEqualTo(P);
        assertThat(P.isSymmetric()).isFalse();
        assertThat(SparsityPattern.of(2, new int[] {0, 1}, new int[] {0}).isSymmetric()).isTrue();
        assertThat(SparsityPattern.of(3, new int[] {0}).isSymmetric()).as("not square").isFalse();
        assertThat(P.toString()).startsWith("SparsityPattern(3 x 3, nnz 3)").contains("x.x\n...\n.x.");
        assertThat(M.toString()).isEqualTo("SparseMatrix(3 x 3, nnz 3) {(0, 0) = 1.0, (0, 2) = 2.0, (2, 1) = 3.0}");
    }

    @Test
    void detectionGivesThePatternsOfJacobiansAndHessians() {
        assertThat(SparsityPattern.ofJacobian(x -> new Real[] {x[0].mul(x[1]), x[2].sin()}, 1, 2, 3))
                .isEqualTo(SparsityPattern.of(3, new int[] {0, 1}, new int[] {2}));
        assertThat(SparsityPattern.ofHessian(x -> x[0].mul(x[1]).add(x[2].sin()), 1, 2, 3))
                .isEqualTo(SparsityPattern.of(3, new int[] {1}, new int[] {0}, new int[] {2}));
    }

    @Test
    void indicesOutsideTheMatrixAndMismatchedArraysAreClearErrors() {
        assertThatThrownBy(() -> M.get(3, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("row 3 is outside [0, 3)");
        assertThatThrownBy(() -> M.get(0, -1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("column -1 is outside [0, 3)");
        assertThatThrownBy(() -> P.contains(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row -1");
        assertThatThrownBy(() -> P.row(5)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row 5");
        assertThatThrownBy(() -> SparseMatrix.of(P, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values has length 2, expected 3 (one per entry of the pattern)");
        assertThatThrownBy(() -> SparsityPattern.of(2, new int[] {0, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 0 has column 2, expected one in [0, 2)");
        assertThatThrownBy(() -> SparsityPattern.of(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cols");
        assertThatThrownBy(() -> SparsityPattern.of(2, new int[] {0}, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("row 1 is null");
        assertThatThrownBy(() -> M.multiply(1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("v has length 2, expected 3 (the number of columns)");
    }

    @Test
    void theValuesAreCopiedInAndOut() {
        double[] values = {1, 2, 3};
        SparseMatrix m = SparseMatrix.of(P, values);
        values[0] = 99;
        m.values()[1] = 99;
        assertThat(m.get(0, 0)).isEqualTo(1);
        assertThat(m.get(0, 2)).isEqualTo(2);
        assertThat(m).isEqualTo(M).hasSameHashCodeAs(M);
    }
}
