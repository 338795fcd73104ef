package org.autodiff4j.nn;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Tensor;

/**
 * Inverted dropout ({@link F#dropout}): in training mode zeroes each element with probability
 * {@code p}, drawn from its own seeded generator, and scales the rest by {@code 1/(1-p)}; in
 * evaluation mode the identity.
 *
 * <pre>{@code new Sequential(new Linear(784, 256, rng), new ReLU(), new Dropout(0.2, rng.split()), ...);}</pre>
 */
public final class Dropout extends Module {

    private final double p;
    private final RandomGenerator rng;

    /**
     * Dropout with probability {@code p}, masks drawn from {@code rng}.
     *
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = Objects.requireNonNull(rng, "rng must not be null");
    }

    /** {@code x} with a fresh mask in training mode, {@code x} itself in evaluation mode. */
    @Override
    public Tensor forward(Tensor x) {
        return F.dropout(x, p, isTraining(), rng);
    }

    @Override
    protected String describe() {
        return "Dropout(" + p + ")";
    }
}
