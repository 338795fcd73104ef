package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * The activation the logistic function {@code 1 / (1 + e^-x)}; derivative {@code s(x)(1 - s(x))}, element-wise; no parameters.
 *
 * <pre>{@code new Sequential(new Linear(2, 16, rng), new Sigmoid(), new Linear(16, 1, rng));}</pre>
 */
public final class Sigmoid extends Module {

    /** The activation; it has no parameters. */
    public Sigmoid() {
    }

    /** {@link F#sigmoid} of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return F.sigmoid(x);
    }
}
