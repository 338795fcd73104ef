package org.autodiff4j.sci;

/**
 * How {@link Odeint} integrates: classical Runge-Kutta with a fixed number of steps, or the adaptive
 * Dormand-Prince 5(4) pair with error tolerances.
 *
 * <pre>{@code
 * Odeint.solve(f, y0, p, 0, 10, Solver.rk4(1000));
 * Odeint.solve(f, y0, p, 0, 10, Solver.dopri5(1e-10, 1e-12));
 * }</pre>
 */
public sealed interface Solver {

    /**
     * Classical fourth-order Runge-Kutta with {@code steps} equal steps: global error O(h^4), cost 4
     * evaluations of f per step, and a step sequence that does not depend on the state (so that
     * backpropagation through it differentiates the discrete solution exactly).
     *
     * @throws IllegalArgumentException if steps &lt; 1
     */
    static Solver rk4(int steps) {
        return new Rk4(steps);
    }

    /**
     * Dormand-Prince 5(4) (Dormand and Prince 1980), the method of MATLAB's {@code ode45} and SciPy's
     * {@code RK45}: fifth-order steps, a fourth-order embedded error estimate, and step sizes chosen
     * so that the estimate stays below {@code atol + rtol |y|} in the RMS norm.
     *
     * @throws IllegalArgumentException if a tolerance is not positive and finite
     */
    static Solver dopri5(double rtol, double atol) {
        return new Dopri5(rtol, atol);
    }

    /**
     * Fixed-step RK4.
     *
     * @param steps the number of equal steps, at least 1
     */
    record Rk4(int steps) implements Solver {
        /** Checks the step count. */
        public Rk4 {
            if (steps < 1) {
                throw new IllegalArgumentException("rk4: steps must be >= 1, got " + steps);
            }
        }
    }

    /**
     * Adaptive Dormand-Prince 5(4).
     *
     * @param rtol relative tolerance per step
     * @param atol absolute tolerance per step
     */
    record Dopri5(double rtol, double atol) implements Solver {
        /** Checks the tolerances. */
        public Dopri5 {
            if (!(rtol > 0) || !(atol > 0) || !Double.isFinite(rtol) || !Double.isFinite(atol)) {
                throw new IllegalArgumentException("dopri5: tolerances must be positive and finite, got rtol " + rtol
                        + ", atol " + atol);
            }
        }
    }
}
