package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The reverse-mode engine: runs a recorded graph backwards, calling each node's VJP
 * ({@link Primitive}) and summing gradients where a tensor was used more than once.
 *
 * <pre>{@code
 * Tensor x = Tensor.vector(1, 2, 3).requiresGrad();
 * Tensor y = x.pow(3).sum();
 * Tensor g = Autograd.grad(List.of(y), List.of(x), true).get(0);    // 3 x^2, itself differentiable
 * Tensor h = Autograd.grad(List.of(g.sum()), List.of(x), false).get(0);   // 6 x
 * }</pre>
 *
 * <p>How: the nodes reachable from the outputs are put in topological order by an iterative
 * depth-first search (no recursion, so chains of millions of ops cannot overflow the stack), then
 * visited from the outputs down. Broadcasting is undone here, once, for every primitive: a VJP may
 * return its gradient at the output's broadcast shape, and the engine sums it over the broadcast
 * dimensions down to the input's shape. With {@code createGraph} the VJPs run while recording, so the
 * gradients are themselves tensors of a graph (double backward); otherwise they run under
 * {@link NoGrad}. Unless retained, each node's saved inputs are released once back-propagated.
 * Without {@code createGraph}, the arrays of gradients and VJP temporaries that die during the pass
 * go back to a per-thread pool for the next kernels ({@link Grads}, {@link ArrayPool}).
 */
public final class Autograd {

    private Autograd() {
    }

    /**
     * The gradients of the sum of the scalar {@code outputs} with respect to {@code inputs} (any
     * tensors that track gradients, leaves or not); an input the outputs do not depend on gets zeros.
     * Leaves' {@link Tensor#grad()} are not touched. With {@code createGraph} the gradients can be
     * differentiated again, and the graph is retained; otherwise it is released.
     *
     * @throws IllegalArgumentException if an output is not a scalar or does not track gradients, or an input does not track them
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, boolean createGraph) {
        return grad(outputs, null, inputs, createGraph, createGraph);
    }

    /**
     * The vector-Jacobian product {@code sum_k gradOutputs[k]^T d outputs[k] / d inputs[j]} for each
     * input; {@code gradOutputs} may be null when every output is a scalar (seeds 1). With
     * {@code retainGraph} the graph survives for another pass.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs,
                                    boolean createGraph, boolean retainGraph) {
        Objects.requireNonNull(outputs, "outputs must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("grad: " + outputs.size() + " outputs but " + gradOutputs.size()
                    + " gradOutputs; give one per output");
        }
        Set<Tensor> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int j = 0; j < inputs.size(); j++) {
            Tensor x = Objects.requireNonNull(inputs.get(j), "inputs[" + j + "] is null");
            if (!x.tracksGrad()) {
                throw new IllegalArgumentException("grad: inputs[" + j + "] of shape " + x.shape()
                        + " does not track gradients; mark it with requiresGrad() before using it");
            }
            targets.add(x);
        }
        List<Tensor> seeds = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            seeds.add(seed(outputs.get(k), gradOutputs == null ? null : gradOutputs.get(k), "outputs[" + k + "]"));
        }
        Map<Tensor, Tensor> grads = run(outputs, seeds, targets, createGraph, retainGraph);
        List<Tensor> out = new ArrayList<>();
        for (Tensor x : inputs) {
            Tensor g = grads.get(x);
            out.add(g != null ? g : Tensor.zeros(x.dtype(), x.shape().toArray()));
        }
        return out;
    }

    /** {@link Tensor#backward}: accumulates into the leaves' {@code grad()}. */
    static void backward(Tensor output, Tensor gradient, boolean retainGraph) {
        Tensor seed = seed(output, gradient, "backward");
        run(List.of(output), List.of(seed), null, false, retainGraph);
    }

    /** The seed for {@code output}: {@code gradient}, checked, or 1 for a scalar. */
    private static Tensor seed(Tensor output, Tensor gradient, String what) {
        Objects.requireNonNull(output, what + ": output is null");
        if (!output.tracksGrad()) {
            throw new IllegalArgumentException(what + ": the output of shape " + output.shape() + " does not track"
                    + " gradients: no input was marked requiresGrad(), or it was computed under NoGrad");
        }
        if (gradient == null) {
            if (output.size() != 1) {
                throw new IllegalArgumentException(what + ": the output has shape " + output.shape()
                        + ", not a scalar; pass the gradient with respect to it (same shape), as backward(gradient)");
            }
            return Tensor.ones(output.dtype(), output.shape().toArray());
        }
        if (!gradient.shape().equals(output.shape()) || gradient.dtype() != output.dtype()) {
            throw new IllegalArgumentException(what + ": the gradient has shape " + gradient.shape() + " and type "
                    + gradient.dtype() + ", the output " + output.shape() + " and " + output.dtype());
        }
        return gradient;
    }

