package org.autodiff4j.sci;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.VectorFn;
import org.autodiff4j.tensor.Linalg;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorAD;

import static org.autodiff4j.sci.Reals.constants;
import static org.autodiff4j.sci.Reals.values;

/**
 * Implicit differentiation: solutions of {@code F(x, theta) = 0} and of {@code x = G(x, theta)} whose
 * derivatives with respect to {@code theta} come from the implicit function theorem,
 * {@code dx/dtheta = -(dF/dx)^-1 dF/dtheta}, not from differentiating the solver's iterations.
 *
 * <pre>{@code
 * // sqrt(theta) as the root of x^2 - theta, differentiated: 1 / (2 sqrt 2)
 * AD.derivative(t -> Implicit.root((x, th) -> x.mul(x).sub(th[0]), 1.0, t), 2.0);
 * }</pre>
 *
 * <p>How: the solver (Newton's method with the Jacobian {@code dF/dx} by AD, or plain fixed-point
 * iteration) runs on doubles, with {@code theta}'s values only, so nothing of it is recorded. Then
 * the result is built in {@code Real} arithmetic as
 * <pre>  x = x* - J^-1 (F(x*, theta) - value(F(x*, theta))),   J = dF/dx at (x*, theta)</pre>
 * where {@code x*} and {@code J^-1} are constants. The bracket is exactly 0 in value, so the
 * result's value is {@code x*} to the last bit; its derivative in {@code theta} is
 * {@code -J^-1 dF/dtheta}, in whatever mode {@code theta} is ({@link org.autodiff4j.Dual},
 * {@link org.autodiff4j.Var}, ...). This costs one evaluation of F on {@code theta}'s number type.
 *
 * <p>NOTE: built this way rather than with {@link AD#customGradient}: the formula is the same
 * (customGradient adds {@code J (x - value(x))} too) but customGradient needs F's full Jacobian in
 * {@code theta} as doubles (one reverse pass per unknown) while the expression above lets theta's own
 * mode compute only the product it needs.
 *
 * <p>Higher derivatives: with J a constant the expression is exact to first order only. When some
 * theta is a {@link org.autodiff4j.Nested} or {@link org.autodiff4j.Jet} number (as inside
 * {@link AD#hessian}, {@link AD#partial} or {@link AD#derivatives}), two Newton steps follow in theta's
 * own arithmetic, {@code x <- x - F_x(x, theta)^-1 F(x, theta)} with {@code F_x} by nested forward mode:
 * each step doubles the order to which the result is exact (Newton squares the error), so derivatives
 * up to order 7 are exact. The value may then move from {@code x*} by rounding.
 *
 * <p>Versions: scalar ({@link ScalarEquation}), vector ({@link VectorEquation}, dense Jacobian and LU)
 * and tensor ({@link TensorEquation}, recorded for {@link org.autodiff4j.tensor.Autograd}).
 *
 * <p>Convergence: Newton stops when a step is at most {@code 1e-14 (1 + |x|)} (in the max norm); the
 * fixed-point iteration when two iterates differ by at most that much. Both throw
 * {@link ArithmeticException} if they do not converge (100 Newton steps, 100,000 iterations) or if J
 * is singular.
 */
public final class Implicit {

    /** Relative size of the last step at which the solvers stop. */
    private static final double TOLERANCE = 1e-14;
    private static final int NEWTON_STEPS = 100;
    private static final int FIXED_POINT_ITERATIONS = 100_000;

    private Implicit() {
    }

    // ---- roots ---------------------------------------------------------------------------------

    /**
     * The root {@code x(theta)} of the scalar equation {@code F(x, theta) = 0} near {@code x0}, by Newton's
     * method; its derivative in {@code theta} is {@code -F_theta / F_x} (implicit function theorem).
     *
     * <pre>{@code Implicit.root((x, th) -> x.mul(x).sub(th[0]), 1.0, Real.of(2));   // sqrt 2}</pre>
     *
     * @throws ArithmeticException if Newton's method does not converge or {@code F_x} is 0 at the root
     */
    public static Real root(ScalarEquation f, double x0, Real... theta) {
        Objects.requireNonNull(f, "root: f must not be null");
        return root(asVector(f), new double[] {x0}, theta)[0];
    }

