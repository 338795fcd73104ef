package org.autodiff4j.tensor;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Gradient checkpointing ({@link Autograd#checkpoint}): a whole segment of computation recorded as
 * one node that saves only its input. The forward runs the segment without recording; the VJP runs
 * it again, recording, and back-propagates g through that fresh graph, which is dropped afterwards.
 * With k segments of a chain of n ops, a backward pass holds about {@code n/k + k} saved tensors
 * instead of n: {@code k = sqrt(n)} gives {@code 2 sqrt(n)} (Chen et al. 2016, "Training deep nets
 * with sublinear memory cost").
 *
 * <p>With {@code createGraph} the recomputation is recorded on top of the input itself, so the
 * gradient is differentiable again (double backward through a checkpoint works).
 */
record Checkpoint(Function<Tensor, Tensor> segment) implements Primitive {

    @Override
    public Tensor forward(Tensor... x) {
        Tensor out;
        boolean previous = GradMode.set(false);
        try {
            out = Objects.requireNonNull(segment.apply(x[0]), "checkpoint: the segment returned null");
        } finally {
            GradMode.set(previous);
        }
        // NOTE: the segment may return its input or a tensor it captured; the node must be recorded on
        // a new object, never on one that already belongs to a graph.
        return out == x[0] || out.tracksGrad() ? out.detach() : out;
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        boolean createGraph = GradMode.isEnabled();
        boolean previous = GradMode.set(true);
        try {
            Tensor input = createGraph ? new Views.Reshape(x[0].shape()).apply(x[0]) : x[0].detach().requiresGrad();
            Tensor y = segment.apply(input);
            if (y == null || !y.shape().equals(out.shape())) {
                throw new IllegalStateException("checkpoint: the segment returned " + (y == null ? "null" : "shape "
                        + y.shape()) + " when recomputed for backward, " + out.shape() + " in the forward pass; a"
                        + " checkpointed segment must be deterministic");
            }
            if (!y.tracksGrad()) {
                return null;
            }
            return Autograd.grad(List.of(y), List.of(g), List.of(input), createGraph, createGraph).get(0);
        } finally {
            GradMode.set(previous);
        }
    }

    @Override
    public String toString() {
        return "checkpoint";
    }
}
