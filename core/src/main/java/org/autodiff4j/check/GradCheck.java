package org.autodiff4j.check;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.UnaryFn;
import org.autodiff4j.VectorFn;

/**
 * Checks derivatives against finite differences: the project's own tests use it for every op in
 * every mode, and users can check their custom gradients with it.
 *
 * <pre>{@code
 * ScalarFn f = x -> x[0].mul(x[1]).add(x[0].sin());
 * GradCheck.gradient(f, 2, 3).requirePassed();                     // AD's gradient vs differences
 * GradCheck.gradient(f, new double[] {2, 3}, myGradient).passed();   // any claimed gradient
 * GradCheck.vjpDotProduct(g, x, rng).requirePassed();              // <w, J v> = <J^T w, v>
 * }</pre>
 *
 * <p>How: each derivative is estimated by central differences at steps h, h/2 and h/4 combined by
 * two levels of Richardson extrapolation (error O(h^6)), with a step chosen per point,
 * {@code h = eps^(1/5) max(|x|, 1)} rounded down to a power of two, then h/4, h/16, ... keeping the
 * step with the smallest error bound (and skipping steps whose stencil leaves the function's domain). The
 * tolerance is not a tuned constant: it is the estimate's own error bound, the difference of the two
 * first-level extrapolations (which bounds the error of the better one, hence of the final value)
 * plus the rounding error of the differences. A derivative passes when it lies within that bound of
 * the estimate.
 */
public final class GradCheck {

    /** eps^(1/5): balances the O(h^4) truncation of the extrapolation against O(eps/h) rounding. */
    private static final double STEP = Math.pow(Math.ulp(1.0), 0.2);
    private static final double EPS = Math.ulp(1.0);

    private GradCheck() {
    }

    /**
     * A finite-difference estimate of a derivative and a bound on its error.
     *
     * @param value the estimate
     * @param error a bound on {@code |value - true derivative|}
     * @param step the step h used
     */
    public record Estimate(double value, double error, double step) {
    }

    /**
     * The outcome of a check: whether every component lies within its tolerance, and the worst one.
     *
     * @param passed true if every component is within its tolerance
     * @param maxAbsError the largest {@code |claimed - estimate|}
     * @param maxRelError the largest {@code |claimed - estimate| / max(|estimate|, 1e-300)}
     * @param worst a description of the component farthest outside (or nearest to) its tolerance
     */
    public record Report(boolean passed, double maxAbsError, double maxRelError, String worst) {

        /** Returns this report if it passed; otherwise throws an {@link AssertionError} describing the worst component. */
        public Report requirePassed() {
            if (!passed) {
                throw new AssertionError("derivative check failed: " + worst);
            }
            return this;
        }
    }

    /**
     * The central-difference estimate of {@code fn'(x)} with Richardson extrapolation and its error
     * bound.
     *
     * @throws IllegalArgumentException if {@code fn(x)} is not finite
     */
    public static Estimate finiteDifference(DoubleUnaryOperator fn, double x) {
        Objects.requireNonNull(fn, "fn must not be null");
        double g0 = fn.applyAsDouble(x);
        if (!Double.isFinite(g0)) {
            throw new IllegalArgumentException("finite differences need a finite value, but fn(" + x + ") = " + g0);
        }
        // NOTE: a power of two, so that x +- h, x +- h/2 and x +- h/4 are exact doubles.
        double h = Math.scalb(1.0, Math.getExponent(STEP * Math.max(Math.abs(x), 1)));
        // Steps h, h/4, h/16, ...: keep the one with the smallest error bound (a coarse step can be
        // too coarse for a fast-varying function, a fine one loses digits to rounding).
        Estimate best = null;
        Estimate afterBest = null;
        for (int k = 0; k < 12; k++, h /= 4) {
            Estimate e = at(fn, x, h);
            if (e == null) {
                continue; // the stencil left the domain: shrink the step
            }
            if (best == null || e.error() < best.error()) {
                best = e;
                afterBest = null;
            } else if (afterBest == null) {
                afterBest = e;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("finite differences at " + x + " found no step with finite values around it");
        }
        // NOTE: a chance agreement of the two extrapolations at one step must not pass for accuracy:
        // the estimate must also agree with the next smaller step's.
        double disagreement = afterBest == null ? 0 : Math.abs(best.value() - afterBest.value()) - afterBest.error();
        return new Estimate(best.value(), Math.max(best.error(), disagreement), best.step());
    }

    /** The estimate with step h, or null if the function is not finite on the stencil. */
    private static Estimate at(DoubleUnaryOperator fn, double x, double h) {
        double[] g = new double[6];
        for (int k = 0; k < 3; k++) {
            double step = h / (1 << k);
            g[2 * k] = fn.applyAsDouble(x + step);
            g[2 * k + 1] = fn.applyAsDouble(x - step);
        }
        double scale = 0;
        for (double v : g) {
            if (!Double.isFinite(v)) {
                return null;
            }
            scale = Math.max(scale, Math.abs(v));
        }
        double d1 = (g[0] - g[1]) / (2 * h);
        double d2 = (g[2] - g[3]) / h;
        double d4 = (g[4] - g[5]) / (h / 2);
        double r1 = d2 + (d2 - d1) / 3; // Richardson: O(h^4)
        double r2 = d4 + (d4 - d2) / 3;
        double value = r2 + (r2 - r1) / 15; // second level: O(h^6)
        // NOTE: |r2 - r1| is 15x r1's O(h^4) error and bounds the error of the final value. Each
        // evaluation is off by at most eps (|g| + |x g'|) (its own rounding, and the rounding of
        // x inside it amplified by the condition number); the differences and the weights
        // (64 d4 - 20 d2 + d1) / 45 turn that into under 6.6 / h times it: 8 / h below.
        double noise = EPS * (scale + Math.abs(x) * Math.abs(value));
        double error = Math.abs(r2 - r1) + 8 * noise / h + 4 * EPS * Math.abs(value);
        return new Estimate(value, error, h);
    }

    /** Checks AD's gradient (reverse mode) of {@code f} at {@code x} against finite differences. */
    public static Report gradient(ScalarFn f, double... x) {
        return gradient(f, x, AD.grad(f, x));
    }

    /**
     * Checks a claimed gradient of {@code f} at {@code x} (a mode's, or a user's hand-written or custom
     * one) against finite differences of {@code f}.
     */
    public static Report gradient(ScalarFn f, double[] x, double[] claimed) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(claimed, "claimed must not be null");
        if (claimed.length != x.length) {
            throw new IllegalArgumentException("claimed gradient has length " + claimed.length + ", expected " + x.length);
        }
        Comparison c = new Comparison();
        for (int i = 0; i < x.length; i++) {
            int axis = i;
            Estimate e = finiteDifference(t -> value(f, moved(x, axis, t)), x[axis]);
            c.add("d/dx[" + i + "]", claimed[i], e);
        }
        return c.report();
    }

