package org.autodiff4j.sci;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.UnaryFn;

/**
 * Monte Carlo estimates of {@code d/dtheta E_{z ~ p_theta}[f(z)]}, two ways, each with its standard error.
 *
 * <pre>{@code
 * Function<Real[], Distribution> family = th -> new Normal(th[0], th[1]);
 * StochasticGradient.reparameterization(family, z -> z.mul(z), new double[] {1, 2}, 10_000, rnd);
 * StochasticGradient.scoreFunction(family, z -> z * z, new double[] {1, 2}, 10_000, rnd);   // both about {2, 4}
 * }</pre>
 *
 * <p>The reparameterization (pathwise) estimator averages {@code d f(g(theta, eps)) / dtheta}: it needs a
 * differentiable f and {@link Distribution#rsample}, and usually has a much smaller variance. The
 * score-function (REINFORCE, Williams 1992) estimator averages {@code f(z) d log p_theta(z) / dtheta}:
 * it needs only values of f and works for discrete distributions. Both are unbiased.
 */
public final class StochasticGradient {

    private StochasticGradient() {
    }

    /**
     * A Monte Carlo estimate: the sample mean of the per-sample gradients and its standard error
     * ({@code sample standard deviation / sqrt(samples)}), per component of theta.
     *
     * @param mean the estimate of the gradient
     * @param standardError the standard error of each component
     */
    public record Estimate(double[] mean, double[] standardError) {
    }

    /**
     * The reparameterization estimator of {@code d/dtheta E[f(z)]}, {@code z ~ family(theta)}, from
     * {@code samples} draws: one reverse pass per draw through {@code f(rsample)}.
     *
     * @throws UnsupportedOperationException if the family has no reparameterized samples
     * @throws IllegalArgumentException if samples &lt; 2
     */
    public static Estimate reparameterization(Function<Real[], Distribution> family, UnaryFn f, double[] theta,
            int samples, RandomGenerator rnd) {
        Objects.requireNonNull(family, "reparameterization: family must not be null");
        Objects.requireNonNull(f, "reparameterization: f must not be null");
        Objects.requireNonNull(rnd, "reparameterization: rnd must not be null");
        Moments m = new Moments(theta.length, samples);
        for (int s = 0; s < samples; s++) {
            m.add(AD.grad(th -> f.apply(family.apply(th).rsample(rnd)), theta));
        }
        return m.estimate();
    }

    /**
     * The score-function (REINFORCE) estimator of {@code d/dtheta E[f(z)]}, {@code z ~ family(theta)}, from
     * {@code samples} draws: {@code f(z) grad log p_theta(z)}, one reverse pass per draw through logProb.
     * NOTE: no baseline is subtracted, so that the estimate is the textbook one; subtracting a constant
     * b from f keeps it unbiased and can reduce its variance.
     *
     * @throws IllegalArgumentException if samples &lt; 2
     */
    public static Estimate scoreFunction(Function<Real[], Distribution> family, DoubleUnaryOperator f, double[] theta,
            int samples, RandomGenerator rnd) {
        Objects.requireNonNull(family, "scoreFunction: family must not be null");
        Objects.requireNonNull(f, "scoreFunction: f must not be null");
        Objects.requireNonNull(rnd, "scoreFunction: rnd must not be null");
        Real[] fixed = new Real[theta.length];
        for (int i = 0; i < theta.length; i++) {
            fixed[i] = Real.of(theta[i]);
        }
        Distribution d = family.apply(fixed);
        Moments m = new Moments(theta.length, samples);
        for (int s = 0; s < samples; s++) {
            double z = d.sample(rnd);
            double fz = f.applyAsDouble(z);
            double[] score = AD.grad(th -> family.apply(th).logProb(z), theta);
            for (int i = 0; i < score.length; i++) {
                score[i] *= fz;
            }
            m.add(score);
        }
        return m.estimate();
    }

    /** Running mean and variance per component (Welford's algorithm, stable for large sample counts). */
    private static final class Moments {
        private final double[] mean;
        private final double[] m2;
        private final int samples;
        private int n;

        Moments(int dim, int samples) {
            if (samples < 2) {
                throw new IllegalArgumentException("need at least 2 samples for a standard error, got " + samples);
            }
            this.mean = new double[dim];
            this.m2 = new double[dim];
            this.samples = samples;
        }

        void add(double[] x) {
            n++;
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - mean[i];
                mean[i] += d / n;
                m2[i] += d * (x[i] - mean[i]);
            }
        }

        Estimate estimate() {
            double[] se = new double[mean.length];
            for (int i = 0; i < se.length; i++) {
                se[i] = Math.sqrt(m2[i] / (samples - 1) / samples);
            }
            return new Estimate(mean.clone(), se);
        }
    }
}
