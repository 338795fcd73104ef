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
            Real y = call(f, in);
            double[] g = new double[x.length];
            if (dependsOn(tape, y, "f's result")) {
                tape.backward((Var) y);
                for (int i = 0; i < x.length; i++) {
                    g[i] = tape.adjointAt(i + 1);
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
        Real y = call(f, new Dual(x, 1, level));
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
        requireLength("jvp", "v", v.length, x.length);
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
            Real[] y = outputs(f, in);
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
                    out[i] = tape.adjointAt(i + 1);
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
            return rows(tape, in, outputs(f, in));
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
            Real[] y = outputs(f, in);
            int forwardPasses = (x.length + CHUNK - 1) / CHUNK;
            if (y.length <= forwardPasses || y.length <= x.length && forwardPasses > 1) {
                return rows(tape, in, y);
            }
        } finally {
            Tapes.release(tape);
        }
        return jacfwd(f, x);
    }

    // ---- second order --------------------------------------------------------------------------

    /**
     * The Hessian {@code H[i][j] = d^2 f / dx_i dx_j}: n Hessian-vector products with the unit
     * vectors (see {@link #hvp(ScalarFn, double[], double[])}). Symmetric up to rounding.
     *
     * <pre>{@code AD.hessian(x -> x[0].mul(x[0]).mul(x[1]), 1, 2);   // {{2 x1, 2 x0}, {2 x0, 0}} = {{4, 2}, {2, 0}}}</pre>
     */
    public static double[][] hessian(ScalarFn f, double... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        double[][] h = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            h[j] = gradientOfDirectionalDerivative(f, x, unit(x.length, j));
        }
        return h;
    }

    /**
     * The Hessian-vector product {@code H(x) v} in one pass, without forming H: the gradient (reverse
     * mode) of the directional derivative {@code grad f . v} (forward mode, {@link Nested} over
     * {@link Var}). This reverse-over-forward order costs what forward-over-reverse costs, a small
     * multiple of one gradient, and reuses the double-valued tape.
     *
     * @throws IllegalArgumentException if {@code v} is not as long as {@code x}
     */
    public static double[] hvp(ScalarFn f, double[] x, double[] v) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(v, "v must not be null");
        requireLength("hvp", "v", v.length, x.length);
        Real[] dir = new Real[v.length];
        for (int i = 0; i < v.length; i++) {
            dir[i] = Real.of(v[i]);
        }
        return gradientOfDirectionalDerivative(f, x, dir);
    }

    private static double[] gradientOfDirectionalDerivative(ScalarFn f, double[] x, Real[] v) {
        Tape tape = Tapes.acquire();
        try {
            Var[] in = tape.variables(x);
            long level = Levels.next();
            Real[] seeded = new Real[x.length];
            for (int i = 0; i < x.length; i++) {
                seeded[i] = new Nested(in[i], v[i], level);
            }
            Real y = call(f, seeded);
            Real slope = nestedTangent(y, level, "f's result");
            double[] out = new double[x.length];
            if (dependsOn(tape, slope, "f's result")) {
                tape.backward((Var) slope);
                for (int i = 0; i < x.length; i++) {
                    out[i] = tape.adjointAt(i + 1);
                }
            }
            return out;
        } finally {
            Tapes.release(tape);
        }
    }

    /**
     * A mixed partial derivative of any order at {@code x}: {@code orders[i]} derivatives in input i.
     * {@code AD.partial(f, new double[] {x, y}, 1, 2)} is {@code d^3 f / dx dy^2}. By nesting
     * forward mode, so its cost grows as 2^(total order).
     */
    public static double partial(ScalarFn f, double[] x, int... orders) {
        Objects.requireNonNull(x, "x must not be null");
        Real[] in = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = Real.of(x[i]);
        }
        return partial(f, in, orders).value();
    }

    /** {@link #partial(ScalarFn, double[], int...)} with {@code Real} inputs: nestable. */
    public static Real partial(ScalarFn f, Real[] x, int... orders) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(orders, "orders must not be null");
        if (orders.length != x.length) {
            throw new IllegalArgumentException("partial: " + orders.length + " orders for " + x.length + " inputs; give one order per input");
        }
        for (int i = 0; i < orders.length; i++) {
            if (orders[i] < 0) {
                throw new IllegalArgumentException("partial: orders[" + i + "] is " + orders[i] + "; orders must be >= 0");
            }
            if (orders[i] > 0) {
                int axis = i;
                int[] rest = orders.clone();
                rest[axis]--;
                return derivative(t -> {
                    Real[] moved = x.clone();
                    moved[axis] = t;
                    return partial(f, moved, rest);
                }, x[axis]);
            }
        }
        Real y = call(f, x.clone());
        return y;
    }

    // ---- Taylor mode -----------------------------------------------------------------------------

    /**
     * All derivatives of {@code f} at {@code x} up to {@code order}, {@code {f(x), f'(x), ..., f^(order)(x)}},
     * in one Taylor-mode pass ({@link Jet}), O(order^2) work per op.
     *
     * <pre>{@code AD.derivatives(x -> x.sin().exp(), 0.5, 10);   // exp(sin x) and its first 10 derivatives}</pre>
     */
    public static double[] derivatives(UnaryFn f, double x, int order) {
        return taylorJet(f, x, order).derivatives();
    }

    /**
     * The Taylor coefficients of {@code f} at {@code x} up to {@code order}: {@code c[k] = f^(k)(x) / k!},
     * so that {@code f(x + t) = sum_k c[k] t^k + O(t^(order+1))}.
     */
    public static double[] taylor(UnaryFn f, double x, int order) {
        return taylorJet(f, x, order).coefficients();
    }

    private static Jet taylorJet(UnaryFn f, double x, int order) {
        Objects.requireNonNull(f, "f must not be null");
        if (order < 0) {
            throw new IllegalArgumentException("order must be >= 0, got " + order);
        }
        long level = Levels.next();
        double[] c = new double[order + 1];
        c[0] = x;
        if (order > 0) {
            c[1] = 1;
        }
        Real y = call(f, new Jet(c, level));
        if (y instanceof Jet j && j.level == level) {
            return j;
        }
        requireNotInner(Levels.of(y), level, "f's result");
        double[] constant = new double[order + 1];
        constant[0] = Compare.peek(y);
        return new Jet(constant, level);
    }

    // ---- checkpointing -------------------------------------------------------------------------

    /**
     * The gradient of a loss of an iterated map's final state with bounded memory (checkpointing):
     * for {@code s_{k+1} = step(s_k, params)}, k = 0 .. steps-1, the loss {@code L(s_steps)} and its
     * gradient with respect to {@code s0} and {@code params}, with the peak tape size and the step
     * recomputations the schedule cost. See {@link Checkpoint#gradient} and {@link Schedule}.
     *
     * <pre>{@code
     * CheckpointResult r = AD.checkpoint(step, s0, params, 10_000, loss, Schedule.sqrt());
     * r.paramGradient();    // dL/dparams, the same as AD.grad over the unrolled map
     * r.peakTapeSize();     // one segment of 100 steps instead of 10^4
     * }</pre>
     */
    public static CheckpointResult checkpoint(StepFn step, double[] s0, double[] params, int steps, ScalarFn loss,
            Schedule schedule) {
        return Checkpoint.gradient(step, s0, params, steps, loss, schedule);
    }

    // ---- sparse Jacobians and Hessians ---------------------------------------------------------

    /**
     * The Jacobian of {@code f} at {@code x} as a sparse matrix, computed in as few passes as a
     * coloring of its sparsity pattern allows (3 for a tridiagonal Jacobian of any size); see
     * {@link org.autodiff4j.sparse.Sparse#jacobian}.
     */
    public static org.autodiff4j.sparse.SparseResult sparseJacobian(VectorFn f, double... x) {
        return org.autodiff4j.sparse.Sparse.jacobian(f, x);
    }

    /**
     * The Hessian of {@code f} at {@code x} as a sparse matrix, from one Hessian-vector product per
     * color of a star coloring of its sparsity pattern; see {@link org.autodiff4j.sparse.Sparse#hessian}.
     */
    public static org.autodiff4j.sparse.SparseResult sparseHessian(ScalarFn f, double... x) {
        return org.autodiff4j.sparse.Sparse.hessian(f, x);
    }

    // ---- nestable transforms: Real in, Real out ------------------------------------------------

    /**
     * The derivative of {@code f} at a {@code Real} x, as a {@code Real} that keeps the derivatives
     * of any enclosing differentiation: call it inside a function being differentiated.
     *
     * <pre>{@code AD.derivative(x -> x.mul(AD.derivative(y -> x.add(y), Real.of(1))), 1.0);   // 1: no perturbation confusion}</pre>
     */
    public static Real derivative(UnaryFn f, Real x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        long level = Levels.next();
        Real y = call(f, new Nested(x, Constant.ONE, level));
        return nestedTangent(y, level, "f's result");
    }

    /** The gradient of {@code f} at {@code Real} inputs, nestable (n forward passes of {@link Nested}). */
    public static Real[] grad(ScalarFn f, Real... x) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Real[] g = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = directionalDerivative(f, x, unit(x.length, i));
        }
        return g;
    }

    /** The Jacobian-vector product {@code J(x) v} at {@code Real} inputs, nestable. */
    public static Real[] jvp(VectorFn f, Real[] x, Real[] v) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(v, "v must not be null");
        requireLength("jvp", "v", v.length, x.length);
        long level = Levels.next();
        Real[] in = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = new Nested(Objects.requireNonNull(x[i], "x[" + i + "] is null"), Objects.requireNonNull(v[i], "v[" + i + "] is null"), level);
        }
        Real[] y = outputs(f, in);
        Real[] out = new Real[y.length];
        for (int r = 0; r < y.length; r++) {
            out[r] = nestedTangent(y[r], level, "output " + r);
        }
        return out;
    }

    /** The Hessian-vector product {@code H(x) v} at {@code Real} inputs, nestable (forward over forward). */
    public static Real[] hvp(ScalarFn f, Real[] x, Real[] v) {
        Objects.requireNonNull(v, "v must not be null");
        Objects.requireNonNull(x, "x must not be null");
        requireLength("hvp", "v", v.length, x.length);
        return grad(a -> directionalDerivative(f, a, v), x);
    }

    private static Real directionalDerivative(ScalarFn f, Real[] x, Real[] v) {
        long level = Levels.next();
        Real[] in = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = new Nested(Objects.requireNonNull(x[i], "x[" + i + "] is null"), v[i], level);
        }
        Real y = call(f, in);
        return nestedTangent(y, level, "f's result");
    }

    private static Real nestedTangent(Real y, long level, String what) {
        if (y instanceof Nested n && n.level == level) {
            return n.tangent();
        }
        requireNotInner(Levels.of(y), level, what);
        return Constant.ZERO;
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

    /** The value of {@code x} as a constant: the same value, derivative 0 in every mode and at every level. */
    public static Real stopGradient(Real x) {
        Objects.requireNonNull(x, "stopGradient: x must not be null");
        return x instanceof Var v ? v.tape.recordStop(v) : Real.of(Compare.peek(x));
    }

    /**
     * The straight-through estimator: the value of {@code f(x)}, the derivative of the identity (1),
     * for training through steps such as {@code round}, {@code floor} or {@code sign}.
     *
     * <pre>{@code AD.grad(x -> AD.straightThrough(x[0], Real::round).mul(x[0]), 1.3);   // {round(1.3) + 1.3} = {2.3}}</pre>
     */
    public static Real straightThrough(Real x, UnaryFn f) {
        Objects.requireNonNull(x, "straightThrough: x must not be null");
        Objects.requireNonNull(f, "straightThrough: f must not be null");
        Real fx = f.apply(x);
        if (fx == null) {
            throw new IllegalArgumentException("straightThrough: f returned null; it must return a Real");
        }
        if (x instanceof Var v) {
            return v.tape.recordStraight(v, fx);
        }
        // NOTE: f(x) + (x - x) keeps f(x)'s value exactly (x - x is exactly 0) and x's derivative at every level.
        return Real.of(Compare.peek(fx)).add(x.sub(Compare.peek(x)));
    }

    /**
     * A block with a user-supplied value and vector-Jacobian product, in any mode: the outputs have
     * the values {@code fn.value(x)} and the derivatives {@code J = (rows of fn.vjp with unit w)}
     * with respect to x. First order only: a block whose inputs are {@link Nested} (being
     * differentiated twice) is an error, since the user's derivative cannot be differentiated.
     * Calls {@code fn.vjp} once per output to form J.
     *
     * @throws IllegalArgumentException if fn returns null or arrays of the wrong length, or for
     *     {@link Nested} inputs
     */
    public static Real[] customGradient(CustomFn fn, Real... x) {
        Objects.requireNonNull(fn, "customGradient: fn must not be null");
        Objects.requireNonNull(x, "customGradient: x must not be null");
        double[] xs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            Objects.requireNonNull(x[i], "customGradient: x[" + i + "] is null");
            if (x[i] instanceof Nested) {
                throw new IllegalArgumentException("customGradient supplies first derivatives only; it cannot be"
                        + " differentiated twice (x[" + i + "] is a Nested number of a second-order differentiation)");
            }
            if (x[i] instanceof Var v) {
                v.tape.notReplayable(); // J and the value are baked into the recording
            }
            xs[i] = Compare.peek(x[i]);
        }
        double[] y = fn.value(xs.clone());
        if (y == null) {
            throw new IllegalArgumentException("customGradient: fn.value returned null");
        }
        Real[] out = new Real[y.length];
        for (int r = 0; r < y.length; r++) {
            double[] w = new double[y.length];
            w[r] = 1;
            double[] row = fn.vjp(xs.clone(), y.clone(), w);
            if (row == null || row.length != x.length) {
                throw new IllegalArgumentException("customGradient: fn.vjp returned " + (row == null ? "null" : "length " + row.length)
                        + ", expected length " + x.length + " (one entry per input)");
            }
            // NOTE: y_r + sum_i J_ri (x_i - value(x_i)): the value is y_r exactly (each x_i - value(x_i)
            // is exactly 0) and the derivative is row r of J, in whatever mode x is.
            Real o = Real.of(y[r]);
            for (int i = 0; i < x.length; i++) {
                if (row[i] != 0 && !(x[i] instanceof Constant)) {
                    o = o.add(x[i].sub(xs[i]).mul(row[i]));
                }
            }
            out[r] = o;
        }
        return out;
    }

    /**
     * {@link #customGradient(CustomFn, Real...)} for a scalar block given its value and gradient.
     *
     * <pre>{@code Real r = AD.customGradient(v -> solver.solve(v), v -> solver.gradient(v), a, b);}</pre>
     */
    public static Real customGradient(java.util.function.ToDoubleFunction<double[]> value,
            java.util.function.UnaryOperator<double[]> gradient, Real... x) {
        Objects.requireNonNull(value, "customGradient: value must not be null");
        Objects.requireNonNull(gradient, "customGradient: gradient must not be null");
        return customGradient(new CustomFn() {
            @Override
            public double[] value(double[] v) {
                return new double[] {value.applyAsDouble(v)};
            }

            @Override
            public double[] vjp(double[] v, double[] y, double[] w) {
                double[] g = gradient.apply(v);
                if (g == null) {
                    return null;
                }
                double[] out = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    out[i] = w[0] * g[i];
                }
                return out;
            }
        }, x)[0];
    }

    // ---- record once, replay many --------------------------------------------------------------

    /**
     * Records {@code f} (of {@code n} inputs) once and replays the recording for new inputs; see
     * {@link CompiledGradient} for when it records again.
     *
     * <pre>{@code
     * CompiledGradient g = AD.compile(f, 2);
     * double value = g.valueAndGrad(new double[] {1, 2}, gradientOut);
     * }</pre>
     */
    public static CompiledGradient compile(ScalarFn f, int n) {
        return new CompiledGradient(f, n);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Requires a direction as long as x, naming the transform and the argument otherwise. */
    private static void requireLength(String transform, String name, int got, int n) {
        if (got != n) {
            throw new IllegalArgumentException(transform + ": " + name + " has length " + got + ", expected " + n + " (the length of x)");
        }
    }

    /** {@code f(x)}, which must not be null. */
    private static Real call(ScalarFn f, Real[] x) {
        return nonNull(f.apply(x));
    }

    /** {@code f(x)}, which must not be null. */
    private static Real call(UnaryFn f, Real x) {
        return nonNull(f.apply(x));
    }

    private static Real nonNull(Real y) {
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return a Real");
        }
        return y;
    }

    /** The unit vector e_j of length n, as constants. */
    private static Real[] unit(int n, int j) {
        Real[] e = new Real[n];
        java.util.Arrays.fill(e, Constant.ZERO);
        e[j] = Constant.ONE;
        return e;
    }

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

    /**
     * The Jacobian's rows by one backward sweep per output. The inputs are the tape's first numbers
     * (indices 1..n: every caller records them first on a fresh tape), so the adjoints are read by
     * index, and the array f received may be changed by f without harm.
     */
    private static double[][] rows(Tape tape, Var[] in, Real[] y) {
        double[][] jac = new double[y.length][in.length];
        for (int r = 0; r < y.length; r++) {
            if (dependsOn(tape, y[r], "output " + r)) {
                tape.backward((Var) y[r]);
                for (int i = 0; i < in.length; i++) {
                    jac[r][i] = tape.adjointAt(i + 1);
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