    /** Checks AD's derivative (forward mode) of {@code f} at {@code x} against finite differences. */
    public static Report derivative(UnaryFn f, double x) {
        Objects.requireNonNull(f, "f must not be null");
        Comparison c = new Comparison();
        c.add("d/dx", AD.derivative(f, x), finiteDifference(t -> f.apply(Real.of(t)).value(), x));
        return c.report();
    }

    /** Checks AD's Jacobian-vector product (forward mode) along a random direction against finite differences. */
    public static Report jvp(VectorFn f, double[] x, RandomGenerator rng) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        double[] v = direction(x.length, rng);
        double[] jv = AD.jvp(f, x, v);
        Comparison c = new Comparison();
        for (int r = 0; r < jv.length; r++) {
            int row = r;
            Estimate e = finiteDifference(t -> values(f, along(x, v, t))[row], 0);
            c.add("(J v)[" + r + "]", jv[r], e);
        }
        return c.report();
    }

    /**
     * The dot-product test of reverse against forward mode: for random v and w,
     * {@code <w, J v>} (forward) equals {@code <J^T w, v>} (reverse) up to the rounding of the two
     * sums.
     */
    public static Report vjpDotProduct(VectorFn f, double[] x, RandomGenerator rng) {
        Objects.requireNonNull(f, "f must not be null");
        Objects.requireNonNull(x, "x must not be null");
        double[] v = direction(x.length, rng);
        double[] jv = AD.jvp(f, x, v);
        double[] w = direction(jv.length, rng);
        double[] jtw = AD.vjp(f, x, w);
        double left = 0;
        double leftAbs = 0;
        for (int r = 0; r < jv.length; r++) {
            left += w[r] * jv[r];
            leftAbs += Math.abs(w[r] * jv[r]);
        }
        double right = 0;
        double rightAbs = 0;
        for (int i = 0; i < x.length; i++) {
            right += jtw[i] * v[i];
            rightAbs += Math.abs(jtw[i] * v[i]);
        }
        // NOTE: both sides are sums of products of AD derivatives, each exact to a few ulps of its
        // terms; 64 (n + m) eps of the absolute sums bounds their rounding for expressions of modest depth.
        double tol = 64 * (x.length + jv.length + 1) * EPS * (leftAbs + rightAbs);
        Comparison c = new Comparison();
        c.add("<w, J v> vs <J^T w, v>", left, new Estimate(right, tol, 0));
        return c.report();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static double value(ScalarFn f, double[] x) {
        Real y = f.apply(constants(x));
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return a Real");
        }
        return y.value();
    }

    private static double[] values(VectorFn f, double[] x) {
        Real[] y = f.apply(constants(x));
        if (y == null) {
            throw new IllegalArgumentException("f returned null; it must return an array of Real");
        }
        double[] out = new double[y.length];
        for (int r = 0; r < y.length; r++) {
            out[r] = y[r].value();
        }
        return out;
    }

    private static Real[] constants(double[] x) {
        Real[] out = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Real.of(x[i]);
        }
        return out;
    }

    private static double[] moved(double[] x, int axis, double to) {
        double[] y = x.clone();
        y[axis] = to;
        return y;
    }

    private static double[] along(double[] x, double[] v, double t) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + t * v[i];
        }
        return y;
    }

    /** A random unit direction. */
    private static double[] direction(int n, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng must not be null");
        double[] v = new double[n];
        double norm = 0;
        while (norm == 0 && n > 0) {
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextGaussian();
                norm += v[i] * v[i];
            }
        }
        for (int i = 0; i < n; i++) {
            v[i] /= Math.sqrt(norm);
        }
        return v;
    }

    /** Accumulates claimed-vs-estimate comparisons into a report. */
    private static final class Comparison {
        private boolean passed = true;
        private double maxAbs;
        private double maxRel;
        private double worstRatio = -1;
        private String worst = "no components";

        void add(String what, double claimed, Estimate e) {
            double abs = Math.abs(claimed - e.value());
            boolean ok = abs <= e.error() || claimed == e.value();
            if (Double.isNaN(abs)) {
                abs = Double.POSITIVE_INFINITY;
            }
            double rel = abs / Math.max(Math.abs(e.value()), 1e-300);
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
            double ratio = ok ? abs / Math.max(e.error(), Double.MIN_VALUE) : Double.POSITIVE_INFINITY;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = what + ": claimed " + claimed + ", estimate " + e.value() + " +- " + e.error();
            }
            passed &= ok;
        }

        Report report() {
            return new Report(passed, maxAbs, maxRel, worst);
        }
    }
}
