package org.autodiff4j.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sweeps over sparse patterns (random density, some dense rows and columns) and every
 * order: the colorings are valid, checked here from their definitions, not from the algorithms.
 */
class ColoringProperties {

    private static final int CASES = 400;

    /** A random pattern of up to 40 x 40 entries, sometimes with a dense row or column. */
    static SparsityPattern randomPattern(SplittableRandom rng, int m, int n) {
        double density = rng.nextDouble(0.02, 0.3);
        int denseRow = rng.nextInt(4) == 0 ? rng.nextInt(m) : -1;
        int denseCol = rng.nextInt(4) == 0 ? rng.nextInt(n) : -1;
        int[][] rows = new int[m][];
        for (int i = 0; i < m; i++) {
            List<Integer> r = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (i == denseRow || j == denseCol || rng.nextDouble() < density) {
                    r.add(j);
                }
            }
            rows[i] = r.stream().mapToInt(Integer::intValue).toArray();
        }
        return SparsityPattern.of(n, rows);
    }

    /** A random symmetric pattern of n x n, with a random diagonal. */
    static SparsityPattern randomSymmetric(SplittableRandom rng, int n) {
        SparsityPattern p = randomPattern(rng, n, n);
        boolean[][] d = p.toDense();
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> r = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (d[i][j] || d[j][i]) {
                    r.add(j);
                }
            }
            rows[i] = r.stream().mapToInt(Integer::intValue).toArray();
        }
        return SparsityPattern.of(n, rows);
    }

    @Test
    void columnsThatShareARowNeverShareAColorAndRowsThatShareAColumnNeither() {
        SplittableRandom rng = new SplittableRandom(2005);
        for (int c = 0; c < CASES; c++) {
            SparsityPattern p = randomPattern(rng, 1 + rng.nextInt(40), 1 + rng.nextInt(40));
            for (Coloring.Order order : Coloring.Order.values()) {
                String what = order + " on " + p;
                int[] columns = Coloring.columns(p, order);
                assertThat(columns).hasSize(p.cols());
                assertDistinctWithinRows(p, columns, what);
                assertColoredExactlyWhereThereAreEntries(p.transpose(), columns, what);
                int[] rows = Coloring.rows(p, order);
                assertThat(rows).hasSize(p.rows());
                assertDistinctWithinRows(p.transpose(), rows, what);
                assertColoredExactlyWhereThereAreEntries(p, rows, what);
                // greedy never needs more than the most neighbours of one column plus one
                assertThat(Coloring.count(columns)).as(what).isLessThanOrEqualTo(maxIntersectionDegree(p) + 1);
            }
        }
    }

    @Test
    void starColoringsColorAdjacentVerticesApartAndEveryPathOnFourVerticesWithThreeColors() {
        SplittableRandom rng = new SplittableRandom(1984);
        for (int c = 0; c < CASES; c++) {
            SparsityPattern p = randomSymmetric(rng, 1 + rng.nextInt(40));
            for (Coloring.Order order : Coloring.Order.values()) {
                int[] color = Coloring.star(p, order);
                String what = order + " on " + p;
                assertColoredExactlyWhereThereAreEntries(p, color, what);
                for (int b = 0; b < p.rows(); b++) {
                    for (int c2 : neighbours(p, b)) {
                        if (color[b] == color[c2]) {
                            fail(what + ": adjacent " + b + ", " + c2 + " share a color");
                        }
                        // adjacent vertices differ, so a path a-b-c-d has two colors iff c(a) = c(c) and c(b) = c(d)
                        for (int a : neighbours(p, b)) {
                            if (a == c2 || color[a] != color[c2]) {
                                continue;
                            }
                            for (int d : neighbours(p, c2)) {
                                if (d != b && d != a && color[d] == color[b]) {
                                    fail(what + ": the path " + a + "-" + b + "-" + c2 + "-" + d + " has two colors");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int[] neighbours(SparsityPattern p, int v) {
        return java.util.Arrays.stream(p.row(v)).filter(u -> u != v).toArray();
    }

    @Test
    void everyEntryOfARandomSymmetricMatrixIsRecoveredExactlyFromItsStarCompressedProducts() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int c = 0; c < CASES; c++) {
            SparsityPattern p = randomSymmetric(rng, 1 + rng.nextInt(40));
            double[][] h = randomValues(rng, p, true);
            for (Coloring.Order order : Coloring.Order.values()) {
                int[] color = Coloring.star(p, order);
                double[][] products = new double[Coloring.count(color)][p.rows()];
                for (int i = 0; i < p.rows(); i++) {
                    for (int j : p.row(i)) {
                        products[color[j]][i] += h[i][j]; // (H s_c)_i, s_c the sum of the unit vectors of color c
                    }
                }
                double[][] recovered = new SparseMatrix(p, Sparse.recoverSymmetric(p, color, products)).toDense();
                assertThat(recovered).as(order + " on " + p).isDeepEqualTo(h);
            }
        }
    }

    @Test
    void everyEntryOfARandomJacobianIsRecoveredExactlyFromTheProductsOfTheCheapestPlan() {
        SplittableRandom rng = new SplittableRandom(1998);
        for (int c = 0; c < CASES; c++) {
            SparsityPattern p = randomPattern(rng, 1 + rng.nextInt(40), 1 + rng.nextInt(40));
            double[][] j = randomValues(rng, p, false);
            JacobianPlan plan = JacobianPlan.cheapest(p);
            double[][] byColumn = new double[p.rows()][Coloring.count(plan.columnColors())];
            double[][] byRow = new double[Coloring.count(plan.rowColors())][p.cols()];
            for (int r = 0; r < p.rows(); r++) {
                for (int k : p.row(r)) {
                    if (plan.reverse()[r]) {
                        byRow[plan.rowColors()[r]][k] += j[r][k];
                    } else {
                        byColumn[r][plan.columnColors()[k]] += j[r][k];
                    }
                }
            }
            double[][] recovered = new SparseMatrix(p, Sparse.recoverJacobian(p, plan, byColumn, byRow)).toDense();
            assertThat(recovered).as(p.toString()).isDeepEqualTo(j);
            // never worse than plain column or row coloring
            int columns = Coloring.count(Sparse.fewest(Coloring.Order.values(), o -> Coloring.columns(p, o)));
            int rows = Coloring.count(Sparse.fewest(Coloring.Order.values(), o -> Coloring.rows(p, o)));
            assertThat(plan.colors()).as(p.toString()).isLessThanOrEqualTo(Math.min(columns, rows));
        }
    }

    /** Random nonzero values on the pattern (symmetric if asked), 0 elsewhere. */
    private static double[][] randomValues(SplittableRandom rng, SparsityPattern p, boolean symmetric) {
        double[][] v = new double[p.rows()][p.cols()];
        for (int i = 0; i < p.rows(); i++) {
            for (int j : p.row(i)) {
                if (!symmetric || j >= i) {
                    v[i][j] = rng.nextDouble(0.5, 2) * (rng.nextBoolean() ? 1 : -1);
                    if (symmetric) {
                        v[j][i] = v[i][j];
                    }
                }
            }
        }
        return v;
    }

    private static void assertDistinctWithinRows(SparsityPattern p, int[] colors, String what) {
        for (int i = 0; i < p.rows(); i++) {
            Set<Integer> seen = new HashSet<>();
            for (int j : p.row(i)) {
                if (!seen.add(colors[j])) {
                    fail(what + ": row " + i + " holds two of color " + colors[j]);
                }
            }
        }
    }

    /** Colors 0..k-1 (each used) on the rows of t with entries, -1 on the others. */
    private static void assertColoredExactlyWhereThereAreEntries(SparsityPattern t, int[] colors, String what) {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < t.rows(); i++) {
            if (t.row(i).length == 0) {
                assertThat(colors[i]).as(what + ": " + i + " has no entries").isEqualTo(-1);
            } else {
                assertThat(colors[i]).as(what).isGreaterThanOrEqualTo(0);
                used.add(colors[i]);
            }
        }
        assertThat(used).hasSize(Coloring.count(colors));
    }

    private static int maxIntersectionDegree(SparsityPattern p) {
        SparsityPattern t = p.transpose();
        int max = 0;
        for (int j = 0; j < p.cols(); j++) {
            Set<Integer> neighbours = new HashSet<>();
            for (int r : t.row(j)) {
                for (int k : p.row(r)) {
                    if (k != j) {
                        neighbours.add(k);
                    }
                }
            }
            max = Math.max(max, neighbours.size());
        }
        return max;
    }
}
