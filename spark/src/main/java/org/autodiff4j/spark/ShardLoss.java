package org.autodiff4j.spark;

import java.io.Serializable;
import org.autodiff4j.nn.F;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.Reduction;
import org.autodiff4j.tensor.Tensor;

/**
 * The loss of one shard of examples: the <em>sum</em> (not the mean) of the per-example losses, so
 * that shard losses and their gradients add up to the full batch's; {@link DataParallel} divides by
 * the number of examples once, on the driver.
 *
 * <pre>{@code ShardLoss loss = (model, x, y) -> F.crossEntropy(model.forward(x), y, Reduction.SUM, 0);}</pre>
 */
@FunctionalInterface
public interface ShardLoss extends Serializable {

    /**
     * The summed loss of {@code model} on inputs {@code x} (shape {@code [n, features...]}) and class
     * indices {@code y} (shape {@code [n]}, in the type of {@code x}), recorded for autograd.
     */
    Tensor sum(Module model, Tensor x, Tensor y);

    /** Summed cross-entropy of the model's logits against the labels: {@code F.crossEntropy(..., SUM, 0)}. */
    static ShardLoss crossEntropy() {
        return (model, x, y) -> F.crossEntropy(model.forward(x), y, Reduction.SUM, 0);
    }
}