    /**
     * The root {@code x(theta)} of the system {@code F(x, theta) = 0} near {@code x0}, by Newton's method
     * with the Jacobian {@code dF/dx} by AD and a dense LU solve per step; its derivative in {@code theta}
     * is {@code -(dF/dx)^-1 dF/dtheta}.
     *
     * <pre>{@code
     * // A x = b(theta)
     * Real[] x = Implicit.root((x, th) -> new Real[] {x[0].mul(2).add(x[1]).sub(th[0]), x[0].add(x[1].mul(3)).sub(th[1])},
     *         new double[2], a, b);
     * }</pre>
     *
     * @throws ArithmeticException if Newton's method does not converge or {@code dF/dx} is singular at the root
     * @throws IllegalArgumentException if F does not return one output per unknown
     */
    public static Real[] root(VectorEquation f, double[] x0, Real... theta) {
        Objects.requireNonNull(f, "root: f must not be null");
        Objects.requireNonNull(x0, "root: x0 must not be null");
        Real[] fixed = detached(theta);
        VectorFn inX = x -> checked(f.apply(x, fixed), x.length);
        double[] x = x0.clone();
        for (int k = 0; ; k++) {
            if (k == NEWTON_STEPS) {
                throw new ArithmeticException("root: Newton's method did not converge in " + NEWTON_STEPS
                        + " steps from x0; last iterate " + Arrays.toString(x));
            }
            double[] r = values(inX.apply(constants(x)));
            double[] step = new Lu(AD.jacobian(inX, x)).solve(r);
            for (int i = 0; i < x.length; i++) {
                x[i] -= step[i];
            }
            if (!allFinite(x)) {
                throw new ArithmeticException("root: Newton's method diverged (non-finite iterate after " + (k + 1) + " steps)");
            }
            if (small(step, x)) {
                break;
            }
        }
        return attach(f, x, theta);
    }

    /**
     * The root {@code x(theta)} of {@code F(x, theta) = 0} on tensors, near {@code x0}: Newton's method with
     * the Jacobian by {@link TensorAD#jacobian} (one reverse pass per element of x) and {@link Linalg#solve}.
     * The result is recorded for {@link org.autodiff4j.tensor.Autograd} as
     * {@code x* - solve(J, F(x*, theta) - detach(F(x*, theta)))} with a constant J, so that a backward pass
     * computes the implicit vector-Jacobian product {@code -(J^-T g)^T dF/dtheta}: one solve with
     * {@code J^T} and one pass through F. First derivatives only: J is a constant here, so with
     * {@code createGraph} a second backward pass misses J's dependence on theta.
     *
     * <pre>{@code
     * Tensor theta = Tensor.vector(1, 4, 9).requiresGrad();
     * Tensor r = Implicit.root((x, th) -> x.square().sub(th[0]), Tensor.vector(1, 1, 1), theta);   // [1, 2, 3]
     * r.sum().backward();                                                                          // theta.grad() = [1/2, 1/4, 1/6]
     * }</pre>
     *
     * @throws ArithmeticException if Newton's method does not converge or {@code dF/dx} is singular
     * @throws IllegalArgumentException if F's result is not shaped as x
     */
    public static Tensor root(TensorEquation f, Tensor x0, Tensor... theta) {
        Objects.requireNonNull(f, "root: f must not be null");
        Objects.requireNonNull(x0, "root: x0 must not be null");
        Tensor[] fixed = detached(theta);
        int[] shape = x0.shape().toArray();
        int n = x0.size();
        Function<Tensor, Tensor> inX = x -> checked(f.apply(x, fixed), x);
        Tensor x = x0.detach();
        for (int k = 0; ; k++) {
            if (k == NEWTON_STEPS) {
                throw new ArithmeticException("root: Newton's method did not converge in " + NEWTON_STEPS + " steps from x0");
            }
            Tensor jac = TensorAD.jacobian(inX, x).reshape(n, n);
            Tensor step = Linalg.solve(jac, inX.apply(x).detach().reshape(n)).reshape(shape);
            x = x.sub(step).detach();
            double[] xs = x.toDoubleArray();
            if (!allFinite(xs)) {
                throw new ArithmeticException("root: Newton's method diverged (non-finite iterate after " + (k + 1) + " steps)");
            }
            if (small(step.toDoubleArray(), xs)) {
                break;
            }
        }
        return attach(f, x, theta, fixed);
    }