    /**
     * The sweep. With {@code targets} null, every leaf that requires gradients accumulates into its
     * {@code grad()}; otherwise the gradients of the targets are returned and only the paths to them
     * are visited.
     */
    private static Map<Tensor, Tensor> run(List<Tensor> roots, List<Tensor> seeds, Set<Tensor> targets,
                                           boolean createGraph, boolean retainGraph) {
        List<Tensor> order = topologicalOrder(roots);
        Set<Tensor> needed = targets == null ? null : leadingTo(order, targets);
        Grads grads = new Grads(!createGraph);
        boolean previous = GradMode.set(createGraph);
        try {
            for (int k = 0; k < roots.size(); k++) {
                if (AnomalyMode.isEnabled()) {
                    AnomalyMode.check(seeds.get(k), "the gradient given for output " + k);
                }
                grads.add(roots.get(k), seeds.get(k));
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                if (needed != null && !needed.contains(t)) {
                    continue;
                }
                Tensor g = grads.get(t);
                if (g == null) {
                    continue;
                }
                if (t.hasHooks()) {
                    grads.escape(g);
                    g = t.runHooks(g);
                    grads.put(t, g);
                }
                Node node = t.node();
                if (node == null) {
                    if (targets == null && t.requiresGradFlag()) {
                        if (t.grad() == null) {
                            grads.escape(g);
                        }
                        t.accumulateGrad(g);
                    }
                } else {
                    propagate(t, node, g, grads, needed);
                    if (!retainGraph) {
                        node.release();
                    }
                }
                // NOTE: t's gradient stays held while its VJPs run, so none of them can recycle it.
                if (targets == null || !targets.contains(t)) {
                    grads.remove(t);
                    grads.drop(g);
                }
            }
        } finally {
            GradMode.set(previous);
        }
        return grads.byTensor();
    }

    /** Adds the VJP of {@code t}'s node, summed to each input's shape, to the inputs' gradients. */
    private static void propagate(Tensor t, Node node, Tensor g, Grads grads, Set<Tensor> needed) {
        Tensor[] inputs = node.inputs();
        if (inputs == null) {
            throw new IllegalStateException("backward through " + node.name() + " (output shape " + t.shape()
                    + ") a second time: an earlier backward pass released its graph; pass retainGraph = true to"
                    + " the first one to keep it");
        }
        // NOTE: a checkpoint's VJP runs user code (the segment), which may keep what it allocates: the
        // arrays of that VJP are never recycled. Nor are those of VJPs around small tensors only,
        // which the pool would not take anyway (not recording is always safe, merely not reusing).
        boolean record = !(node.op instanceof Checkpoint) && Grads.large(t, inputs);
        if (record) {
            grads.beginVjp();
        }
        try {
            for (int k = 0; k < inputs.length; k++) {
                Tensor x = inputs[k];
                if (!x.tracksGrad() || (needed != null && !needed.contains(x))) {
                    continue;
                }
                Tensor acc = record ? grads.accumulator(x) : null;
                if (acc != null && !AnomalyMode.isEnabled() && node.op.addVjpInto(acc, k, g, inputs, t)) {
                    continue;
                }
                Tensor gk = node.op.vjp(k, g, inputs, t);
                if (gk != null) {
                    Tensor summed = sumTo(gk, x.shape(), node);
                    if (AnomalyMode.isEnabled()) {
                        AnomalyMode.check(summed, node, k, t, g);
                    }
                    grads.add(x, summed);
                }
            }
        } finally {
            if (record) {
                grads.endVjp();
            }
        }
    }

    /**
     * {@code g} summed over the dimensions along which a tensor of shape {@code target} was broadcast
     * to g's shape: the one place where broadcasting is undone.
     */
    static Tensor sumTo(Tensor g, Shape target, Node node) {
        if (g.shape().equals(target)) {
            return g;
        }
        if (!target.broadcastsTo(g.shape())) {
            throw new IllegalStateException("the VJP of " + node.name() + " returned shape " + g.shape()
                    + " for an input of shape " + target);
        }
        int lead = g.rank() - target.rank();
        int[] axes = new int[g.rank()];
        int n = 0;
        for (int d = 0; d < g.rank(); d++) {
            if (d < lead || (target.dim(d - lead) == 1 && g.shape().dim(d) != 1)) {
                axes[n++] = d;
            }
        }
        return g.sum(java.util.Arrays.copyOf(axes, n), true).reshape(target.toArray());
    }

