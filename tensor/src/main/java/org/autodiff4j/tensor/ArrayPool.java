package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Storage arrays known to be dead, kept per thread for the next kernel that needs one of the same
 * length: a caching allocator, as PyTorch's. The arrays come back only from the backward pass
 * ({@link Grads}), which proves them unreachable: gradients and temporaries of its VJPs that no
 * gradient it still holds shares; and from a closing {@link TensorScope}, which marks every tensor
 * on them released (reading one then fails). So a tensor a user can use never loses its storage.
 *
 * <p>Why: a new Java array is zeroed in memory the allocator has not touched for a while (the young
 * generation is far larger than the caches), so a 32 KiB intermediate cost about 1.4 us more than
 * the vectorized loop that fills it (0.9 us from L2). A reused array is still in cache. In
 * {@code TensorRosenbrockBench} (n = 4096) the arrays a backward pass releases serve its own later
 * VJPs and the next forward pass.
 *
 * <p>Kernels ask with {@link #f64} or {@link #f32}, whose contents are arbitrary (so only for
 * results they overwrite entirely), or {@link #zerosF64} / {@link #zerosF32}. Arrays shorter than
 * {@link #MIN_LENGTH} are always new: for them the bookkeeping costs more than it saves. At most
 * {@link #MAX_BYTES} are kept per thread, the most recently released first, none larger than a
 * quarter of that.
 */
final class ArrayPool {

    static final int MIN_LENGTH = 1024;
    static final long MAX_BYTES = 4L << 20;

    private static final ThreadLocal<ArrayPool> POOL = ThreadLocal.withInitial(ArrayPool::new);

    /** The free arrays, the most recently released last. */
    private final List<Object> free = new ArrayList<>();
    private long bytes;
    /** Where the engine records the arrays handed out while a VJP runs ({@link Grads}), or null. */
    private List<Object> record;
    /** Where the innermost open {@link TensorScope} of this thread records the arrays handed out, or null. */
    private List<Object> scopeRecord;

    private ArrayPool() {
    }

    /** An array of {@code n} doubles with arbitrary contents: the caller must overwrite every element. */
    static double[] f64(int n) {
        if (n < MIN_LENGTH) {
            return new double[n];
        }
        ArrayPool pool = POOL.get();
        double[] a = (double[]) pool.take(double[].class, n);
        return pool.handOut(a != null ? a : new double[n]);
    }

    /** An array of {@code n} floats with arbitrary contents: the caller must overwrite every element. */
    static float[] f32(int n) {
        if (n < MIN_LENGTH) {
            return new float[n];
        }
        ArrayPool pool = POOL.get();
        float[] a = (float[]) pool.take(float[].class, n);
        return pool.handOut(a != null ? a : new float[n]);
    }

    /** An array of {@code n} zeros. */
    static double[] zerosF64(int n) {
        if (n < MIN_LENGTH) {
            return new double[n];
        }
        ArrayPool pool = POOL.get();
        double[] a = (double[]) pool.take(double[].class, n);
        if (a != null) {
            java.util.Arrays.fill(a, 0);
        }
        return pool.handOut(a != null ? a : new double[n]);
    }

    /** An array of {@code n} float zeros. */
    static float[] zerosF32(int n) {
        if (n < MIN_LENGTH) {
            return new float[n];
        }
        ArrayPool pool = POOL.get();
        float[] a = (float[]) pool.take(float[].class, n);
        if (a != null) {
            java.util.Arrays.fill(a, 0);
        }
        return pool.handOut(a != null ? a : new float[n]);
    }

    /**
     * Keeps {@code array}, which nothing live references any more, for reuse on this thread. Only the
     * backward pass ({@link Grads}) and a closing {@link TensorScope} call this.
     */
    static void release(Object array) {
        if (length(array) < MIN_LENGTH || size(array) > MAX_BYTES / 4) {
            return;   // NOTE: a large array would push out all the others, and it is not in cache anyway
        }
        ArrayPool pool = POOL.get();
        if (pool.holds(array)) {
            throw new IllegalStateException("an array was released twice");
        }
        pool.free.add(array);
        pool.bytes += size(array);
        while (pool.bytes > MAX_BYTES) {
            pool.bytes -= size(pool.free.removeFirst());
        }
    }

    /** This thread's pool. */
    static ArrayPool current() {
        return POOL.get();
    }

    /**
     * Starts recording into {@code list} every array of at least {@link #MIN_LENGTH} handed out on
     * this pool's thread while operations are not recorded for autograd (null stops); returns the
     * previous list, to be restored.
     */
    List<Object> record(List<Object> list) {
        List<Object> previous = record;
        record = list;
        return previous;
    }

    /**
     * Starts recording into {@code list} every array of at least {@link #MIN_LENGTH} handed out on
     * this pool's thread, for a {@link TensorScope} (null stops); returns the previous list.
     */
    List<Object> recordForScope(List<Object> list) {
        List<Object> previous = scopeRecord;
        scopeRecord = list;
        return previous;
    }

    /** Whether {@code array} is among the free arrays. */
    boolean holds(Object array) {
        for (Object a : free) {
            if (a == array) {
                return true;
            }
        }
        return false;
    }

    private Object take(Class<?> type, int n) {
        for (int i = free.size() - 1; i >= 0; i--) {
            Object a = free.get(i);
            if (a.getClass() == type && length(a) == n) {
                free.remove(i);
                bytes -= size(a);
                return a;
            }
        }
        return null;
    }

    private <A> A handOut(A array) {
        // NOTE: an array handed out while recording may be saved in the graph, so it is never recorded.
        if (record != null && !GradMode.isEnabled()) {
            record.add(array);
        }
        if (scopeRecord != null) {
            scopeRecord.add(array);
        }
        return array;
    }

    private static int length(Object array) {
        return array instanceof double[] d ? d.length : ((float[]) array).length;
    }

    private static long size(Object array) {
        return (long) length(array) * (array instanceof double[] ? 8 : 4);
    }
}
