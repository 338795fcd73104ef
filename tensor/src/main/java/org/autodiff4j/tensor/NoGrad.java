package org.autodiff4j.tensor;

/**
 * A scope in which operations are not recorded for autograd: results do not track gradients and no
 * graph is kept, as for evaluation, or for updating parameters in an optimizer step. Scopes nest;
 * closing one restores the mode that was in effect when it was entered. Confined to one thread.
 *
 * <pre>{@code
 * try (NoGrad off = NoGrad.enter()) {
 *     Tensor prediction = model(x);       // no graph, no saved tensors
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;
    private final Thread owner;
    private boolean closed;

    private NoGrad() {
        this.previous = GradMode.set(false);
        this.owner = Thread.currentThread();
    }

    /** Stops recording on this thread until {@link #close()}. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Restores the recording mode in effect before {@link #enter()}; a second close does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("NoGrad entered on thread " + owner.getName()
                    + " must be closed on that thread, not " + Thread.currentThread().getName());
        }
        closed = true;
        GradMode.set(previous);
    }
}
