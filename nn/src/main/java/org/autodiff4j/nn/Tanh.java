package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * The activation {@code tanh x}; derivative {@code 1 - tanh^2 x}, element-wise; no parameters.
 *
 * <pre>{@code new Sequential(new Linear(2, 16, rng), new Tanh(), new Linear(16, 1, rng));}</pre>
 */
public final class Tanh extends Module {

    /** The activation; it has no parameters. */
    public Tanh() {
    }

    /** {@link F#tanh} of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return F.tanh(x);
    }
}
