package org.autodiff4j.sci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.ValueAndGrad;
import org.autodiff4j.tensor.Autograd;
import org.autodiff4j.tensor.Tensor;

import static org.autodiff4j.sci.Reals.concat;
import static org.autodiff4j.sci.Reals.constants;
import static org.autodiff4j.sci.Reals.values;

/**
 * Ordinary differential equations {@code dy/dt = f(t, y, p)}: solutions and gradients of a loss of
 * the final state with respect to the initial state and the parameters.
 *
 * <pre>{@code
 * OdeFn decay = (t, y, p) -> new Real[] {p[0].neg().mul(y[0])};
 * double[] y0 = {1}, p = {0.5};
 * double[] y1 = Odeint.solve(decay, y0, p, 0, 2, Solver.dopri5(1e-10, 1e-12));   // {e^-1}
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
 * <p>States are {@code double[]}, {@code Real[]} ({@link OdeFn}) or a {@link Tensor} of any shape
 * ({@link TensorOdeFn}); one integrator serves them all.
 * {@link #solve(OdeFn, Real[], Real[], double, double, Solver)} runs on any {@code Real}, so it can
 * be differentiated in any mode; with {@link Solver#dopri5} the step sizes are chosen on values and
 * treated as constants (NOTE: the usual "discretize, then differentiate" convention; the error
 * estimate's dependence on the inputs is not differentiated).
 */
