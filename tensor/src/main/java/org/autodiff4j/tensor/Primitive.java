package org.autodiff4j.tensor;

/**
 * One differentiable operation: its forward kernel and its vector-Jacobian product, declared side by
 * side. Everything else in the library ({@code mean}, {@code softmax}, {@code logSumExp},
 * {@code clamp}, ...) is composed from these and gets its gradient for free.
 *
 * <p>The VJP is written with {@link Tensor} operations, so when the engine runs it while recording
 * ({@code createGraph}) the backward pass is itself a graph that can be differentiated again. A VJP
 * may return its gradient at the broadcast shape of the output: the engine sums it down to the
 * input's shape, once, for every primitive ({@link Autograd}).
 *
 * <p>The set is closed (sealed) so the registry tests can check that each kind of primitive has
 * sample cases: a new primitive cannot slip in untested.
 */
sealed interface Primitive permits Unary, Binary, Reduce, MatMul, Where, Views.Reshape, Views.Permute,
        Views.Expand, Views.Slice, Views.SliceScatter, Contiguous, Cast,
        Indexing.Gather, Indexing.ScatterAdd, Joining.Cat, Windows.Unfold, Windows.Fold,
        MatrixPrimitives.Solve, MatrixPrimitives.Det, MatrixPrimitives.LogAbsDet, MatrixPrimitives.Cholesky,
        Checkpoint {

    /** The value, computed from the inputs' values; never recorded, never one of the inputs itself. */
    Tensor forward(Tensor... x);

    /**
     * The gradient with respect to input {@code i}, given the upstream gradient {@code g} (shaped as
     * {@code out}), the inputs {@code x} and the output {@code out}; null if input i has none (a
     * mask). May be shaped as {@code out} where {@code x[i]} was broadcast.
     */
    Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out);

    /**
     * Adds {@code vjp(i, g, x, out)} into {@code acc} in place and returns true, when this primitive
     * can do that without materializing the VJP (a slice adds g into its region only); false (the
     * default) to have the engine call {@link #vjp}. Only in a backward pass that records no graph,
     * with {@code acc} a gradient of x[i]'s shape that only the engine can see.
     */
    default boolean addVjpInto(Tensor acc, int i, Tensor g, Tensor[] x, Tensor out) {
        return false;
    }

    /**
     * Applies the primitive: computes the value and, when recording ({@link NoGrad} is not in
     * effect) and some input takes part in autograd, records a node for the backward pass.
     */
    default Tensor apply(Tensor... x) {
        Tensor out = forward(x);
        if (GradMode.isEnabled()) {
            for (Tensor t : x) {
                if (t.tracksGrad()) {
                    out.record(new Node(this, x));
                    break;
                }
            }
        }
        return out;
    }
}
