package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * How a loss combines its per-element values, as PyTorch's {@code reduction} argument.
 *
 * <pre>{@code F.mseLoss(prediction, target, Reduction.SUM);}</pre>
 */
public enum Reduction {

    /** The mean of the per-element losses (the default); derivative {@code 1/n} for each. */
    MEAN,

    /** The sum of the per-element losses; derivative 1 for each. */
    SUM,

    /** No reduction: the per-element losses, shaped as the loss's documentation says. */
    NONE;

    /** {@code losses} reduced this way. */
    public Tensor apply(Tensor losses) {
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
        };
    }
}
