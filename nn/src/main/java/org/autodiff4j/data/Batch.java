package org.autodiff4j.data;

import org.autodiff4j.tensor.Tensor;

/**
 * A mini-batch: inputs {@code x} with the examples along the first dimension, and targets {@code y}
 * (class indices or values), one per example.
 *
 * <pre>{@code for (Batch b : loader) { Tensor loss = F.crossEntropy(model.forward(b.x()), b.y()); }}</pre>
 *
 * @param x the inputs, {@code [batch, ...]}
 * @param y the targets, {@code [batch]} or {@code [batch, ...]}
 */
public record Batch(Tensor x, Tensor y) {

    /** The number of examples. */
    public int size() {
        return x.shape().dim(0);
    }
}