    /** The tensors reachable from the roots through recorded nodes, each after all of its inputs. */
    private static List<Tensor> topologicalOrder(List<Tensor> roots) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> stack = new ArrayList<>();
        int[] next = new int[16];
        for (Tensor root : roots) {
            if (!seen.add(root)) {
                continue;
            }
            stack.add(root);
            next[0] = 0;
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                Tensor t = stack.get(top);
                Tensor[] inputs = t.node() == null ? null : t.node().inputs();
                if (inputs != null && next[top] < inputs.length) {
                    Tensor x = inputs[next[top]++];
                    if (x.tracksGrad() && seen.add(x)) {
                        if (stack.size() == next.length) {
                            next = java.util.Arrays.copyOf(next, 2 * next.length);
                        }
                        next[stack.size()] = 0;
                        stack.add(x);
                    }
                } else {
                    stack.remove(top);
                    order.add(t);
                }
            }
        }
        return order;
    }

    /** The tensors of {@code order} (inputs first) from which some target can be reached. */
    private static Set<Tensor> leadingTo(List<Tensor> order, Set<Tensor> targets) {
        Set<Tensor> needed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : order) {
            // NOTE: a released node's inputs are unknown: count it as needed, so the sweep reports the
            // release instead of returning zeros.
            boolean need = targets.contains(t) || (t.node() != null && t.node().released());
            Tensor[] inputs = t.node() == null ? null : t.node().inputs();
            if (!need && inputs != null) {
                for (Tensor x : inputs) {
                    if (needed.contains(x)) {
                        need = true;
                        break;
                    }
                }
            }
            if (need) {
                needed.add(t);
            }
        }
        return needed;
    }

    // ==== checkpointing and anomaly detection ===================================================

    /**
     * {@code segment.apply(input)}, recorded as one operation that saves only {@code input}: the
     * segment runs without recording, and again (recording) when a backward pass reaches it, so its
     * intermediate tensors are never held all at once. Same value and same gradient as calling
     * {@code segment} directly, at the cost of a second forward pass; splitting a chain of n ops into
     * {@code sqrt(n)} checkpointed segments keeps about {@code 2 sqrt(n)} saved tensors instead of n.
     * Double backward works ({@code createGraph} recomputes on top of the input).
     *
     * <pre>{@code
     * Tensor h = x;
     * for (Function<Tensor, Tensor> block : blocks) {
     *     h = Autograd.checkpoint(block, h);
     * }
     * h.sum().backward();
     * }</pre>
     *
     * <p>The segment must be deterministic, and it is differentiated with respect to its input only:
     * tensors it captures are constants for it. Pass parameters that need gradients as inputs of
     * {@link #checkpoint(java.util.function.Function, List)}.
     *
     * @throws IllegalStateException in the backward pass if the recomputed segment's shape differs
     */
    public static Tensor checkpoint(java.util.function.Function<Tensor, Tensor> segment, Tensor input) {
        Objects.requireNonNull(segment, "checkpoint: segment must not be null");
        Objects.requireNonNull(input, "checkpoint: input must not be null");
        return new Checkpoint(xs -> segment.apply(xs.get(0))).apply(input);
    }

    /**
     * {@link #checkpoint(java.util.function.Function, Tensor)} for a segment of several inputs, such
     * as an activation and the layer's parameters, all of which get gradients; the segment receives
     * them in the given order, and one recomputation serves them all.
     * {@code checkpoint(in -> in.get(0).matmul(in.get(1)).tanh(), List.of(h, w))}.
     */
    public static Tensor checkpoint(java.util.function.Function<List<Tensor>, Tensor> segment, List<Tensor> inputs) {
        Objects.requireNonNull(segment, "checkpoint: segment must not be null");
        Objects.requireNonNull(inputs, "checkpoint: inputs must not be null");
        Tensor[] x = new Tensor[inputs.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = Objects.requireNonNull(inputs.get(j), "checkpoint: inputs[" + j + "] is null");
        }
        return new Checkpoint(segment).apply(x);
    }

    /**
     * Enables anomaly detection on this thread until the returned scope is closed: the first NaN or
     * infinity that a backward pass produces throws an {@link ArithmeticException} naming the forward
     * operation whose backward rule produced it and the line of user code that called it (recorded
     * for operations applied while enabled). {@code try (AnomalyMode on = Autograd.detectAnomaly()) { ... }}.
     */
    public static AnomalyMode detectAnomaly() {
        return new AnomalyMode();
    }

    /** Switches anomaly detection ({@link #detectAnomaly()}) on or off for this thread, without a scope. */
    public static void setDetectAnomaly(boolean enabled) {
        AnomalyMode.set(enabled);
    }

    /** True if anomaly detection is on for this thread. */
    public static boolean isDetectAnomalyEnabled() {
        return AnomalyMode.isEnabled();
    }
}
