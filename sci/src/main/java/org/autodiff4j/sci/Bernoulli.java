package org.autodiff4j.sci;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.Real;

/**
 * The Bernoulli distribution: 1 with probability {@code p}, 0 otherwise. Discrete: no
 * reparameterized samples; differentiate expectations with {@link StochasticGradient#scoreFunction}.
 *
 * @param p the probability of 1, in [0, 1]
 */
public record Bernoulli(Real p) implements Distribution {

    /** Checks the probability. */
    public Bernoulli {
        Objects.requireNonNull(p, "Bernoulli: p must not be null");
        if (!(p.value() >= 0 && p.value() <= 1)) {
            throw new IllegalArgumentException("Bernoulli: p must be in [0, 1], got " + p.value());
        }
    }

    /** The Bernoulli distribution with a constant probability. */
    public Bernoulli(double p) {
        this(Real.of(p));
    }

    @Override
    public double sample(RandomGenerator rnd) {
        return rnd.nextDouble() < p.value() ? 1 : 0;
    }

    /** Unsupported: the outcome is not a differentiable function of p. */
    @Override
    public Real rsample(RandomGenerator rnd) {
        throw new UnsupportedOperationException("Bernoulli has no reparameterized sample; use sample and the"
                + " score-function estimator (StochasticGradient.scoreFunction)");
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    /** {@code log p} at 1, {@code log(1 - p)} at 0, -infinity elsewhere. */
    @Override
    public Real logProb(Real x) {
        double v = x.value();
        if (v == 1) {
            return p.log();
        }
        // NOTE: log1p(-p) rather than log(1 - p): accurate for small p.
        return v == 0 ? p.neg().log1p() : Real.of(Double.NEGATIVE_INFINITY);
    }

    /** {@code -p log p - (1 - p) log(1 - p)}, with {@code 0 log 0 = 0}. */
    @Override
    public Real entropy() {
        Real h = Real.of(0);
        if (p.value() > 0) {
            h = h.sub(p.mul(p.log()));
        }
        if (p.value() < 1) {
            h = h.sub(p.neg().add(1).mul(p.neg().log1p()));
        }
        return h;
    }
}
