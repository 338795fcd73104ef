package org.autodiff4j.optim;

import static org.autodiff4j.optim.FlatParameters.axpy;
import static org.autodiff4j.optim.FlatParameters.dot;
import static org.autodiff4j.optim.FlatParameters.maxAbs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;

/**
 * Limited-memory BFGS for full-batch problems (Nocedal and Wright, Numerical Optimization, 2nd ed.,
 * algorithms 7.4 and 7.5), a port of PyTorch's {@code torch.optim.LBFGS} with its strong-Wolfe line
 * search (algorithms 3.5 and 3.6, cubic interpolation). One {@link #step(Closure)} runs up to
 * {@code maxIter} iterations; the curvature history carries over to the next step.
 *
 * <pre>{@code
 * LBFGS opt = new LBFGS(model.parameters()).toleranceGrad(1e-10);
 * for (int i = 0; i < 10; i++) {
 *     opt.step(() -> F.mseLoss(model.forward(x), y));
 * }
 * }</pre>
 *
 * <p>Defaults as PyTorch's: lr 1, maxIter 20, maxEval 25, toleranceGrad 1e-7, toleranceChange 1e-9,
 * history 100, line search on (PyTorch's default is off; with it off the step is the fixed {@code lr}).
 */
public final class LBFGS extends Optimizer {

    private int maxIter = 20;
    private int maxEval = 25;
    private double toleranceGrad = 1e-7;
    private double toleranceChange = 1e-9;
    private int historySize = 100;
    private boolean lineSearch = true;

    private final FlatParameters flat;
    private final Deque<double[]> oldDirs = new ArrayDeque<>();
    private final Deque<double[]> oldSteps = new ArrayDeque<>();
    private final Deque<Double> rho = new ArrayDeque<>();
    private double[] d;
    private double t;
    private double hDiag = 1;
    private double[] prevGrad;
    private int iterations;
    private int evaluations;

    /** L-BFGS with learning rate 1 and PyTorch's defaults. */
    public LBFGS(List<Parameter> params) {
        this(params, 1);
    }

    /** L-BFGS with the given learning rate (the line search's first trial step). */
    public LBFGS(List<Parameter> params, double lr) {
        super(params, lr);
        this.flat = new FlatParameters(this.params);
    }

    /** Sets the iterations per step (default 20) and the evaluations per step to 1.25 times that; returns this. */
    public LBFGS maxIter(int n) {
        require(n >= 1, "LBFGS: maxIter must be >= 1", n);
        this.maxIter = n;
        this.maxEval = n * 5 / 4;
        return this;
    }

    /** Sets the loss evaluations per step (default 25) and returns this optimizer. */
    public LBFGS maxEval(int n) {
        require(n >= 1, "LBFGS: maxEval must be >= 1", n);
        this.maxEval = n;
        return this;
    }

    /** Stops when the largest gradient component is at most {@code tol} (default 1e-7); returns this. */
    public LBFGS toleranceGrad(double tol) {
        require(tol >= 0, "LBFGS: toleranceGrad must be >= 0", tol);
        this.toleranceGrad = tol;
        return this;
    }

    /** Stops when the step or the change in loss is below {@code tol} (default 1e-9); returns this. */
    public LBFGS toleranceChange(double tol) {
        require(tol >= 0, "LBFGS: toleranceChange must be >= 0", tol);
        this.toleranceChange = tol;
        return this;
    }

    /** Sets the number of curvature pairs kept (default 100) and returns this optimizer. */
    public LBFGS historySize(int n) {
        require(n >= 1, "LBFGS: historySize must be >= 1", n);
        this.historySize = n;
        return this;
    }

    /** Turns the strong-Wolfe line search on (default) or off (fixed step lr) and returns this optimizer. */
    public LBFGS lineSearch(boolean on) {
        this.lineSearch = on;
        return this;
    }

    /** The iterations run by all steps so far. */
    public int iterations() {
        return iterations;
    }

    /** The loss evaluations made by all steps so far. */
    public int evaluations() {
        return evaluations;
    }

    /**
     * Always throws: L-BFGS evaluates the loss several times per step.
     *
     * @throws IllegalStateException always; call {@link #step(Closure)}
     */
    @Override
    public void step() {
        throw new IllegalStateException("LBFGS needs a closure that computes the loss: call step(closure)");
    }

