package org.autodiff4j;

import java.util.Arrays;
import java.util.Objects;

/**
 * A number that records which inputs it depends on: sparsity detection for Jacobians and Hessians.
 * Running a function once on tracers gives, for each output, the set of inputs it depends on (a
 * row of the Jacobian's sparsity pattern), and, for second order, the pairs of inputs that
 * interact nonlinearly (the Hessian's pattern).
 *
 * <pre>{@code
 * VectorFn f = x -> new Real[] {x[0].mul(x[1]), x[2].sin()};
 * Tracer.jacobianPattern(f, 1, 2, 3);           // {{0, 1}, {2}}
 * ScalarFn g = x -> x[0].mul(x[1]).add(x[2].sin());
 * Tracer.hessianPattern(g, 1, 2, 3);            // {{1}, {0}, {2}}: H01 = H10 = 1, H22 = -sin x2
 * }</pre>
 *
 * <p>A tracer carries its value, so control flow runs as it would on doubles and the pattern is
 * the one at this point (local sparsity, as SparseConnectivityTracer.jl's local tracers; Hill and
 * Dalle, "Sparser, better, faster, stronger: sparsity detection for efficient automatic
 * differentiation", 2025). The rules per op:
 * <ul>
 *   <li>Dependencies: the union of the operands', except for the piecewise-linear ops ({@code abs
 *       sign floor ceil round relu max min}), where an operand whose partial is 0 at this point
 *       (the unselected side of {@code max}, {@code relu} of a negative number, every {@code floor})
 *       contributes none. This mirrors {@link Chain#times}: a zero partial stops the derivative
 *       exactly in every mode, so the pattern is a superset of the nonzeros every mode computes.
 *   <li>Interactions, in one set shared by the whole detection, updated where an op's second
 *       derivative is not identically 0 (a global set of nonlinear interactions, as Walther,
 *       "Computing sparse Hessians with automatic differentiation", ACM TOMS 34(1), 2008): a unary
 *       nonlinear {@code f(u)} adds {@code deps(u) x deps(u)}; {@code u * v} adds
 *       {@code deps(u) x deps(v)} (its second derivative in u alone and in v alone is 0);
 *       {@code u / v} adds {@code deps(u) x deps(v)} and {@code deps(v) x deps(v)}; every other
 *       binary op ({@code pow atan2 hypot}) adds {@code (deps(u) + deps(v))^2}. Linear ops
 *       ({@code add sub neg}, products with constants) and the piecewise-linear ones add none. An op
 *       this class does not know counts as nonlinear: the pattern stays a superset.
 * </ul>
 * By the second-order chain rule {@code H(f(u)) = f'' grad u grad u^T + f' H(u)} the set then
 * holds the pattern of the Hessian of every number computed; restricted to the inputs the output
 * depends on, it is a superset of the output's Hessian pattern (interactions of computations that
 * do not reach the output are the price of sharing one set).
 *
 * <p>Cost: an op costs the sizes of its operands' sets (sorted {@code int[]}s, shared between
 * numbers and merged in linear time), never the number of inputs; a union of large sets is merged
 * lazily, once, when its elements are needed, so a sum of n terms costs O(n), not O(n^2). A
 * nonlinear op of second-order detection also costs the square of its set, which is the size of
 * the Hessian block it creates.
 *
 * <p>Levels: detection opens a new level like any differentiation call; a number of a lower level
 * is a constant for a tracer whatever derivatives it carries, since a tracer only records dependence
 * on its own inputs.
 */
public final class Tracer implements Real {

    private final double value;
    /** The input indices; shared between numbers. */
    private final IndexSet deps;
    /** The interactions of this detection, or null when only first order is traced. */
    private final Interactions interactions;
    final long level;

    private Tracer(double value, IndexSet deps, Interactions interactions, long level) {
        this.value = value;
        this.deps = deps;
        this.interactions = interactions;
        this.level = level;
    }

    // ---- detection -----------------------------------------------------------------------------

