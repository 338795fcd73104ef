package org.autodiff4j;

import java.util.Objects;

/**
 * Derivatives of functions written against {@link Real}: the entry point most users need.
 *
 * <pre>{@code
 * ScalarFn f = x -> x[0].mul(x[1]).add(x[0].sin());   // x1 x2 + sin x1
 * AD.grad(f, 2, 3);                                   // {x2 + cos x1, x1} = {2.5838..., 2}
 * AD.derivative(x -> x.mul(x).add(1).sin(), 0.5);      // 2x cos(x^2 + 1)
 * AD.jacobian(x -> new Real[] {x[0].mul(x[1]), x[0].exp()}, 1, 2);  // {{2, 1}, {e, 0}}
 * }</pre>
 *
 * <p>Which mode runs: gradients and vector-Jacobian products in reverse mode ({@link Var} on a
 * per-thread reusable {@link Tape}); derivatives of one input and Jacobian-vector products in forward
 * mode ({@link Dual}); Jacobians in forward mode by chunks of {@value #CHUNK} directions
 * ({@link DualVec}) or in reverse mode by rows, and {@link #jacobian} picks the one with fewer passes.
 * Jacobians are {@code double[outputs][inputs]}.
 *
 * <p>Every call opens a new differentiation level, so numbers of an enclosing call are constants
 * inside it.
 */
public final class AD {

    /** Directions per forward pass in {@link #jacfwd}. */
    static final int CHUNK = 8;

    private AD() {
    }

    // ---- gradients -----------------------------------------------------------------------------

    /**
     * The gradient of {@code f} at {@code x}, by one reverse pass.
     *
     * <pre>{@code AD.grad(x -> x[0].add(x[1]).mul(x[1].add(x[2]).log()), 1, 3, 6);  // {ln 9, ln 9 + 4/9, 4/9}}</pre>
     */
    public static double[] grad(ScalarFn f, double... x) {
        return valueAndGrad(f, x).gradient();
    }

    /** The value and the gradient of {@code f} at {@code x}, by one reverse pass. */
    public static ValueAndGrad valueAndGrad(ScalarFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Tape tape = Tapes.acquire();
        try {
            Var[] in = tape.variables(x);
            Real y = f.apply(in.clone());
            if (y == null) {
                throw new IllegalArgumentException("f returned null; it must return a Real");
            }
            double[] g = new double[x.length];
            if (dependsOn(tape, y, "f's result")) {
                tape.backward((Var) y);
                for (int i = 0; i < x.length; i++) {
                    g[i] = in[i].grad();
                }
            }
            return new ValueAndGrad(y.value(), g);
        } finally {
            Tapes.release(tape);
        }
    }