    @Override
    protected Tensor update(int i, Tensor p, Tensor g) {
        throw new IllegalStateException("LBFGS updates all parameters at once in step(closure)");
    }

    /**
     * Up to {@code maxIter} L-BFGS iterations on the loss {@code closure} computes; returns the loss
     * at the parameters the step started from, as PyTorch.
     */
    @Override
    public double step(Closure closure) {
        FlatParameters.Evaluation e = flat.evaluate(closure);
        double origLoss = e.loss();
        double loss = origLoss;
        double[] grad = e.grad();
        int currentEvals = 1;
        evaluations++;
        if (maxAbs(grad) <= toleranceGrad) {
            return origLoss;
        }
        for (int n = 1; n <= maxIter; n++) {
            iterations++;
            if (iterations == 1) {
                d = negate(grad);
                hDiag = 1;
            } else {
                updateHistory(grad);
                d = direction(grad);
            }
            prevGrad = grad.clone();
            double prevLoss = loss;
            t = iterations == 1 ? Math.min(1, 1 / sumAbs(grad)) * lr() : lr();
            double gtd = dot(grad, d);
            if (gtd > -toleranceChange) {
                break;
            }
            int lsEvals;
            double[] x = flat.values();
            if (lineSearch) {
                StrongWolfe.Result r = StrongWolfe.search((tt) -> at(closure, x, tt), t, d, loss, grad, gtd,
                        toleranceChange);
                loss = r.f();
                grad = r.g();
                t = r.t();
                lsEvals = r.evaluations();
                flat.set(axpy(x, t, d));
            } else {
                flat.set(axpy(x, t, d));
                lsEvals = 0;
                if (n != maxIter) {
                    FlatParameters.Evaluation e2 = flat.evaluate(closure);
                    loss = e2.loss();
                    grad = e2.grad();
                    lsEvals = 1;
                }
            }
            currentEvals += lsEvals;
            evaluations += lsEvals;
            if (n == maxIter || currentEvals >= maxEval || maxAbs(grad) <= toleranceGrad
                    || maxAbs(d) * Math.abs(t) <= toleranceChange || Math.abs(loss - prevLoss) < toleranceChange) {
                break;
            }
        }
        return origLoss;
    }

    /** The loss and gradient at {@code x + tt d}; the parameters are left at x. */
    private FlatParameters.Evaluation at(Closure closure, double[] x, double tt) {
        flat.set(axpy(x, tt, d));
        FlatParameters.Evaluation e = flat.evaluate(closure);
        flat.set(x);
        return e;
    }

    /** Adds the pair (y, s) of the last iteration when its curvature y.s is positive. */
    private void updateHistory(double[] grad) {
        double[] y = axpy(grad, -1, prevGrad);
        double[] s = axpy(new double[d.length], t, d);
        double ys = dot(y, s);
        // NOTE: PyTorch's threshold: pairs with y.s <= 1e-10 would make the inverse Hessian
        // approximation indefinite or ill-conditioned, so they are skipped.
        if (ys > 1e-10) {
            if (oldDirs.size() == historySize) {
                oldDirs.removeFirst();
                oldSteps.removeFirst();
                rho.removeFirst();
            }
            oldDirs.addLast(y);
            oldSteps.addLast(s);
            rho.addLast(1 / ys);
            hDiag = ys / dot(y, y);
        }
    }

    /** The two-loop recursion: {@code -H grad} with H the L-BFGS inverse Hessian approximation. */
    private double[] direction(double[] grad) {
        int k = oldDirs.size();
        double[][] ys = oldDirs.toArray(new double[0][]);
        double[][] ss = oldSteps.toArray(new double[0][]);
        double[] ro = new double[k];
        Iterator<Double> it = rho.iterator();
        for (int i = 0; i < k; i++) {
            ro[i] = it.next();
        }
        double[] al = new double[k];
        double[] q = negate(grad);
        for (int i = k - 1; i >= 0; i--) {
            al[i] = dot(ss[i], q) * ro[i];
            q = axpy(q, -al[i], ys[i]);
        }
        double[] r = axpy(new double[q.length], hDiag, q);
        for (int i = 0; i < k; i++) {
            double be = dot(ys[i], r) * ro[i];
            r = axpy(r, al[i] - be, ss[i]);
        }
        return r;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    private static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }
}
