package org.autodiff4j.sci;

import java.util.Arrays;

/**
 * The Runge-Kutta integrators of {@link Odeint}, written once for any state type S ({@code Real[]},
 * {@code double[]}, {@link org.autodiff4j.tensor.Tensor}): a state needs only {@code y + a x} and its
 * values. The arithmetic on states is what a differentiating state type records; step sizes are
 * chosen on values.
 */
final class Integrators {

    /** What the integrators need of a state type. */
    interface Space<S> {
        /** {@code y + a x}, a new state. */
        S axpy(S y, double a, S x);

        /** The values, flattened. */
        double[] values(S y);
    }

    /** The right-hand side on states. */
    interface Rhs<S> {
        /** {@code dy/dt} at {@code (t, y)}. */
        S apply(double t, S y);
    }

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

    private Integrators() {
    }

    /** Integrates from t0 to t1 (either direction) with {@code solver}. */
    static <S> S solve(Space<S> space, Rhs<S> f, S y0, double t0, double t1, Solver solver) {
        return switch (solver) {
            case Solver.Rk4 r -> rk4(space, f, y0, t0, t1, r.steps());
            case Solver.Dopri5 d -> dopri5(space, f, y0, t0, t1, d.rtol(), d.atol());
        };
    }

    /** Classical RK4 with {@code steps} equal steps. */
    static <S> S rk4(Space<S> space, Rhs<S> f, S y, double t0, double t1, int steps) {
        double h = (t1 - t0) / steps;
        for (int k = 0; k < steps; k++) {
            double t = t0 + k * h;
            S k1 = f.apply(t, y);
            S k2 = f.apply(t + h / 2, space.axpy(y, h / 2, k1));
            S k3 = f.apply(t + h / 2, space.axpy(y, h / 2, k2));
            S k4 = f.apply(t + h, space.axpy(y, h, k3));
            y = space.axpy(space.axpy(space.axpy(space.axpy(y, h / 6, k1), h / 3, k2), h / 3, k3), h / 6, k4);
        }
        return y;
    }

    /** Dormand-Prince 5(4) with the step size controlled by the embedded error estimate. */
    @SuppressWarnings("unchecked")
    static <S> S dopri5(Space<S> space, Rhs<S> f, S y, double t0, double t1, double rtol, double atol) {
        if (t0 == t1) {
            return y;
        }
        double dir = Math.signum(t1 - t0);
        double t = t0;
        S k1 = f.apply(t, y);
        double h = dir * initialStep(space.values(y), space.values(k1), Math.abs(t1 - t0), rtol, atol);
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
            Object[] k = new Object[7];
            k[0] = k1;
            S next = null;
            for (int s = 1; s < 7; s++) {
                S ys = y;
                for (int j = 0; j < s; j++) {
                    if (A[s][j] != 0) {
                        ys = space.axpy(ys, h * A[s][j], (S) k[j]);
                    }
                }
                if (s == 6) {
                    next = ys; // the seventh stage is evaluated at the fifth-order solution (FSAL)
                }
                k[s] = f.apply(t + C[s] * h, ys);
            }
            double[] yv = space.values(y);
            double[] nv = space.values(next);
            double[] e = new double[yv.length];
            for (int j = 0; j < 7; j++) {
                double[] kv = space.values((S) k[j]);
                for (int i = 0; i < e.length; i++) {
                    e[i] += E[j] * kv[i];
                }
            }
            double err = 0;
            for (int i = 0; i < e.length; i++) {
                double scale = atol + rtol * Math.max(Math.abs(yv[i]), Math.abs(nv[i]));
                err += Math.pow(h * e[i] / scale, 2);
            }
            err = Math.sqrt(err / Math.max(1, e.length));
            if (err <= 1) {
                t = last ? t1 : t + h;
                y = next;
                k1 = (S) k[6];
            }
            // NOTE: the usual controller: safety 0.9, growth in [0.2, 5], exponent 1/5 of a 4th-order estimate.
            double factor = !Double.isFinite(err) ? 0.2 : err == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
            h *= err <= 1 ? factor : Math.min(1, factor);
        }
        return y;
    }

    /** A first step from Hairer, Norsett and Wanner (II.4): 1% of |y| / |f| in the tolerance's norm, capped by the interval. */
    private static double initialStep(double[] y, double[] f0, double span, double rtol, double atol) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < y.length; i++) {
            double scale = atol + rtol * Math.abs(y[i]);
            d0 += Math.pow(y[i] / scale, 2);
            d1 += Math.pow(f0[i] / scale, 2);
        }
        double h = d0 < 1e-10 || d1 < 1e-10 ? 1e-6 * span : 0.01 * Math.sqrt(d0 / d1);
        return Math.min(h, span);
    }

    // ---- the adjoint method, on flat doubles ---------------------------------------------------

    /** The dynamics and its vector-Jacobian product on flat doubles, for {@link #adjoint}. */
    interface Linearized {
        /** {@code [f(t, y), a^T df/dy, a^T df/dp]} at {@code (t, y)}, length n + n + m. */
        double[] rhsAndVjp(double t, double[] y, double[] a);
    }

    /** {@code double[]} states. */
    static final Space<double[]> DOUBLES = new Space<>() {
        @Override
        public double[] axpy(double[] y, double a, double[] x) {
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i] + a * x[i];
            }
            return out;
        }

        @Override
        public double[] values(double[] y) {
            return y;
        }
    };

    /**
     * Solves the augmented system {@code [y, a, g]' = [f, -a^T f_y, -a^T f_p]} from t1 back to t0, starting
     * at {@code [y1, dL/dy1, 0]}; returns {@code [y(t0), dL/dy0, dL/dp]} concatenated (Chen et al. 2018).
     */
    static double[] adjoint(Linearized f, double[] y1, double[] dLdy1, int m, double t0, double t1, Solver solver) {
        int n = y1.length;
        Rhs<double[]> augmented = (t, s) -> {
            double[] y = Arrays.copyOfRange(s, 0, n);
            double[] a = Arrays.copyOfRange(s, n, 2 * n);
            double[] out = f.rhsAndVjp(t, y, a);
            for (int i = n; i < out.length; i++) {
                out[i] = -out[i];
            }
            return out;
        };
        double[] s1 = new double[2 * n + m];
        System.arraycopy(y1, 0, s1, 0, n);
        System.arraycopy(dLdy1, 0, s1, n, n);
        return solve(DOUBLES, augmented, s1, t1, t0, solver);
    }
}
