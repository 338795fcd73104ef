package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * The activation the Gaussian error linear unit, tanh form (see {@link F#gelu}), element-wise; no parameters.
 *
 * <pre>{@code new Sequential(new Linear(2, 16, rng), new GELU(), new Linear(16, 1, rng));}</pre>
 */
public final class GELU extends Module {

    /** The activation; it has no parameters. */
    public GELU() {
    }

    /** {@link F#gelu} of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return F.gelu(x);
    }
}
