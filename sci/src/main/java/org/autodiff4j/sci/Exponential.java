package org.autodiff4j.sci;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.Real;

/**
 * The exponential distribution with rate {@code lambda} (mean {@code 1 / lambda}): reparameterized by
 * the inverse CDF, {@code z = -log(1 - u) / lambda}, {@code u ~ U(0, 1)}.
 *
 * @param rate the rate lambda, positive
 */
public record Exponential(Real rate) implements Distribution {

    /** Checks the rate. */
    public Exponential {
        Objects.requireNonNull(rate, "Exponential: rate must not be null");
        if (!(rate.value() > 0)) {
            throw new IllegalArgumentException("Exponential: rate must be positive, got " + rate.value());
        }
    }

    /** The exponential distribution with a constant rate. */
    public Exponential(double rate) {
        this(Real.of(rate));
    }

    @Override
    public double sample(RandomGenerator rnd) {
        return -Math.log1p(-rnd.nextDouble()) / rate.value();
    }

    /** {@code -log(1 - u) / lambda}: {@code dz/dlambda = -z / lambda}. */
    @Override
    public Real rsample(RandomGenerator rnd) {
        // NOTE: log1p(-u) with u in [0, 1) is finite; log(u) could be log(0).
        return rate.pow(-1).mul(-Math.log1p(-rnd.nextDouble()));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** {@code log lambda - lambda x} for x &gt;= 0, -infinity for x &lt; 0. */
    @Override
    public Real logProb(Real x) {
        if (x.lt(0)) {
            return Real.of(Double.NEGATIVE_INFINITY);
        }
        return rate.log().sub(rate.mul(x));
    }

    /** {@code 1 - log lambda}. */
    @Override
    public Real entropy() {
        return rate.log().neg().add(1);
    }
}