    /**
     * The fixed point {@code x(theta) = G(x(theta), theta)} on tensors, by iteration from {@code x0}, recorded
     * for {@link org.autodiff4j.tensor.Autograd} as the root of {@code x - G(x, theta)} (see
     * {@link #root(TensorEquation, Tensor, Tensor...)}): the backward pass solves with {@code (I - G_x)^T}.
     * G must be a contraction near the fixed point. First derivatives only.
     *
     * @throws ArithmeticException if the iteration does not converge or {@code I - dG/dx} is singular
     */
    public static Tensor fixedPoint(TensorEquation g, Tensor x0, Tensor... theta) {
        Objects.requireNonNull(g, "fixedPoint: g must not be null");
        Objects.requireNonNull(x0, "fixedPoint: x0 must not be null");
        Tensor[] fixed = detached(theta);
        Tensor x = x0.detach();
        for (int k = 0; ; k++) {
            if (k == FIXED_POINT_ITERATIONS) {
                throw new ArithmeticException("fixedPoint: the iteration did not converge in " + FIXED_POINT_ITERATIONS
                        + " steps; is G a contraction near x0?");
            }
            Tensor next = checked(g.apply(x, fixed), x).detach();
            double[] step = next.sub(x).toDoubleArray();
            x = next;
            double[] xs = x.toDoubleArray();
            if (!allFinite(xs)) {
                throw new ArithmeticException("fixedPoint: the iteration diverged (non-finite iterate after " + (k + 1) + " steps)");
            }
            if (small(step, xs)) {
                break;
            }
        }
        return attach((y, th) -> y.sub(checked(g.apply(y, th), y)), x, theta, fixed);
    }

    /** {@code x* - solve(J, F(x*, theta) - detach(F(x*, theta)))} with a constant J: value x*, derivative -J^-1 F_theta. */
    private static Tensor attach(TensorEquation f, Tensor x, Tensor[] theta, Tensor[] fixed) {
        int n = x.size();
        Tensor jac = TensorAD.jacobian(y -> checked(f.apply(y, fixed), y), x).reshape(n, n).detach();
        Tensor r = checked(f.apply(x, theta.clone()), x);
        if (!r.tracksGrad()) {
            return x;
        }
        // NOTE: r - detach(r) is exactly 0 in value, so the result is x* to the last bit.
        return x.sub(Linalg.solve(jac, r.sub(r.detach()).reshape(n)).reshape(x.shape().toArray()));
    }

    private static Tensor[] detached(Tensor[] theta) {
        Objects.requireNonNull(theta, "theta must not be null");
        Tensor[] fixed = new Tensor[theta.length];
        for (int i = 0; i < theta.length; i++) {
            fixed[i] = Objects.requireNonNull(theta[i], "theta[" + i + "] is null").detach();
        }
        return fixed;
    }

    private static Tensor checked(Tensor y, Tensor x) {
        if (y == null || !y.shape().equals(x.shape())) {
            throw new IllegalArgumentException("the equation returned " + (y == null ? "null" : "shape " + y.shape())
                    + " for x of shape " + x.shape() + "; it must return one residual per element of x");
        }
        return y;
    }

    // ---- fixed points --------------------------------------------------------------------------

    /**
     * The fixed point {@code x(theta) = G(x(theta), theta)} of a scalar map, by iteration from {@code x0};
     * its derivative is {@code G_theta / (1 - G_x)}. G must be a contraction near the fixed point.
     *
     * <pre>{@code Implicit.fixedPoint((x, th) -> x.cos().mul(th[0]), 0.0, Real.of(0.5));}</pre>
     *
     * @throws ArithmeticException if the iteration does not converge
     */
    public static Real fixedPoint(ScalarEquation g, double x0, Real... theta) {
        Objects.requireNonNull(g, "fixedPoint: g must not be null");
        return fixedPoint(asVector(g), new double[] {x0}, theta)[0];
    }

