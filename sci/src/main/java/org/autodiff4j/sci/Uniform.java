package org.autodiff4j.sci;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.Real;

/**
 * The uniform distribution on {@code [low, high)}: {@code z = low + (high - low) u}, {@code u ~ U(0, 1)}.
 *
 * @param low the lower end
 * @param high the upper end, greater than low
 */
public record Uniform(Real low, Real high) implements Distribution {

    /** Checks the parameters. */
    public Uniform {
        Objects.requireNonNull(low, "Uniform: low must not be null");
        Objects.requireNonNull(high, "Uniform: high must not be null");
        if (!(high.value() > low.value())) {
            throw new IllegalArgumentException("Uniform: high must exceed low, got [" + low.value() + ", " + high.value() + ")");
        }
    }

    /** The uniform distribution on constant ends. */
    public Uniform(double low, double high) {
        this(Real.of(low), Real.of(high));
    }

    @Override
    public double sample(RandomGenerator rnd) {
        return low.value() + (high.value() - low.value()) * rnd.nextDouble();
    }

    /** {@code low + (high - low) u}: {@code dz/dlow = 1 - u}, {@code dz/dhigh = u}. */
    @Override
    public Real rsample(RandomGenerator rnd) {
        return low.add(high.sub(low).mul(rnd.nextDouble()));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /**
     * {@code -log(high - low)} inside {@code [low, high)}, -infinity outside. NOTE: the density's jumps at
     * the ends are not differentiated: the derivative in x is 0 inside.
     */
    @Override
    public Real logProb(Real x) {
        if (x.lt(low) || !x.lt(high)) {
            return Real.of(Double.NEGATIVE_INFINITY);
        }
        return high.sub(low).log().neg();
    }

    /** {@code log(high - low)}. */
    @Override
    public Real entropy() {
        return high.sub(low).log();
    }
}
