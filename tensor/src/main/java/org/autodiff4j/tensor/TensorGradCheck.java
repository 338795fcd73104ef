package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.autodiff4j.check.GradCheck;
import org.autodiff4j.check.GradCheck.Estimate;
import org.autodiff4j.check.GradCheck.Report;

/**
 * Checks tensor gradients against central differences in F64, for the library's own primitives and
 * for users' functions.
 *
 * <pre>{@code
 * Function<List<Tensor>, Tensor> f = x -> x.get(0).matmul(x.get(1)).tanh();
 * TensorGradCheck.gradcheck(f, List.of(a, b), rng).requirePassed();       // first derivatives
 * TensorGradCheck.gradgradcheck(f, List.of(a, b), rng).requirePassed();   // the backward pass's own derivatives
 * }</pre>
 *
 * <p>How: the output is projected on a random direction w, {@code s(x) = sum(w * f(x))}, so one
 * backward pass gives {@code J^T w} for every input, and each of its components is compared with the
 * central-difference derivative of s in that component ({@link GradCheck#finiteDifference}: Richardson
 * extrapolation, a step per point, and its own error bound as the tolerance). A wrong VJP passes only
 * if its error happens to be orthogonal to a random w. {@link #gradgradcheck} applies the same check
 * to {@code x -> sum_j <v_j, d s / d x_j>} computed with {@code createGraph}, for random v: it checks
 * the derivatives of the backward pass itself (Hessian-vector products).
 */
public final class TensorGradCheck {

    /** NOTE: beyond the estimate's own error bound, 1e-9 relative: the sums inside tensor ops round in their own order. */
    private static final double SLACK = 1e-9;

    private TensorGradCheck() {
    }

    /**
     * Checks the gradient autograd gives for {@code f} at {@code inputs} (converted to F64) against
     * finite differences. {@code f} must be deterministic and defined around the point.
     */
    public static Report gradcheck(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, RandomGenerator rng) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        List<double[]> x = values(inputs);
        Tensor w = directionFor(f, inputs, x, rng);
        Function<List<Tensor>, Tensor> s = xs -> project(f.apply(xs), w);
        return compare(s, inputs, x);
    }

    /**
     * Checks the derivatives of autograd's backward pass for {@code f}: the gradient of
     * {@code sum_j <v_j, grad_j(x)>} (random v, gradients recorded with {@code createGraph}) against
     * finite differences of that function.
     */
    public static Report gradgradcheck(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, RandomGenerator rng) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        List<double[]> x = values(inputs);
        Tensor w = directionFor(f, inputs, x, rng);
        List<Tensor> v = new ArrayList<>();
        for (Tensor in : inputs) {
            v.add(Tensor.randn(rng, in.shape().toArray()));
        }
        Function<List<Tensor>, Tensor> h = xs -> {
            List<Tensor> g = gradients(project(f.apply(xs), w), xs, true);
            Tensor sum = Tensor.scalar(0);
            for (int j = 0; j < xs.size(); j++) {
                sum = sum.add(g.get(j).mul(v.get(j)).sum());
            }
            return sum;
        };
        return compare(h, inputs, x);
    }

    /** Compares autograd's gradient of the scalar function {@code s} with finite differences, component by component. */
    private static Report compare(Function<List<Tensor>, Tensor> s, List<Tensor> inputs, List<double[]> x) {
        List<Tensor> xs = leaves(inputs, x);
        List<Tensor> claimed = gradients(s.apply(xs), xs, false);
        boolean passed = true;
        double maxAbs = 0;
        double maxRel = 0;
        double worstRatio = -1;
        String worst = "no components";
        for (int j = 0; j < x.size(); j++) {
            double[] gj = claimed.get(j).toDoubleArray();
            for (int e = 0; e < gj.length; e++) {
                int input = j;
                int element = e;
                Estimate est = GradCheck.finiteDifference(t -> valueAt(s, inputs, x, input, element, t), x.get(j)[e]);
                double abs = Math.abs(gj[e] - est.value());
                double tol = est.error() + SLACK * Math.max(1, Math.abs(est.value()));
                boolean ok = abs <= tol;
                double ratio = ok ? abs / tol : Double.POSITIVE_INFINITY;
                maxAbs = Math.max(maxAbs, Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs);
                maxRel = Math.max(maxRel, abs / Math.max(Math.abs(est.value()), 1e-300));
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = "input " + j + " element " + e + ": autograd " + gj[e] + ", finite differences "
                            + est.value() + " +- " + tol;
                }
                passed &= ok;
            }
        }
        return new Report(passed, maxAbs, maxRel, worst);
    }

    /** The gradients of scalar {@code s} with respect to {@code xs}, zeros where s does not depend on them. */
    private static List<Tensor> gradients(Tensor s, List<Tensor> xs, boolean createGraph) {
        if (!s.tracksGrad()) {
            List<Tensor> zeros = new ArrayList<>();
            for (Tensor x : xs) {
                zeros.add(Tensor.zeros(x.dtype(), x.shape().toArray()));
            }
            return zeros;
        }
        return Autograd.grad(List.of(s), xs, createGraph);
    }

    /** {@code s} at x with element {@code e} of input {@code j} replaced by {@code t}. */
    private static double valueAt(Function<List<Tensor>, Tensor> s, List<Tensor> inputs, List<double[]> x,
                                  int j, int e, double t) {
        List<double[]> moved = new ArrayList<>(x);
        double[] xj = x.get(j).clone();
        xj[e] = t;
        moved.set(j, xj);
        return s.apply(leaves(inputs, moved)).item();
    }

    /** Fresh F64 leaves that require gradients, with the given values and the inputs' shapes. */
    private static List<Tensor> leaves(List<Tensor> inputs, List<double[]> x) {
        List<Tensor> out = new ArrayList<>();
        for (int j = 0; j < inputs.size(); j++) {
            out.add(Tensor.of(x.get(j), inputs.get(j).shape().toArray()).requiresGrad());
        }
        return out;
    }

    private static List<double[]> values(List<Tensor> inputs) {
        List<double[]> x = new ArrayList<>();
        for (Tensor t : inputs) {
            x.add(Objects.requireNonNull(t, "an input is null").toDoubleArray());
        }
        return x;
    }

    /** A random direction shaped as f's output. */
    private static Tensor directionFor(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<double[]> x,
                                       RandomGenerator rng) {
        Tensor out;
        NoGrad off = NoGrad.enter();
        try {
            out = f.apply(leaves(inputs, x));
        } finally {
            off.close();
        }
        return Tensor.randn(rng, out.shape().toArray());
    }

    private static Tensor project(Tensor out, Tensor w) {
        return out.to(DType.F64).mul(w).sum();
    }
}
