package org.autodiff4j.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Colorings of patterns whose optimum is known, and the errors. */
class ColoringTest {

    /** n x n with entries at |i - j| <= h. */
    static SparsityPattern band(int n, int h) {
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - h);
            int hi = Math.min(n - 1, i + h);
            rows[i] = new int[hi - lo + 1];
            for (int j = lo; j <= hi; j++) {
                rows[i][j - lo] = j;
            }
        }
        return SparsityPattern.of(n, rows);
    }

    @Test
    void bandedPatternsNeedTheirBandwidthInEveryOrder() {
        for (Coloring.Order order : Coloring.Order.values()) {
            for (int h = 0; h <= 3; h++) {
                assertThat(Coloring.count(Coloring.columns(band(200, h), order))).as("%s, h = %d", order, h).isEqualTo(2 * h + 1);
                assertThat(Coloring.count(Coloring.rows(band(200, h), order))).isEqualTo(2 * h + 1);
            }
        }
        assertThat(Coloring.columns(band(7, 1), Coloring.Order.NATURAL)).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void aPathNeedsThreeStarColorsAndAStarTwo() {
        // a path is 2-colorable, but 0-1-0-1 on four vertices is a two-colored path
        for (Coloring.Order order : Coloring.Order.values()) {
            assertThat(Coloring.count(Coloring.star(band(100, 1), order))).as(order.toString()).isEqualTo(3);
        }
        int n = 30;
        int[][] star = new int[n][];
        star[0] = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = 1; i < n; i++) {
            star[i] = new int[] {0, i};
        }
        for (Coloring.Order order : Coloring.Order.values()) {
            assertThat(Coloring.count(Coloring.star(SparsityPattern.of(n, star), order))).isEqualTo(2);
        }
    }

    @Test
    void emptyRowsAndColumnsGetNoColor() {
        SparsityPattern p = SparsityPattern.of(4, new int[] {1, 3}, new int[] {}, new int[] {3});
        assertThat(Coloring.columns(p, Coloring.Order.NATURAL)).containsExactly(-1, 0, -1, 1);
        assertThat(Coloring.rows(p, Coloring.Order.NATURAL)).containsExactly(0, -1, 1);
        assertThat(Coloring.star(SparsityPattern.of(2, new int[] {}, new int[] {1}), Coloring.Order.NATURAL)).containsExactly(-1, 0);
        assertThat(Coloring.count(new int[] {-1, -1})).isZero();
    }

    @Test
    void aRowHoldingEveryColumnGivesOneColorPerColumnAtOnce() {
        int n = 20_000; // the column intersection graph would have n^2 edges
        int[][] rows = new int[n][];
        rows[0] = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = 1; i < n; i++) {
            rows[i] = new int[] {i};
        }
        assertThat(Coloring.count(Coloring.columns(SparsityPattern.of(n, rows), Coloring.Order.SMALLEST_LAST))).isEqualTo(n);
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> Coloring.star(SparsityPattern.of(2, new int[] {1}, new int[] {}), Coloring.Order.NATURAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
        assertThatThrownBy(() -> Coloring.columns(null, Coloring.Order.NATURAL)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("pattern");
        assertThatThrownBy(() -> Coloring.rows(band(3, 1), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("order");
    }
}
