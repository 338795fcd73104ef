package org.autodiff4j.sci;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.Real;

/**
 * The log-normal distribution: {@code z = exp(mu + sigma eps)}, {@code eps ~ N(0, 1)}, so that
 * {@code log z ~ N(mu, sigma^2)}.
 *
 * @param mu the mean of {@code log z}
 * @param sigma the standard deviation of {@code log z}, positive
 */
public record LogNormal(Real mu, Real sigma) implements Distribution {

    /** Checks the parameters. */
    public LogNormal {
        Objects.requireNonNull(mu, "LogNormal: mu must not be null");
        Objects.requireNonNull(sigma, "LogNormal: sigma must not be null");
        if (!(sigma.value() > 0)) {
            throw new IllegalArgumentException("LogNormal: sigma must be positive, got " + sigma.value());
        }
    }

    /** The log-normal with constant parameters. */
    public LogNormal(double mu, double sigma) {
        this(Real.of(mu), Real.of(sigma));
    }

    @Override
    public double sample(RandomGenerator rnd) {
        return Math.exp(mu.value() + sigma.value() * rnd.nextGaussian());
    }

    /** {@code exp(mu + sigma eps)}. */
    @Override
    public Real rsample(RandomGenerator rnd) {
        return mu.add(sigma.mul(rnd.nextGaussian())).exp();
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** The normal log-density of {@code log x} minus {@code log x} (the Jacobian of exp); -infinity for x &lt;= 0. */
    @Override
    public Real logProb(Real x) {
        if (!x.gt(0)) {
            return Real.of(Double.NEGATIVE_INFINITY);
        }
        Real lx = x.log();
        return new Normal(mu, sigma).logProb(lx).sub(lx);
    }

    /** {@code mu + 1/2 + log(2 pi)/2 + log sigma}. */
    @Override
    public Real entropy() {
        return mu.add(sigma.log()).add(0.5 + HALF_LOG_TWO_PI);
    }
}
