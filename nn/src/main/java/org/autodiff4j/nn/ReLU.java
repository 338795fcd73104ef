package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * The activation {@code max(x, 0)}; derivative 1 where x &gt; 0, else 0 (also at 0), element-wise; no parameters.
 *
 * <pre>{@code new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 1, rng));}</pre>
 */
public final class ReLU extends Module {

    /** The activation; it has no parameters. */
    public ReLU() {
    }

    /** {@link F#relu} of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return F.relu(x);
    }
}
