package org.autodiff4j.tensor;

import org.autodiff4j.tensor.kernel.Gemm;

/**
 * A scope in which the tensor operations run on the calling thread use at most a given number of
 * threads (PyTorch's {@code torch.set_num_threads}, for one thread only). By default a large matrix
 * product splits over all the available processors; a caller that already runs one task per core, as
 * a Spark executor does, limits each task to its own core so that the tasks' products do not wait on
 * one another for the same cores. Scopes nest; closing one restores the limit in effect when it was
 * entered. Confined to one thread; other threads keep their own limits.
 *
 * <pre>{@code
 * try (ThreadLimit one = ThreadLimit.enter(1)) {
 *     loss.backward();                    // every product on this thread alone
 * }
 * }</pre>
 */
public final class ThreadLimit implements AutoCloseable {

    private final int previous;
    private final Thread owner;
    private boolean closed;

    private ThreadLimit(int threads) {
        this.previous = Gemm.limitThreads(threads);
        this.owner = Thread.currentThread();
    }

    /**
     * Limits this thread's operations to {@code threads} threads until {@link #close()}.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static ThreadLimit enter(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new ThreadLimit(threads);
    }

    /** The number of threads an operation on this thread may use now: the limit, or the available processors. */
    public static int current() {
        return Gemm.defaultThreads();
    }

    /** Restores the limit in effect before {@link #enter}; a second close does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("ThreadLimit entered on thread " + owner.getName()
                    + " must be closed on that thread, not " + Thread.currentThread().getName());
        }
        closed = true;
        Gemm.limitThreads(previous);
    }
}
