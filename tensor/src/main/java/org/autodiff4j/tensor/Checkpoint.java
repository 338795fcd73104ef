package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Gradient checkpointing ({@link Autograd#checkpoint}): a whole segment of computation recorded as
 * one node that saves only its inputs. The forward runs the segment without recording; the VJP runs
 * it again, recording, and back-propagates g through that fresh graph, which is dropped afterwards.
 * With k segments of a chain of n ops, a backward pass holds about {@code n/k + k} saved tensors
 * instead of n: {@code k = sqrt(n)} gives {@code 2 sqrt(n)} (Chen et al. 2016, "Training deep nets
 * with sublinear memory cost").
 *
 * <p>With {@code createGraph} the recomputation is recorded on top of the inputs themselves, so the
 * gradients are differentiable again (double backward through a checkpoint works).
 */
final class Checkpoint implements Primitive {

    private final Function<List<Tensor>, Tensor> segment;
    /**
     * The gradients of the last recomputation, for the other inputs of the same backward step: the
     * engine asks for one input's VJP at a time, with the same g. NOTE: kept in the rule so that n
     * inputs (an activation and parameters) cost one recomputation, not n; dropped after the last.
     */
    private Tensor cachedFor;
    private boolean cachedGraph;
    private Tensor[] cached;

    Checkpoint(Function<List<Tensor>, Tensor> segment) {
        this.segment = segment;
    }

    @Override
    public Tensor forward(Tensor... x) {
        Tensor out;
        boolean previous = GradMode.set(false);
        try {
            out = Objects.requireNonNull(segment.apply(List.of(x)), "checkpoint: the segment returned null");
        } finally {
            GradMode.set(previous);
        }
        // NOTE: the segment may return an input or a tensor it captured; the node must be recorded on
        // a new object, never on one that already belongs to a graph.
        return Arrays.asList(x).contains(out) || out.tracksGrad() ? out.detach() : out;
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        boolean createGraph = GradMode.isEnabled();
        if (cached == null || cachedFor != g || cachedGraph != createGraph) {
            cached = recompute(g, x, out, createGraph);
            cachedFor = g;
            cachedGraph = createGraph;
        }
        Tensor gi = cached[i];
        if (i == lastTracked(x)) {
            cached = null;
            cachedFor = null;
        }
        return gi;
    }

    /** Runs the segment again, recording, and returns the VJP with g for every input that tracks gradients. */
    private Tensor[] recompute(Tensor g, Tensor[] x, Tensor out, boolean createGraph) {
        boolean previous = GradMode.set(true);
        try {
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> variables = new ArrayList<>();
            for (Tensor t : x) {
                Tensor v = !t.tracksGrad() ? t
                        : createGraph ? new Views.Reshape(t.shape()).apply(t) : t.detach().requiresGrad();
                inputs.add(v);
                if (t.tracksGrad()) {
                    variables.add(v);
                }
            }
            Tensor y = segment.apply(inputs);
            if (y == null || !y.shape().equals(out.shape())) {
                throw new IllegalStateException("checkpoint: the segment returned " + (y == null ? "null" : "shape "
                        + y.shape()) + " when recomputed for backward, " + out.shape() + " in the forward pass; a"
                        + " checkpointed segment must be deterministic");
            }
            Tensor[] grads = new Tensor[x.length];
            if (y.tracksGrad()) {
                List<Tensor> gs = Autograd.grad(List.of(y), List.of(g), variables, createGraph, createGraph);
                for (int j = 0, k = 0; j < x.length; j++) {
                    if (x[j].tracksGrad()) {
                        grads[j] = gs.get(k++);
                    }
                }
            }
            return grads;
        } finally {
            GradMode.set(previous);
        }
    }

    private static int lastTracked(Tensor[] x) {
        for (int j = x.length - 1; j >= 0; j--) {
            if (x[j].tracksGrad()) {
                return j;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "checkpoint";
    }
}
