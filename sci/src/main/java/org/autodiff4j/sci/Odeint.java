package org.autodiff4j.sci;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.ValueAndGrad;

/**
 * Ordinary differential equations {@code dy/dt = f(t, y, p)}: solutions and gradients of a loss of
 * the final state with respect to the initial state and the parameters.
 *
 * <pre>{@code
 * OdeFn decay = (t, y, p) -> new Real[] {p[0].neg().mul(y[0])};
 * double[] y1 = Odeint.solve(decay, new double[] {1}, new double[] {0.5}, 0, 2, Solver.dopri5(1e-10, 1e-12));
 * ScalarFn loss = y -> y[0].mul(y[0]);
 * Odeint.backprop(decay, y0, p, 0, 2, loss, Solver.rk4(200));   // through the solver's steps
 * Odeint.adjoint(decay, y0, p, 0, 2, loss, Solver.rk4(200));    // by the adjoint ODE
 * }</pre>
 *
 * <p>Two ways to the gradient. {@link #backprop}: run the solver on {@link org.autodiff4j.Var}s and
 * differentiate its arithmetic in reverse mode; the gradient is exact for the discrete solution, and
 * the tape grows with the number of steps. {@link #adjoint}: solve the adjoint ODE backward from
 * {@code t1} to {@code t0} together with the state (Chen, Rubanova, Bettencourt and Duvenaud,
 * "Neural Ordinary Differential Equations", 2018, Algorithm 1); memory is independent of the number
 * of steps, and the gradient is that of the exact solution up to the solver's error. The two agree to
 * the solver's accuracy.
 *
 * <p>{@link #solve(OdeFn, Real[], Real[], double, double, Solver)} runs on any {@code Real}, so it can
 * be differentiated in any mode; with {@link Solver#dopri5} the step sizes are chosen on values and
 * treated as constants (NOTE: the usual "discretize, then differentiate" convention; the error
 * estimate's dependence on the inputs is not differentiated).
 */
public final class Odeint {