    /**
     * The fixed point {@code x(theta) = G(x(theta), theta)}, by iteration from {@code x0}; its derivative
     * is {@code (I - dG/dx)^-1 dG/dtheta}, the implicit derivative of {@code F = x - G(x, theta) = 0}.
     *
     * @throws ArithmeticException if the iteration does not converge or {@code I - dG/dx} is singular
     */
    public static Real[] fixedPoint(VectorEquation g, double[] x0, Real... theta) {
        Objects.requireNonNull(g, "fixedPoint: g must not be null");
        Objects.requireNonNull(x0, "fixedPoint: x0 must not be null");
        Real[] fixed = detached(theta);
        double[] x = x0.clone();
        for (int k = 0; ; k++) {
            if (k == FIXED_POINT_ITERATIONS) {
                throw new ArithmeticException("fixedPoint: the iteration did not converge in " + FIXED_POINT_ITERATIONS
                        + " steps; is G a contraction near x0?");
            }
            double[] next = values(checked(g.apply(constants(x), fixed), x.length));
            double[] step = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                step[i] = next[i] - x[i];
            }
            x = next;
            if (!allFinite(x)) {
                throw new ArithmeticException("fixedPoint: the iteration diverged (non-finite iterate after " + (k + 1) + " steps)");
            }
            if (small(step, x)) {
                break;
            }
        }
        VectorEquation residual = (y, th) -> {
            Real[] gy = checked(g.apply(y, th), y.length);
            Real[] out = new Real[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i].sub(gy[i]);
            }
            return out;
        };
        return attach(residual, x, theta);
    }

    // ---- the implicit derivative ---------------------------------------------------------------

    /** {@code x* - J^-1 (F(x*, theta) - value(F(x*, theta)))}: value x*, derivative -J^-1 F_theta (see the class comment). */
    private static Real[] attach(VectorEquation f, double[] xStar, Real[] theta) {
        Real[] fixed = detached(theta);
        double[][] jInv = new Lu(AD.jacobian(x -> checked(f.apply(x, fixed), x.length), xStar)).inverse();
        Real[] r = checked(f.apply(constants(xStar), theta.clone()), xStar.length);
        Real[] zeroValued = new Real[r.length];
        for (int i = 0; i < r.length; i++) {
            zeroValued[i] = r[i].sub(r[i].value());
        }
        Real[] out = new Real[xStar.length];
        for (int i = 0; i < xStar.length; i++) {
            Real o = Real.of(xStar[i]);
            for (int j = 0; j < r.length; j++) {
                if (jInv[i][j] != 0) {
                    o = o.sub(zeroValued[j].mul(jInv[i][j]));
                }
            }
            out[i] = o;
        }
        if (higherOrder(theta)) {
            for (int k = 0; k < 2; k++) {
                out = newtonStep(f, out, theta);
            }
        }
        return out;
    }

    private static boolean higherOrder(Real[] theta) {
        for (Real t : theta) {
            if (t instanceof org.autodiff4j.Nested || t instanceof org.autodiff4j.Jet) {
                return true;
            }
        }
        return false;
    }

    /** {@code x - F_x(x, theta)^-1 F(x, theta)}, all in the number type of x and theta. */
    private static Real[] newtonStep(VectorEquation f, Real[] x, Real[] theta) {
        int n = x.length;
        Real[][] j = new Real[n][n];
        for (int c = 0; c < n; c++) {
            Real[] e = new Real[n];
            Arrays.fill(e, Real.of(0));
            e[c] = Real.of(1);
            Real[] col = AD.jvp(y -> checked(f.apply(y, theta.clone()), n), x, e);
            for (int r = 0; r < n; r++) {
                j[r][c] = col[r];
            }
        }
        Real[] step = solve(j, checked(f.apply(x.clone(), theta.clone()), n));
        Real[] next = new Real[n];
        for (int i = 0; i < n; i++) {
            next[i] = x[i].sub(step[i]);
        }
        return next;
    }

    /** The solution of {@code a z = b} by Gaussian elimination with partial pivoting (on values), in Real arithmetic. */
    private static Real[] solve(Real[][] a, Real[] b) {
        int n = b.length;
        Real[][] m = new Real[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i][k].value()) > Math.abs(m[p][k].value())) {
                    p = i;
                }
            }
            if (m[p][k].value() == 0) {
                throw new ArithmeticException("the Jacobian dF/dx is singular at the root");
            }
            Real[] t = m[p];
            m[p] = m[k];
            m[k] = t;
            for (int i = k + 1; i < n; i++) {
                Real factor = m[i][k].div(m[k][k]);
                for (int c = k; c <= n; c++) {
                    m[i][c] = m[i][c].sub(factor.mul(m[k][c]));
                }
            }
        }
        Real[] z = new Real[n];
        for (int i = n - 1; i >= 0; i--) {
            Real s = m[i][n];
            for (int c = i + 1; c < n; c++) {
                s = s.sub(m[i][c].mul(z[c]));
            }
            z[i] = s.div(m[i][i]);
        }
        return z;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static VectorEquation asVector(ScalarEquation f) {
        return (x, th) -> new Real[] {f.apply(x[0], th)};
    }

    private static Real[] checked(Real[] y, int n) {
        if (y == null || y.length != n) {
            throw new IllegalArgumentException("the equation returned " + (y == null ? "null" : y.length + " outputs")
                    + " for " + n + " unknowns; it must return one output per unknown");
        }
        for (int i = 0; i < n; i++) {
            Objects.requireNonNull(y[i], "the equation's output " + i + " is null");
        }
        return y;
    }

    /** Theta's values as constants, so that the solver records nothing. */
    private static Real[] detached(Real[] theta) {
        Objects.requireNonNull(theta, "theta must not be null");
        Real[] c = new Real[theta.length];
        for (int i = 0; i < theta.length; i++) {
            c[i] = Real.of(Objects.requireNonNull(theta[i], "theta[" + i + "] is null").value());
        }
        return c;
    }

    private static boolean small(double[] step, double[] x) {
        double s = 0;
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            s = Math.max(s, Math.abs(step[i]));
            m = Math.max(m, Math.abs(x[i]));
        }
        return s <= TOLERANCE * (1 + m);
    }

    private static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
