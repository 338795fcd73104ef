package org.autodiff4j.sparse;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.VectorFn;

/**
 * Sparse Jacobians and Hessians: detect the pattern ({@link SparsityPattern#ofJacobian}), color it
 * ({@link Coloring}), evaluate one product per color, and read each entry off the products. The
 * cost is the number of colors, bounded by the structure, instead of the number of inputs.
 *
 * <pre>{@code
 * // tridiagonal: y_i = x_{i-1} - 2 x_i + x_{i+1}^2
 * SparseResult r = Sparse.jacobian(f, x);        // x of length 10^4
 * r.colors();                                    // 3
 * r.matrix().get(5, 6);                          // 2 x_6
 * }</pre>
 *
 * <p>Entries are exact, as in the dense modes (no differencing; rounding as in the dense modes up to
 * the order of sums): the columns (rows) of one color touch disjoint entries of the pattern, and
 * the pattern covers every nonzero, so each product holds each of its entries unmixed.
 *
 * <p>The pattern is the one at {@code x}: control flow, and the branches of {@code max},
 * {@code relu} and {@code abs}, follow the values at x (see {@link org.autodiff4j.Tracer}). f is
 * called a few times (detection, then the forward and reverse passes) and must return the same
 * number of outputs each time.
 */
public final class Sparse {

    private Sparse() {
    }

    /**
     * The Jacobian {@code J[r][i] = d f_r / d x_i} at x, sparse. Compression by columns (forward
     * mode), by rows (reverse mode), or the dense rows by rows and the rest by columns: whichever
     * needs the fewest colors. Each color costs one Jacobian-vector product (8 per forward pass) or
     * one backward sweep of a single recording.
     *
     * <pre>{@code Sparse.jacobian(x -> new Real[] {x[0].mul(x[1]), x[2].sin()}, 1, 2, 3);  // {{2, 1, 0}, {0, 0, cos 3}}: 1 color, reverse mode}</pre>
     *
     * @throws IllegalArgumentException if f returns null, a null output, or a different number of
     *     outputs on different calls
     */
    public static SparseResult jacobian(VectorFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        SparsityPattern p = SparsityPattern.ofJacobian(f, x);
        JacobianPlan plan = JacobianPlan.cheapest(p);
        int forward = Coloring.count(plan.columnColors());
        int reverse = Coloring.count(plan.rowColors());
        double[][] byColumn = forward == 0 ? null : compressedColumns(f, x, p.rows(), plan.columnColors(), forward);
        double[][] byRow = reverse == 0 ? null : compressedRows(f, x, p.rows(), plan.rowColors(), reverse);

        double[] values = recoverJacobian(p, plan, byColumn, byRow);
        SparseResult.Method method = reverse == 0 ? SparseResult.Method.FORWARD
                : forward == 0 ? SparseResult.Method.REVERSE : SparseResult.Method.FORWARD_AND_REVERSE;
        return new SparseResult(new SparseMatrix(p, values), forward + reverse, method);
    }

    /**
     * The Hessian {@code H[i][j] = d^2 f / dx_i dx_j} at x, sparse and exactly symmetric: a star
     * coloring of its pattern, and one Hessian-vector product ({@link AD#hvp}) per color.
     *
     * <pre>{@code Sparse.hessian(x -> x[0].mul(x[1]).add(x[2].sin()), 1, 2, 3);  // {{0, 1, 0}, {1, 0, 0}, {0, 0, -sin 3}}, 2 colors}</pre>
     *
     * @throws IllegalArgumentException if f returns null
     */
    public static SparseResult hessian(ScalarFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        SparsityPattern p = SparsityPattern.ofHessian(f, x);
        int[] color = fewest(Coloring.Order.values(), order -> Coloring.star(p, order));
        int colors = Coloring.count(color);
        double[][] products = new double[colors][];
        for (int c = 0; c < colors; c++) {
            products[c] = AD.hvp(f, x, seed(color, c));
        }

        double[] values = recoverSymmetric(p, color, products);
        return new SparseResult(new SparseMatrix(p, values), colors, SparseResult.Method.STAR);
    }

    // ---- recovery ------------------------------------------------------------------------------