    // Dormand-Prince 5(4) tableau (Dormand and Prince 1980; Hairer, Norsett and Wanner, Table II.5.2).
    private static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
    private static final double[][] A = {
        {},
        {1.0 / 5},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
        {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
    };
    /** The fifth-order weights minus the embedded fourth-order ones: the local error estimate. */
    private static final double[] E = {
        71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40,
    };
    private static final int MAX_STEPS = 10_000_000;

    private Odeint() {
    }

    // ---- solutions -----------------------------------------------------------------------------

    /**
     * The state {@code y(t1)} of {@code dy/dt = f(t, y, p)}, {@code y(t0) = y0}, on any {@code Real}: call it
     * inside {@link AD#grad} to differentiate through the solver. {@code t1 < t0} integrates backward.
     *
     * @throws ArithmeticException if the adaptive solver's step size underflows or it needs more than
     *     10^7 steps
     */
    public static Real[] solve(OdeFn f, Real[] y0, Real[] p, double t0, double t1, Solver solver) {
        Objects.requireNonNull(f, "solve: f must not be null");
        Objects.requireNonNull(y0, "solve: y0 must not be null");
        Objects.requireNonNull(p, "solve: p must not be null");
        Objects.requireNonNull(solver, "solve: solver must not be null");
        return switch (solver) {
            case Solver.Rk4 r -> rk4(f, y0.clone(), p, t0, t1, r.steps());
            case Solver.Dopri5 d -> dopri5(f, y0.clone(), p, t0, t1, d.rtol(), d.atol());
        };
    }

    /** {@link #solve(OdeFn, Real[], Real[], double, double, Solver)} on doubles. */
    public static double[] solve(OdeFn f, double[] y0, double[] p, double t0, double t1, Solver solver) {
        return values(solve(f, constants(y0), constants(p), t0, t1, solver));
    }

    /**
     * The states at each of {@code times}: {@code out[0] = y0} at {@code times[0]}, and {@code out[k]}
     * solved from {@code out[k-1]} over {@code [times[k-1], times[k]]} (with {@code solver}'s steps
     * per interval for RK4). On any {@code Real}, for losses over a whole trajectory.
     */
    public static Real[][] trajectory(OdeFn f, Real[] y0, Real[] p, double[] times, Solver solver) {
        Objects.requireNonNull(times, "trajectory: times must not be null");
        if (times.length == 0) {
            throw new IllegalArgumentException("trajectory: times is empty; give at least the initial time");
        }
        Real[][] out = new Real[times.length][];
        out[0] = y0.clone();
        for (int k = 1; k < times.length; k++) {
            out[k] = solve(f, out[k - 1], p, times[k - 1], times[k], solver);
        }
        return out;
    }

    // ---- gradients -----------------------------------------------------------------------------

    /**
     * The loss {@code L(y(t1))} and its gradient in {@code y0} and {@code p} by reverse mode through the
     * solver's arithmetic: exact for the discrete solution; memory grows with the number of steps.
     */
    public static OdeGradient backprop(OdeFn f, double[] y0, double[] p, double t0, double t1, ScalarFn loss,
            Solver solver) {
        Objects.requireNonNull(loss, "backprop: loss must not be null");
        int n = y0.length;
        double[][] finalState = new double[1][];
        ValueAndGrad vg = AD.valueAndGrad(x -> {
            Real[] y1 = solve(f, Arrays.copyOfRange(x, 0, n), Arrays.copyOfRange(x, n, x.length), t0, t1, solver);
            finalState[0] = values(y1);
            return loss.apply(y1);
        }, concat(y0, p));
        double[] g = vg.gradient();
        return new OdeGradient(vg.value(), finalState[0], Arrays.copyOfRange(g, 0, n), Arrays.copyOfRange(g, n, g.length));
    }

    /**
     * The loss {@code L(y(t1))} and its gradient in {@code y0} and {@code p} by the adjoint method: solve
     * forward to {@code y(t1)}, then solve the augmented system
     * <pre>  dy/dt = f,   da/dt = -a^T df/dy,   dg/dt = -a^T df/dp,   a(t1) = dL/dy(t1), g(t1) = 0</pre>
     * backward to {@code t0}, where {@code dL/dy0 = a(t0)} and {@code dL/dp = g(t0)}. Each evaluation of
     * the augmented right-hand side is one reverse pass through f ({@link AD#vjp}); memory is O(states
     * + parameters), independent of the number of steps.
     *
     * <p>NOTE: the state is recomputed backward rather than stored, as in the paper; for strongly
     * dissipative systems that backward solve is unstable and {@link #backprop} (or checkpointing,
     * {@link AD#checkpoint}) is the better choice.
     */
    public static OdeGradient adjoint(OdeFn f, double[] y0, double[] p, double t0, double t1, ScalarFn loss,
            Solver solver) {
        Objects.requireNonNull(f, "adjoint: f must not be null");
        Objects.requireNonNull(loss, "adjoint: loss must not be null");
        int n = y0.length;
        int m = p.length;
        double[] y1 = solve(f, y0, p, t0, t1, solver);
        ValueAndGrad dl = AD.valueAndGrad(loss, y1);
        OdeFn augmented = (t, s, none) -> {
            double time = t.value();
            double[] sv = values(s);
            double[] y = Arrays.copyOfRange(sv, 0, n);
            double[] a = Arrays.copyOfRange(sv, n, 2 * n);
            // NOTE: f is evaluated twice (on doubles for dy/dt, on the tape for a^T J): AD.vjp does not
            // return the outputs it differentiated.
            double[] dy = values(f.apply(Real.of(time), constants(y), constants(p)));
            double[] aJ = AD.vjp(x -> f.apply(Real.of(time), Arrays.copyOfRange(x, 0, n), Arrays.copyOfRange(x, n, n + m)),
                    concat(y, p), a);
            Real[] out = new Real[2 * n + m];
            for (int i = 0; i < n; i++) {
                out[i] = Real.of(dy[i]);
            }
            for (int i = 0; i < n + m; i++) {
                out[n + i] = Real.of(-aJ[i]);
            }
            return out;
        };
        double[] s1 = new double[2 * n + m];
        System.arraycopy(y1, 0, s1, 0, n);
        System.arraycopy(dl.gradient(), 0, s1, n, n);
        double[] s0 = solve(augmented, s1, new double[0], t1, t0, solver);
        return new OdeGradient(dl.value(), y1, Arrays.copyOfRange(s0, n, 2 * n), Arrays.copyOfRange(s0, 2 * n, 2 * n + m));
    }

    // ---- the integrators -----------------------------------------------------------------------

    private static Real[] rk4(OdeFn f, Real[] y, Real[] p, double t0, double t1, int steps) {
        double h = (t1 - t0) / steps;
        for (int k = 0; k < steps; k++) {
            double t = t0 + k * h;
            Real[] k1 = eval(f, t, y, p);
            Real[] k2 = eval(f, t + h / 2, axpy(y, h / 2, k1), p);
            Real[] k3 = eval(f, t + h / 2, axpy(y, h / 2, k2), p);
            Real[] k4 = eval(f, t + h, axpy(y, h, k3), p);
            Real[] next = new Real[y.length];
            for (int i = 0; i < y.length; i++) {
                next[i] = y[i].add(k1[i].add(k2[i].add(k3[i]).mul(2)).add(k4[i]).mul(h / 6));
            }
            y = next;
        }
        return y;
    }

    private static Real[] dopri5(OdeFn f, Real[] y, Real[] p, double t0, double t1, double rtol, double atol) {
        if (t0 == t1) {
            return y;
        }
        double dir = Math.signum(t1 - t0);
        double t = t0;
        Real[] k1 = eval(f, t, y, p);
        double h = dir * initialStep(y, k1, Math.abs(t1 - t0), rtol, atol);
        for (int step = 0; dir * (t1 - t) > 0; step++) {
            if (step == MAX_STEPS) {
                throw new ArithmeticException("dopri5: more than " + MAX_STEPS + " steps from t = " + t0 + " to " + t1
                        + "; the problem may be stiff");
            }
            boolean last = dir * (t + h - t1) >= 0;
            if (last) {
                h = t1 - t;
            }
            if (Math.abs(h) <= 8 * Math.ulp(t)) {
                throw new ArithmeticException("dopri5: the step size underflowed at t = " + t);
            }
            Real[][] k = new Real[7][];
            k[0] = k1;
            Real[] next = null;
            for (int s = 1; s < 7; s++) {
                Real[] ys = y.clone();
                for (int i = 0; i < y.length; i++) {
                    for (int j = 0; j < s; j++) {
                        if (A[s][j] != 0) {
                            ys[i] = ys[i].add(k[j][i].mul(h * A[s][j]));
                        }
                    }
                }
                if (s == 6) {
                    next = ys; // the seventh stage is evaluated at the fifth-order solution (FSAL)
                }
                k[s] = eval(f, t + C[s] * h, ys, p);
            }
            double err = 0;
            for (int i = 0; i < y.length; i++) {
                double e = 0;
                for (int j = 0; j < 7; j++) {
                    e += E[j] * k[j][i].value();
                }
                double scale = atol + rtol * Math.max(Math.abs(y[i].value()), Math.abs(next[i].value()));
                err += Math.pow(h * e / scale, 2);
            }
            err = Math.sqrt(err / Math.max(1, y.length));
            if (err <= 1) {
                t = last ? t1 : t + h;
                y = next;
                k1 = k[6];
            }
            // NOTE: the usual controller: safety 0.9, growth in [0.2, 5], exponent 1/5 of a 4th-order estimate.
            double factor = err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
            if (!Double.isFinite(err)) {
                factor = 0.2;
            }
            h *= err <= 1 ? factor : Math.min(1, factor);
        }
        return y;
    }

    /** A first step from Hairer, Norsett and Wanner (II.4): 1% of |y| / |f| in the tolerance's norm, capped by the interval. */
    private static double initialStep(Real[] y, Real[] f0, double span, double rtol, double atol) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < y.length; i++) {
            double scale = atol + rtol * Math.abs(y[i].value());
            d0 += Math.pow(y[i].value() / scale, 2);
            d1 += Math.pow(f0[i].value() / scale, 2);
        }
        double h = d0 < 1e-10 || d1 < 1e-10 ? 1e-6 * span : 0.01 * Math.sqrt(d0 / d1);
        return Math.min(h, span);
    }

    private static Real[] eval(OdeFn f, double t, Real[] y, Real[] p) {
        Real[] dy = f.apply(Real.of(t), y, p);
        if (dy == null || dy.length != y.length) {
            throw new IllegalArgumentException("the ODE's f returned " + (dy == null ? "null" : dy.length + " derivatives")
                    + " for " + y.length + " states; it must return one per state");
        }
        return dy;
    }

    /** {@code y + a x}. */
    private static Real[] axpy(Real[] y, double a, Real[] x) {
        Real[] out = new Real[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i].add(x[i].mul(a));
        }
        return out;
    }

    static Real[] constants(double[] x) {
        Objects.requireNonNull(x, "array must not be null");
        Real[] c = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = Real.of(x[i]);
        }
        return c;
    }

    static double[] values(Real[] y) {
        double[] v = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            v[i] = y[i].value();
        }
        return v;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