    /**
     * The sparsity pattern of the Jacobian of {@code f} at {@code x}: row r lists, in increasing
     * order, the inputs that output r depends on. A superset of the nonzeros of
     * {@link AD#jacobian} at x. One evaluation of f.
     *
     * <pre>{@code Tracer.jacobianPattern(x -> new Real[] {x[0].mul(x[1]), x[2].sin()}, 1, 2, 3);  // {{0, 1}, {2}}}</pre>
     *
     * @throws IllegalArgumentException if f returns null or a null output, or an output that is a
     *     number of another differentiation
     */
    public static int[][] jacobianPattern(VectorFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        long level = Levels.next();
        Real[] y = f.apply(inputs(x, null, level));
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return an array of Real");
        }
        int[][] rows = new int[y.length][];
        for (int r = 0; r < y.length; r++) {
            rows[r] = dependencies(y[r], level, "output " + r).elements().clone();
        }
        return rows;
    }

    /**
     * The sparsity pattern of the Hessian of {@code f} at {@code x}: row i lists, in increasing
     * order, the j with possibly {@code d^2 f / dx_i dx_j != 0}; symmetric, with i in row i only
     * where the second derivative in x_i alone may be nonzero. A superset of the nonzeros of
     * {@link AD#hessian} at x. One evaluation of f.
     *
     * <pre>{@code Tracer.hessianPattern(x -> x[0].mul(x[1]).add(x[2].sin()), 1, 2, 3);  // {{1}, {0}, {2}}}</pre>
     *
     * @throws IllegalArgumentException if f returns null or a number of another differentiation
     */
    public static int[][] hessianPattern(ScalarFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        long level = Levels.next();
        Interactions interactions = new Interactions();
        Real y = f.apply(inputs(x, interactions, level));
        return interactions.restrictedTo(dependencies(y, level, "f's result").elements(), x.length);
    }

    private static Tracer[] inputs(double[] x, Interactions interactions, long level) {
        Tracer[] in = new Tracer[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = new Tracer(x[i], IndexSet.of(i), interactions, level);
        }
        return in;
    }

    private static IndexSet dependencies(Real y, long level, String what) {
        if (y == null) {
            throw new IllegalArgumentException("f returned null as " + what + "; it must return a Real");
        }
        if (y instanceof Tracer t && t.level == level) {
            return t.deps;
        }
        if (Levels.of(y) >= level) {
            throw new IllegalArgumentException(what + " is a number of another differentiation (an inner call"
                    + " that has ended); return numbers computed from f's inputs");
        }
        return IndexSet.EMPTY; // a number of an enclosing level: a constant here
    }

    // ---- the number ----------------------------------------------------------------------------

    @Override
    public double value() {
        return value;
    }

    /** The inputs this number depends on, in increasing order (a copy). */
    public int[] dependencies() {
        return deps.elements().clone();
    }

    boolean isConstant() {
        return deps.isEmpty();
    }

    @Override
    public Real apply(Op op) {
        double f = op.value(value);
        if (isPiecewiseLinear(op)) {
            return next(f, stops(op.d(value, f)) ? IndexSet.EMPTY : deps);
        }
        if (op != Op.NEG && interactions != null) {
            interactions.square(deps);
        }
        return next(f, deps);
    }

    @Override
    public Real apply(Op op, Real y) {
        if (y instanceof Tracer t && t.level == level) {
            return combine(op, value, deps, t.value, t.deps);
        }
        if (y instanceof Constant(double c)) {
            return withConstantRight(op, c);
        }
        return Levels.mixed(op, this, y);
    }

    /** {@code op(this, c)} for a constant c: a tracer without dependencies. */
    Tracer withConstantRight(Op op, double c) {
        return combine(op, value, deps, c, IndexSet.EMPTY);
    }

    /** {@code op(c, this)} for a constant c. */
    Tracer withConstantLeft(Op op, double c) {
        return combine(op, c, IndexSet.EMPTY, value, deps);
    }

    /** {@code op(a, b)}, where a and b depend on the inputs {@code da} and {@code db} (empty for a constant). */
    private Tracer combine(Op op, double a, IndexSet da, double b, IndexSet db) {
        double f = op.value(a, b);
        if (isPiecewiseLinear(op)) {
            return next(f, IndexSet.union(stops(op.dx(a, b, f)) ? IndexSet.EMPTY : da, stops(op.dy(a, b, f)) ? IndexSet.EMPTY : db));
        }
        IndexSet d = IndexSet.union(da, db);
        if (interactions != null) {
            switch (op) {
                case ADD, SUB -> { }
                case MUL -> interactions.cross(da, db);
                case DIV -> {
                    interactions.cross(da, db);
                    interactions.square(db);
                }
                default -> interactions.square(d);
            }
        }
        return next(f, d);
    }

    private Tracer next(double f, IndexSet d) {
        return new Tracer(f, d, interactions, level);
    }

    /**
     * The ops that are linear between kinks or steps: their second derivative is 0 wherever it
     * exists, and the partial at this point says whether the operand matters at all.
     */
    private static boolean isPiecewiseLinear(Op op) {
        return switch (op) {
            case ABS, SIGN, FLOOR, CEIL, ROUND, RELU, MAX, MIN -> true;
            default -> false;
        };
    }

    /**
     * True if a partial stops the derivative exactly: 0, not NaN (see {@link Chain#times}).
     *
     * <p>NOTE: only the piecewise-linear ops ask: their partial is constant between kinks, so a 0
     * holds near x too, and the pattern stays the one of a neighbourhood (except at a kink, where it
     * follows the op's convention as every mode does). A smooth op's partial that happens to be 0
     * here ({@code cos'(0)}, a product with the constant 0) keeps its operands: the pattern is
     * structural, not the numerical zeros at one point.
     */
    private static boolean stops(double partial) {
        return partial == 0;
    }

    @Override
    public String toString() {
        return "Tracer(" + value + ", " + deps + ")";
    }

    /**
     * The pairs of inputs that interact nonlinearly somewhere in one detection: a set of
     * {@code (i, j)} with {@code i <= j}, as longs in an open-addressing table (no boxing).
     */
    private static final class Interactions {

        private static final long EMPTY = -1;

        private long[] table = filled(64);
        private int size;
        /** The set squared last: chains of unary ops share one array, which need not be squared again. */
        private int[] lastSquared;

        private static long[] filled(int n) {
            long[] t = new long[n];
            Arrays.fill(t, EMPTY);
            return t;
        }

        void square(IndexSet set) {
            if (set.isEmpty()) {
                return;
            }
            int[] d = set.elements();
            if (d == lastSquared) {
                return;
            }
            for (int a = 0; a < d.length; a++) {
                for (int b = a; b < d.length; b++) {
                    add(d[a], d[b]);
                }
            }
            lastSquared = d;
        }

        void cross(IndexSet a, IndexSet b) {
            if (a.isEmpty() || b.isEmpty()) {
                return;
            }
            int[] db = b.elements();
            for (int i : a.elements()) {
                for (int j : db) {
                    add(Math.min(i, j), Math.max(i, j));
                }
            }
        }

        private void add(int i, int j) {
            long key = (long) i << 32 | j;
            int mask = table.length - 1;
            int slot = hash(key) & mask;
            while (table[slot] != EMPTY) {
                if (table[slot] == key) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = key;
            if (++size * 2 > table.length) {
                grow();
            }
        }

        private void grow() {
            long[] old = table;
            table = filled(old.length * 2);
            int mask = table.length - 1;
            for (long key : old) {
                if (key != EMPTY) {
                    int slot = hash(key) & mask;
                    while (table[slot] != EMPTY) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = key;
                }
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ h >>> 32);
        }

        /** The symmetric pattern of the pairs whose both inputs are in {@code deps}, as sorted rows of n. */
        int[][] restrictedTo(int[] deps, int n) {
            boolean[] in = new boolean[n];
            for (int i : deps) {
                in[i] = true;
            }
            int[] count = new int[n];
            for (long key : table) {
                int i = (int) (key >>> 32);
                int j = (int) key;
                if (key != EMPTY && in[i] && in[j]) {
                    count[i]++;
                    count[j] += i == j ? 0 : 1;
                }
            }
            int[][] rows = new int[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = new int[count[i]];
                count[i] = 0;
            }
            for (long key : table) {
                int i = (int) (key >>> 32);
                int j = (int) key;
                if (key != EMPTY && in[i] && in[j]) {
                    rows[i][count[i]++] = j;
                    if (i != j) {
                        rows[j][count[j]++] = i;
                    }
                }
            }
            for (int[] row : rows) {
                Arrays.sort(row);
            }
            return rows;
        }
    }
}
