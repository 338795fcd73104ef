package org.autodiff4j.tensor.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The schedule of one large product {@code C = A B} shared by several threads ({@link Gemm}), each
 * calling {@link #work}; the packing and the kernels come from a {@link Product} ({@code
 * GemmF64.Shared}, {@code GemmF32.Shared}).
 *
 * <ol>
 *   <li>C is cut into one slab of rows per thread. A thread takes a slab from a counter and runs
 *       it through every panel of B, in the loop order of the one-thread product.</li>
 *   <li>B is packed once, into one buffer that every thread reads, a panel at a time by the
 *       threads that reach it: each takes the panel's parts that nobody has taken, then waits for
 *       the parts others are packing. The first to arrive packs most of it, the panel is fresh in
 *       the cache when the slabs read it, and a late thread finds it packed.</li>
 *   <li>In the last panel of B, the slab's owner takes its rows a block at a time from the front,
 *       and a thread that has finished its own slab takes small blocks from the back (work
 *       stealing), so the threads end together even when one was slowed. Every row of C is still
 *       the same sums in the same order, whoever computes it: the result does not depend on the
 *       threads.</li>
 * </ol>
 *
 * Nobody waits for a thread that never comes: the caller can take every part and every slab
 * itself, and {@link #finish} waits for the rows computed, not for the threads handed the work.
 *
 * <p>NOTE: this replaced one independent product per slab, each packing all of B. Two slabs alone
 * cost 7% more than the whole product on one thread (B packed twice), the pool's thread started
 * 0.2 to 0.3 ms late, and the slabs finished up to 10% apart on this shared host. In one JVM,
 * alternating on the same 1024 x 1024 operands, two threads against one, three runs, with all of B
 * packed before the slabs started: F64 1.83x, 1.84x, 1.89x before, 1.88x, 1.88x, 1.89x with the
 * team (1.78x to 1.86x without the stealing); F32 1.75x, 1.63x, 1.83x before, 1.85x, 1.84x, 1.88x
 * with it. Packing each panel when the slabs reach it, instead of all of B first, then gained 3%
 * to 5% more (F64 1.81x to 2.00x against 1.72x to 1.91x, three runs): the panel is read while it
 * is still in the cache. Mid-sized products gained most, the caller no longer waiting for the
 * pool's thread to wake (two JVMs each way): 256 x 256 x 256 from 1.19-1.37x to 1.67-1.69x,
 * 400 x 96 x 96 from 1.15-1.19x to 1.41-1.42x. Taking rows in shrinking chunks through all of B (guided
 * self-scheduling) instead of slabs was 4% to 7% slower in F64: each chunk read all 8 MiB of
 * packed B again, where a slab reads each panel for all of its rows while the panel is in cache.
 * Figures and commands in GemmBench.
 */
final class GemmTeam {

    /** The typed half of a team: the packing of B and the kernels over it. */
    interface Product {
        /** The number of parts of one panel of B that {@link #pack} packs, each by one thread. */
        int partsPerPanel();

        /** Packs part {@code part} of panel {@code panel} of B (rows {@code panel * kc} on) into the shared buffer. */
        void pack(int panel, int part);

        /** The buffers of one thread, taken when it first computes. */
        Worker worker();

        /** Gives back the shared buffer, after every row is computed. */
        void release();
    }

    /** One thread's work on a {@link Product}, with its own packing buffer for A. */
    interface Worker {
        /**
         * {@code C[i0:i1, :] += A[i0:i1, pc:pc+kc] B[pc:pc+kc, :]}, B from the shared packing; the
         * first panel ({@code pc = 0}) writes over C instead of adding to it.
         */
        void rows(int pc, int kc, int i0, int i1);

        /** Gives back this thread's buffers. */
        void release();
    }

    /** How long a thread spins for another before it parks between looks. */
    private static final long SPIN_NANOS = 1_000_000;
    /** How long it parks between looks after that. */
    private static final long PARK_NANOS = 50_000;
    /** A slab whose owner has not reached the last panel of B yet. */
    private static final long CLOSED = -1L;

    private final Product product;
    private final int n;
    private final int k;
    private final int threads;
    private final int mr;
    private final int kcStep;
    private final int mc;
    private final int lastPc;
    private final int stolenRows;
    /** Per panel of B: the next part to pack, and the parts packed. */
    private final AtomicIntegerArray nextPart;
    private final AtomicIntegerArray partsDone;
    private final AtomicInteger nextSlab = new AtomicInteger();
    private final AtomicInteger rowsDone = new AtomicInteger();
    /** Per slab, once its owner reaches the last panel of B: the rows not yet taken, as front << 32 | back. */
    private final AtomicLongArray left;
    private volatile Throwable failure;

    /**
     * A team of up to {@code threads} for an {@code n x m} C with inner dimension {@code k > 0}: the
     * kernel's micro-tile has {@code mr} rows, its panels of B are {@code kc} deep, and its blocks
     * of A {@code mc} rows.
     */
    GemmTeam(Product product, int n, int k, int threads, int mr, int kc, int mc) {
        this.product = product;
        this.n = n;
        this.k = k;
        this.threads = threads;
        this.mr = mr;
        this.kcStep = kc;
        this.mc = mc;
        this.lastPc = (k - 1) / kc * kc;
        this.stolenRows = 4 * mr;
        int panels = (k + kc - 1) / kc;
        this.nextPart = new AtomicIntegerArray(panels);
        this.partsDone = new AtomicIntegerArray(panels);
        this.left = new AtomicLongArray(threads);
        for (int t = 0; t < threads; t++) {
            left.set(t, CLOSED);
        }
    }

    /** One thread's share: slabs while there are any, then rows of other slabs' last panel while there are any. */
    void work() {
        Worker own = null;
        try {
            for (int slab = nextSlab.getAndIncrement(); slab < threads; slab = nextSlab.getAndIncrement()) {
                own = own == null ? product.worker() : own;
                runSlab(slab, own);
            }
            for (int slab = 0; slab < threads; slab++) {
                if (!awaitOpen(slab)) {
                    return;
                }
                for (long range = left.get(slab); front(range) < back(range); range = left.get(slab)) {
                    int back = back(range);
                    int from = Math.max(front(range), back - stolenRows);
                    if (left.compareAndSet(slab, range, range(front(range), from))) {
                        own = own == null ? product.worker() : own;
                        lastPanel(own, from, back);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (own != null && failure == null) {
                own.release();
            }
        }
    }

    /** Waits until every row of C is computed, by whichever threads came; then the shared buffer goes back. */
    void finish() {
        if (!await(rowsDone, n)) {
            throw new IllegalStateException("a matrix product failed on another thread", failure);
        }
        product.release();
    }

    /** Slab {@code slab}: its rows through every panel of B but the last, then the last as far as nobody steals it. */
    private void runSlab(int slab, Worker own) {
        int units = (n + mr - 1) / mr;
        int i0 = Math.min(n, (int) ((long) units * slab / threads) * mr);
        int i1 = Math.min(n, (int) ((long) units * (slab + 1) / threads) * mr);
        for (int pc = 0; pc < lastPc; pc += kcStep) {
            if (!packed(pc / kcStep)) {
                return;
            }
            own.rows(pc, kcStep, i0, i1);
        }
        if (!packed(lastPc / kcStep)) {
            return;
        }
        left.set(slab, range(i0, i1));
        for (long range = left.get(slab); front(range) < back(range); range = left.get(slab)) {
            int front = front(range);
            int rest = back(range) - front;
            int to = front + Math.min(rest, Math.min(mc, Math.max(stolenRows, (rest / 2 + mr - 1) / mr * mr)));
            if (left.compareAndSet(slab, range, range(to, back(range)))) {
                lastPanel(own, front, to);
            }
        }
    }

    /**
     * Makes sure panel {@code panel} of B is packed: packs the parts nobody has taken yet, then
     * waits for those others are packing. False if a thread failed.
     */
    private boolean packed(int panel) {
        int parts = product.partsPerPanel();
        for (int part = nextPart.getAndIncrement(panel); part < parts; part = nextPart.getAndIncrement(panel)) {
            product.pack(panel, part);
            partsDone.incrementAndGet(panel);
        }
        return await(() -> partsDone.get(panel) >= parts);
    }

    /** Rows {@code [i0, i1)} through the last panel of B, which finishes them. */
    private void lastPanel(Worker own, int i0, int i1) {
        own.rows(lastPc, k - lastPc, i0, i1);
        rowsDone.addAndGet(i1 - i0);
    }

    private static long range(int front, int back) {
        return (long) front << 32 | back;
    }

    private static int front(long range) {
        return (int) (range >>> 32);
    }

    private static int back(long range) {
        return (int) range;
    }

    /** Waits until the owner of {@code slab} has reached the last panel of B; false if a thread failed. */
    private boolean awaitOpen(int slab) {
        return await(() -> left.get(slab) != CLOSED);
    }

    /** Waits until {@code counter} reaches {@code target}; false if a thread failed. */
    private boolean await(AtomicInteger counter, int target) {
        return await(() -> counter.get() >= target);
    }

    /**
     * Waits for another thread of the team until {@code done}: spins for up to {@link #SPIN_NANOS}
     * (the threads are usually at most one part of B, or one block of rows, apart), then parks
     * briefly between looks, so that a thread it waits for gets the core when there are more
     * threads than cores. False if a thread failed.
     */
    private boolean await(BooleanSupplier done) {
        long start = 0;
        for (int spins = 0; !done.getAsBoolean(); spins++) {
            if (failure != null) {
                return false;
            }
            if (spins < 1 << 10) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            start = start == 0 ? now : start;
            if (now - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        return true;
    }
}