    /**
     * The derivative of {@code f} at {@code x}, by one forward pass.
     *
     * <pre>{@code AD.derivative(x -> x.mul(x).add(1).sin(), 0.5);  // 2 (0.5) cos(1.25)}</pre>
     */
    public static double derivative(UnaryFn f, double x) {
        Objects.requireNonNull(f, "f must not be null");
        long level = Levels.next();
        Real y = f.apply(new Dual(x, 1, level));
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return a Real");
        }
        return tangent(y, level, "f's result");
    }

    // ---- Jacobian products ---------------------------------------------------------------------

    /**
     * The Jacobian-vector product {@code J(x) v}, by one forward pass.
     *
     * @throws IllegalArgumentException if {@code v} is not as long as {@code x}
     */
    public static double[] jvp(VectorFn f, double[] x, double[] v) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(v, "v must not be null");
        if (v.length != x.length) {
            throw new IllegalArgumentException("jvp: v has length " + v.length + ", expected " + x.length + " (the length of x)");
        }
        long level = Levels.next();
        Real[] in = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = new Dual(x[i], v[i], level);
        }
        Real[] y = outputs(f, in);
        double[] out = new double[y.length];
        for (int r = 0; r < y.length; r++) {
            out[r] = tangent(y[r], level, "output " + r);
        }
        return out;
    }

    /**
     * The vector-Jacobian product {@code w^T J(x)}, by one reverse pass.
     *
     * @throws IllegalArgumentException if {@code w} is not as long as {@code f}'s output
     */
    public static double[] vjp(VectorFn f, double[] x, double[] w) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(w, "w must not be null");
        Tape tape = Tapes.acquire();
        try {
            Var[] in = tape.variables(x);
            Real[] y = outputs(f, in.clone());
            if (w.length != y.length) {
                throw new IllegalArgumentException("vjp: w has length " + w.length + ", expected " + y.length
                        + " (the number of outputs of f)");
            }
            int live = 0;
            Var[] seeded = new Var[y.length];
            double[] seeds = new double[y.length];
            for (int r = 0; r < y.length; r++) {
                if (dependsOn(tape, y[r], "output " + r)) {
                    seeded[live] = (Var) y[r];
                    seeds[live++] = w[r];
                }
            }
            double[] out = new double[x.length];
            if (live > 0) {
                tape.backward(java.util.Arrays.copyOf(seeded, live), java.util.Arrays.copyOf(seeds, live));
                for (int i = 0; i < x.length; i++) {
                    out[i] = in[i].grad();
                }
            }
            return out;
        } finally {
            Tapes.release(tape);
        }
    }

    // ---- Jacobians -----------------------------------------------------------------------------

    /** The Jacobian {@code J[r][i] = d f_r / d x_i} in forward mode: {@code ceil(n / 8)} passes. */
    public static double[][] jacfwd(VectorFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        int n = x.length;
        double[][] jac = null;
        for (int start = 0; start < n || jac == null; start += CHUNK) {
            int k = Math.max(1, Math.min(CHUNK, n - start));
            long level = Levels.next();
            Real[] in = new Real[n];
            for (int i = 0; i < n; i++) {
                double[] t = new double[k];
                if (i >= start && i < start + k) {
                    t[i - start] = 1;
                }
                in[i] = new DualVec(x[i], t, level);
            }
            Real[] y = outputs(f, in);
            if (jac == null) {
                jac = new double[y.length][n];
            } else if (y.length != jac.length) {
                throw new IllegalArgumentException("f returned " + y.length + " outputs, and " + jac.length
                        + " on an earlier call; it must return the same number every time");
            }
            for (int r = 0; r < y.length; r++) {
                for (int j = 0; j < k && start + j < n; j++) {
                    jac[r][start + j] = tangent(y[r], level, j, "output " + r);
                }
            }
        }
        return jac;
    }

    /** The Jacobian {@code J[r][i] = d f_r / d x_i} in reverse mode: one recording, one backward sweep per output. */
    public static double[][] jacrev(VectorFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Tape tape = Tapes.acquire();
        try {
            Var[] in = tape.variables(x);
            return rows(tape, in, outputs(f, in.clone()));
        } finally {
            Tapes.release(tape);
        }
    }

    /**
     * The Jacobian {@code J[r][i] = d f_r / d x_i}, in the mode with fewer passes: reverse (one per
     * output) when there are at most as many outputs as inputs, forward (one per 8 inputs) otherwise.
     */
    public static double[][] jacobian(VectorFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Tape tape = Tapes.acquire();
        try {
            Var[] in = tape.variables(x);
            Real[] y = outputs(f, in.clone());
            int forwardPasses = (x.length + CHUNK - 1) / CHUNK;
            if (y.length <= forwardPasses || y.length <= x.length && forwardPasses > 1) {
                return rows(tape, in, y);
            }
        } finally {
            Tapes.release(tape);
        }
        return jacfwd(f, x);
    }

    // ---- control of derivatives ----------------------------------------------------------------

    /**
     * {@code cond ? a : b}, where the branch not taken gets an exact zero derivative, even where it
     * is NaN or infinite: {@code where(x.gt(0), x.sqrt(), Real.of(0))} has derivative 0 at x = 0.
     */
    public static Real where(boolean cond, Real a, Real b) {
        Objects.requireNonNull(a, "where: a must not be null");
        Objects.requireNonNull(b, "where: b must not be null");
        return cond ? a : b;
    }

    /** The value of {@code x} as a constant: the same value, derivative 0 in every mode. */
    public static Real stopGradient(Real x) {
        Objects.requireNonNull(x, "stopGradient: x must not be null");
        return Real.of(x.value());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Real[] outputs(VectorFn f, Real[] in) {
        Real[] y = f.apply(in);
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return an array of Real");
        }
        for (int r = 0; r < y.length; r++) {
            if (y[r] == null) {
                throw new IllegalArgumentException("f returned null as output " + r + "; every output must be a Real");
            }
        }
        return y;
    }

    private static double[][] rows(Tape tape, Var[] in, Real[] y) {
        double[][] jac = new double[y.length][in.length];
        for (int r = 0; r < y.length; r++) {
            if (dependsOn(tape, y[r], "output " + r)) {
                tape.backward((Var) y[r]);
                for (int i = 0; i < in.length; i++) {
                    jac[r][i] = in[i].grad();
                }
            }
        }
        return jac;
    }

    /**
     * True if {@code y} was recorded on {@code tape}; false if it is a constant for it (a number of
     * a lower level); an error if it belongs to an inner differentiation that has ended.
     */
    private static boolean dependsOn(Tape tape, Real y, String what) {
        if (y instanceof Var v && v.tape == tape) {
            return true;
        }
        requireNotInner(Levels.of(y), tape.level(), what);
        return false;
    }

    private static double tangent(Real y, long level, String what) {
        if (y instanceof Dual d && d.level == level) {
            return d.tangent();
        }
        requireNotInner(Levels.of(y), level, what);
        return 0;
    }

    private static double tangent(Real y, long level, int direction, String what) {
        if (y instanceof DualVec v && v.level == level) {
            return v.tangent(direction);
        }
        requireNotInner(Levels.of(y), level, what);
        return 0;
    }

    private static void requireNotInner(long found, long level, String what) {
        if (found >= level) {
            throw new IllegalArgumentException(what + " is a number of another differentiation (an inner call"
                    + " that has ended, or another tape); return numbers computed from f's inputs");
        }
    }
}
