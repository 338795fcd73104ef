package org.autodiff4j.sci;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.Real;

/**
 * The normal distribution {@code N(mu, sigma^2)}: reparameterized as {@code z = mu + sigma eps},
 * {@code eps ~ N(0, 1)}.
 *
 * @param mu the mean
 * @param sigma the standard deviation, positive
 */
public record Normal(Real mu, Real sigma) implements Distribution {

    /** Checks the parameters. */
    public Normal {
        Objects.requireNonNull(mu, "Normal: mu must not be null");
        Objects.requireNonNull(sigma, "Normal: sigma must not be null");
        if (!(sigma.value() > 0)) {
            throw new IllegalArgumentException("Normal: sigma must be positive, got " + sigma.value());
        }
    }

    /** {@code N(mu, sigma^2)} with constant parameters. */
    public Normal(double mu, double sigma) {
        this(Real.of(mu), Real.of(sigma));
    }

    @Override
    public double sample(RandomGenerator rnd) {
        return mu.value() + sigma.value() * rnd.nextGaussian();
    }

    /** {@code mu + sigma eps}: {@code dz/dmu = 1}, {@code dz/dsigma = eps}. */
    @Override
    public Real rsample(RandomGenerator rnd) {
        return mu.add(sigma.mul(rnd.nextGaussian()));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** {@code -((x - mu) / sigma)^2 / 2 - log sigma - log(2 pi) / 2}. */
    @Override
    public Real logProb(Real x) {
        Real u = x.sub(mu).div(sigma);
        return u.mul(u).mul(-0.5).sub(sigma.log()).sub(HALF_LOG_TWO_PI);
    }

    /** {@code 1/2 + log(2 pi)/2 + log sigma}. */
    @Override
    public Real entropy() {
        return sigma.log().add(0.5 + HALF_LOG_TWO_PI);
    }
}