    /**
     * The entries of the pattern, in CSR order, from {@code byColumn = J S} (m x colors, for the
     * forward rows) and {@code byRow = W^T J} (colors x n, for the reverse rows).
     */
    static double[] recoverJacobian(SparsityPattern p, JacobianPlan plan, double[][] byColumn, double[][] byRow) {
        double[] values = new double[p.nnz()];
        for (int r = 0; r < p.rows(); r++) {
            for (int k = p.rowStart[r]; k < p.rowStart[r + 1]; k++) {
                int j = p.colIndex[k];
                values[k] = plan.reverse()[r] ? byRow[plan.rowColors()[r]][j] : byColumn[r][plan.columnColors()[j]];
            }
        }
        return values;
    }

    /**
     * The entries of a symmetric pattern, in CSR order, from {@code products[c] = H s_c} for a star
     * coloring. H_ij is read from row i of the product of j's color if no other neighbour of i has
     * that color, else from row j of the product of i's color: a star coloring makes one of the
     * two hold (Coleman and Moré 1984). The diagonal is always direct (neighbours differ from i).
     * Both (i, j) and (j, i) get the same number, so the result is exactly symmetric.
     */
    static double[] recoverSymmetric(SparsityPattern p, int[] color, double[][] products) {
        double[] values = new double[p.nnz()];
        int[] seenBy = new int[products.length];
        int[] seen = new int[products.length];
        Arrays.fill(seenBy, -1);
        for (int i = 0; i < p.rows(); i++) {
            for (int k = p.rowStart[i]; k < p.rowStart[i + 1]; k++) {
                int c = color[p.colIndex[k]];
                seen[c] = seenBy[c] == i ? seen[c] + 1 : 1;
                seenBy[c] = i;
            }
            for (int k = p.rowStart[i]; k < p.rowStart[i + 1]; k++) {
                int j = p.colIndex[k];
                if (j >= i) {
                    double h = j == i || seen[color[j]] == 1 ? products[color[j]][i] : products[color[i]][j];
                    values[k] = h;
                    values[p.find(j, i)] = h;
                }
            }
        }
        return values;
    }

    // ---- products ------------------------------------------------------------------------------

    /**
     * {@code J S}, m x colors, where column c of S is the sum of the unit vectors of the inputs of
     * color c: the Jacobian of {@code z -> f(x + S z)} at {@code z = 0}, in forward mode. z is
     * -0.0 so that {@code x_j + z_c} is exactly {@code x_j}, also for {@code x_j = -0.0}.
     */
    private static double[][] compressedColumns(VectorFn f, double[] x, int m, int[] color, int colors) {
        double[] zero = new double[colors];
        Arrays.fill(zero, -0.0);
        return AD.jacfwd(z -> {
            Real[] shifted = new Real[x.length];
            for (int j = 0; j < x.length; j++) {
                shifted[j] = color[j] < 0 ? Real.of(x[j]) : Real.of(x[j]).add(z[color[j]]);
            }
            return outputs(f, shifted, m);
        }, zero);
    }

    /**
     * {@code W^T J}, colors x n, where column c of W is the sum of the unit vectors of the outputs
     * of color c: the Jacobian of the sums of the outputs of each color, in reverse mode.
     */
    private static double[][] compressedRows(VectorFn f, double[] x, int m, int[] color, int colors) {
        return AD.jacrev(in -> {
            Real[] y = outputs(f, in, m);
            Real[] sums = new Real[colors];
            for (int r = 0; r < m; r++) {
                int c = color[r];
                if (c >= 0) {
                    sums[c] = sums[c] == null ? y[r] : sums[c].add(y[r]);
                }
            }
            return sums;
        }, x);
    }

    private static Real[] outputs(VectorFn f, Real[] in, int m) {
        Real[] y = f.apply(in);
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return an array of Real");
        }
        if (y.length != m) {
            throw new IllegalArgumentException("f returned " + y.length + " outputs, and " + m
                    + " on an earlier call; it must return the same number every time");
        }
        for (int r = 0; r < m; r++) {
            if (y[r] == null) {
                throw new IllegalArgumentException("f returned null as output " + r + "; every output must be a Real");
            }
        }
        return y;
    }

    /** The sum of the unit vectors of the vertices of color c. */
    private static double[] seed(int[] color, int c) {
        double[] v = new double[color.length];
        for (int j = 0; j < color.length; j++) {
            v[j] = color[j] == c ? 1 : 0;
        }
        return v;
    }

    /** The coloring with the fewest colors over the orders (the first of them on a tie). */
    static int[] fewest(Coloring.Order[] orders, Function<Coloring.Order, int[]> coloring) {
        int[] best = null;
        for (Coloring.Order order : orders) {
            int[] c = coloring.apply(order);
            if (best == null || Coloring.count(c) < Coloring.count(best)) {
                best = c;
            }
        }
        return best;
    }
}