public final class Odeint {

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
        return Integrators.solve(REALS, (t, y) -> eval(f, t, y, p), y0.clone(), t0, t1, solver);
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
        Integrators.Linearized lin = (t, y, a) -> {
            // NOTE: f runs twice per evaluation (on doubles for dy/dt, on the tape for a^T J):
            // AD.vjp does not return the outputs it differentiated.
            double[] dy = values(eval(f, t, constants(y), constants(p)));
            double[] aJ = AD.vjp(x -> eval(f, t, Arrays.copyOfRange(x, 0, n), Arrays.copyOfRange(x, n, n + m)),
                    concat(y, p), a);
            return concat(dy, aJ);
        };
        double[] s0 = Integrators.adjoint(lin, y1, dl.gradient(), m, t0, t1, solver);
        return new OdeGradient(dl.value(), y1, Arrays.copyOfRange(s0, n, 2 * n), Arrays.copyOfRange(s0, 2 * n, 2 * n + m));
    }

    // ---- tensors -------------------------------------------------------------------------------

    /**
     * The state {@code y(t1)} of a tensor ODE, recorded for {@link Autograd}: a backward pass from a loss of
     * it differentiates through the solver's steps into {@code y0} and {@code p} (backpropagation; the
     * graph grows with the number of steps).
     *
     * <pre>{@code
     * Tensor k = Tensor.vector(0.5, 2).requiresGrad();
     * Tensor y1 = Odeint.solve((t, y, p) -> y.mul(p[0]).neg(), Tensor.vector(1, 1), new Tensor[] {k}, 0, 1, Solver.rk4(100));
     * y1.sum().backward();   // k.grad() = -t1 exp(-k t1)
     * }</pre>
     */
    public static Tensor solve(TensorOdeFn f, Tensor y0, Tensor[] p, double t0, double t1, Solver solver) {
        Objects.requireNonNull(f, "solve: f must not be null");
        Objects.requireNonNull(y0, "solve: y0 must not be null");
        Objects.requireNonNull(p, "solve: p must not be null");
        Objects.requireNonNull(solver, "solve: solver must not be null");
        return Integrators.solve(TENSORS, (t, y) -> eval(f, t, y, p), y0, t0, t1, solver);
    }

    /**
     * The loss {@code L(y(t1))} of a tensor ODE and its gradients in {@code y0} and each {@code p_k} by the
     * adjoint method, as {@link #adjoint(OdeFn, double[], double[], double, double, ScalarFn, Solver)}: the
     * forward solve records nothing, and each augmented evaluation is one recorded call of f and one
     * {@link Autograd#grad} pass, released at once. The augmented system is integrated in F64.
     */
    public static TensorOdeGradient adjoint(TensorOdeFn f, Tensor y0, Tensor[] p, double t0, double t1,
            Function<Tensor, Tensor> loss, Solver solver) {
        Objects.requireNonNull(loss, "adjoint: loss must not be null");
        Tensor[] fixed = new Tensor[p.length];
        for (int k = 0; k < p.length; k++) {
            fixed[k] = Objects.requireNonNull(p[k], "p[" + k + "] is null").detach();
        }
        int[] shape = y0.shape().toArray();
        int n = y0.size();
        Tensor y1 = solve(f, y0.detach(), fixed, t0, t1, solver).detach();
        Tensor y1Leaf = y1.detach().requiresGrad();
        Tensor l = loss.apply(y1Leaf);
        double[] dLdy1 = l.tracksGrad()
                ? Autograd.grad(List.of(l), List.of(y1Leaf), false).get(0).toDoubleArray()
                : new double[n];
        int m = Arrays.stream(fixed).mapToInt(Tensor::size).sum();
        Integrators.Linearized lin = (t, y, a) -> {
            Tensor yLeaf = Tensor.of(y, shape).to(y0.dtype()).requiresGrad();
            List<Tensor> inputs = new ArrayList<>(List.of(yLeaf));
            Tensor[] pLeaves = new Tensor[fixed.length];
            for (int k = 0; k < fixed.length; k++) {
                pLeaves[k] = fixed[k].detach().requiresGrad();
                inputs.add(pLeaves[k]);
            }
            Tensor out = eval(f, t, yLeaf, pLeaves);
            // one recorded call of f gives both dy/dt and, by one backward pass, [a^T f_y, a^T f_p]
            double[] all = Arrays.copyOf(out.toDoubleArray(), 2 * n + m);
            if (out.tracksGrad()) {
                Tensor seed = Tensor.of(a, shape).to(out.dtype());
                int at = n;
                for (Tensor g : Autograd.grad(List.of(out), List.of(seed), inputs, false, false)) {
                    double[] part = g.toDoubleArray();
                    System.arraycopy(part, 0, all, at, part.length);
                    at += part.length;
                }
            }
            return all;
        };
        double[] s0 = Integrators.adjoint(lin, y1.toDoubleArray(), dLdy1, m, t0, t1, solver);
        List<Tensor> dp = new ArrayList<>();
        int at = 2 * n;
        for (Tensor pk : fixed) {
            dp.add(Tensor.of(Arrays.copyOfRange(s0, at, at + pk.size()), pk.shape().toArray()));
            at += pk.size();
        }
        return new TensorOdeGradient(l.item(), y1, Tensor.of(Arrays.copyOfRange(s0, n, 2 * n), shape), dp);
    }

    private static final Integrators.Space<Tensor> TENSORS = new Integrators.Space<>() {
        @Override
        public Tensor axpy(Tensor y, double a, Tensor x) {
            return y.add(x.mul(a));
        }

        @Override
        public double[] values(Tensor y) {
            return y.toDoubleArray();
        }
    };

    private static Tensor eval(TensorOdeFn f, double t, Tensor y, Tensor[] p) {
        Tensor dy = f.apply(t, y, p);
        if (dy == null || !dy.shape().equals(y.shape())) {
            throw new IllegalArgumentException("the ODE's f returned " + (dy == null ? "null" : "shape " + dy.shape())
                    + " for a state of shape " + y.shape() + "; it must return one derivative per state");
        }
        return dy;
    }

    // ---- Real[] states -------------------------------------------------------------------------

    private static final Integrators.Space<Real[]> REALS = new Integrators.Space<>() {
        @Override
        public Real[] axpy(Real[] y, double a, Real[] x) {
            Real[] out = new Real[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i].add(x[i].mul(a));
            }
            return out;
        }

        @Override
        public double[] values(Real[] y) {
            return Reals.values(y);
        }
    };

    private static Real[] eval(OdeFn f, double t, Real[] y, Real[] p) {
        Real[] dy = f.apply(Real.of(t), y, p);
        if (dy == null || dy.length != y.length) {
            throw new IllegalArgumentException("the ODE's f returned " + (dy == null ? "null" : dy.length + " derivatives")
                    + " for " + y.length + " states; it must return one per state");
        }
        return dy;
    }
}
