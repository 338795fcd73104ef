package org.autodiff4j.optim;

import static org.autodiff4j.optim.FlatParameters.axpy;
import static org.autodiff4j.optim.FlatParameters.dot;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Autograd;
import org.autodiff4j.tensor.Tensor;

/**
 * Damped Newton's method for small models: each {@link #step(Closure)} solves
 * {@code (H + lambda I) d = -g} by conjugate gradients, where every product {@code H v} is one
 * double-backward pass (the gradient of {@code g . v}, recorded with {@code createGraph}), so the
 * Hessian is never formed. The damping lambda adapts as in Levenberg-Marquardt / trust-region
 * methods (Nocedal and Wright, chapter 4 and section 7.1): a step is taken only if the loss falls;
 * lambda shrinks by 3 when the quadratic model predicted the fall well (ratio &gt; 0.75) and grows
 * when it did not, or when CG meets negative curvature. As lambda goes to 0 near a minimum the steps
 * become Newton steps and converge quadratically.
 *
 * <pre>{@code
 * Newton opt = new Newton(model.parameters());
 * for (int i = 0; i < 50 && opt.gradNorm() > 1e-12; i++) {
 *     opt.step(() -> F.mseLoss(model.forward(x), y));
 * }
 * }</pre>
 *
 * <p>Each step costs one gradient with graph, up to {@code n} Hessian-vector products, and one loss
 * evaluation per trial. The learning rate scales the accepted step (default 1: a full Newton step).
 */
public final class Newton extends Optimizer {

    private double lambda = 1e-3;
    private int maxTrials = 30;
    private double cgTolerance = 1e-12;
    private final FlatParameters flat;
    private double gradNorm = Double.POSITIVE_INFINITY;

    /** Damped Newton with initial damping 1e-3 and full steps. */
    public Newton(List<Parameter> params) {
        super(params, 1);
        this.flat = new FlatParameters(this.params);
    }

    /** Sets the current damping lambda &gt;= 0 (default 1e-3 to start) and returns this optimizer. */
    public Newton damping(double lambda) {
        require(lambda >= 0 && lambda < Double.POSITIVE_INFINITY, "Newton: damping must be finite and >= 0", lambda);
        this.lambda = lambda;
        return this;
    }

    /** The current damping. */
    public double damping() {
        return lambda;
    }

    /** Sets CG's relative residual tolerance (default 1e-12) and returns this optimizer. */
    public Newton cgTolerance(double tol) {
        require(tol > 0, "Newton: cgTolerance must be > 0", tol);
        this.cgTolerance = tol;
        return this;
    }

    /** The Euclidean norm of the gradient at the start of the last step (infinite before the first). */
    public double gradNorm() {
        return gradNorm;
    }

    /**
     * Always throws: Newton's method evaluates the loss itself.
     *
     * @throws IllegalStateException always; call {@link #step(Closure)}
     */
    @Override
    public void step() {
        throw new IllegalStateException("Newton needs a closure that computes the loss: call step(closure)");
    }

    @Override
    protected Tensor update(int i, Tensor p, Tensor g) {
        throw new IllegalStateException("Newton updates all parameters at once in step(closure)");
    }

    /**
     * One damped Newton step on the loss {@code closure} computes (retrying with more damping until
     * the loss falls, at most 30 trials); returns the loss before the step. At a point with zero
     * gradient nothing moves.
     */
    @Override
    public double step(Closure closure) {
        Tensor loss = closure.loss();
        FlatParameters.requireScalar(loss);
        double f = loss.item();
        List<Tensor> leaves = flat.leaves();
        List<Tensor> grads = Autograd.grad(List.of(loss), null, leaves, true, true);
        double[] g = FlatParameters.concat(grads);
        gradNorm = Math.sqrt(dot(g, g));
        if (gradNorm == 0) {
            return f;
        }
        double[] x = flat.values();
        for (int trial = 0; trial < maxTrials; trial++) {
            Solve s = conjugateGradient(grads, leaves, g);
            if (s.negativeCurvature() != null) {
                // NOTE: (H + lambda I) is not positive definite along p: raise lambda past the
                // curvature met (a Rayleigh quotient of H), so the next trial's system is convex there.
                lambda = Math.max(4 * lambda, 2 * s.negativeCurvature() + 1e-8);
                continue;
            }
            double[] step = axpy(new double[x.length], lr(), s.d());
            double[] hd = hessianTimes(grads, leaves, step);
            double predicted = -(dot(g, step) + 0.5 * dot(step, hd));
            flat.set(axpy(x, 1, step));
            double fNew = flat.value(closure);
            double ratio = (f - fNew) / predicted;
            if (predicted > 0 && fNew < f) {
                if (ratio > 0.75) {
                    lambda /= 3;
                } else if (ratio < 0.25) {
                    lambda = Math.max(2 * lambda, 1e-8);
                }
                return f;
            }
            flat.set(x);
            lambda = Math.max(4 * lambda, 1e-8);
        }
        return f;
    }

    /** The solution of {@code (H + lambda I) d = -g}, or the curvature {@code -p.(H + lambda I)p / p.p} met. */
    private record Solve(double[] d, Double negativeCurvature) {
    }

    /** Conjugate gradients (Nocedal and Wright, algorithm 5.2) on {@code (H + lambda I) d = -g}, from d = 0. */
    private Solve conjugateGradient(List<Tensor> grads, List<Tensor> leaves, double[] g) {
        int n = g.length;
        double[] d = new double[n];
        double[] r = axpy(new double[n], -1, g);
        double[] p = r.clone();
        double rr = dot(r, r);
        double stop = cgTolerance * cgTolerance * rr;
        for (int k = 0; k < n + 5 && rr > stop; k++) {
            double[] ap = axpy(hessianTimes(grads, leaves, p), lambda, p);
            double curvature = dot(p, ap);
            if (!(curvature > 0)) {
                return new Solve(null, -curvature / dot(p, p));
            }
            double alpha = rr / curvature;
            d = axpy(d, alpha, p);
            r = axpy(r, -alpha, ap);
            double rrNew = dot(r, r);
            p = axpy(r, rrNew / rr, p);
            rr = rrNew;
        }
        return new Solve(d, null);
    }

    /** {@code H v}: the gradient of {@code grads . v}, through the graph kept by the first backward pass. */
    private double[] hessianTimes(List<Tensor> grads, List<Tensor> leaves, double[] v) {
        List<Tensor> vs = flat.split(v);
        Tensor gv = null;
        for (int j = 0; j < grads.size(); j++) {
            Tensor term = grads.get(j).mul(vs.get(j)).sum();
            gv = gv == null ? term : gv.add(term);
        }
        if (!gv.tracksGrad()) {
            return new double[v.length];
        }
        return FlatParameters.concat(Autograd.grad(List.of(gv), null, leaves, false, true));
    }
}
