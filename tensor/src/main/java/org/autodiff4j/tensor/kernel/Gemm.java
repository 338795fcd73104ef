package org.autodiff4j.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Matrix products {@code C = A B}: A is {@code n x k}, B {@code k x m}, C {@code n x m}. Operands are
 * strided: {@code A[i][p]} is at {@code a[aOff + i * aRow + p * aCol]} and {@code B[p][j]} at
 * {@code b[bOff + p * bRow + j * bCol]}, so a transposed or sliced view is multiplied without a copy
 * (the row stride of a transposed matrix is 1 and its column stride the original row length). C is
 * dense row-major at {@code c[cOff ..]}: {@code C[i][j]} at {@code c[cOff + i * m + j]}.
 *
 * <p>{@link #multiply} picks the kernel: the packed, cache-blocked Vector API kernel ({@code GemmF64},
 * after Goto and van de Geijn 2008) for all but tiny products, shared by the cores for large ones
 * (a {@link GemmTeam} when C has at least as many rows as columns and B, packed, fits in 2^20
 * values, as at k = m = 1024; otherwise independent slabs of C); {@link #reference} is the plain
 * triple loop the tests compare against, and the fallback when the {@code jdk.incubator.vector}
 * module is not present or the CPU has no 256-bit vectors. Either way of sharing gives the
 * one-thread result bit for bit.
 *
 * <p>F64 computes in double; F32 multiplies and adds in float with fused multiply-adds, as BLAS
 * sgemm (its reference rounds each product and sum to float). A and B are not modified; C is
 * overwritten, never read.
 */
public final class Gemm {

    /** True when the packed Vector API kernels can run: the incubator module is resolved and the CPU has 256-bit vectors. */
    public static final boolean VECTORIZED = vectorized();

    // NOTE: below about 16^3 multiply-adds, packing costs more than it saves (measured with
    // GemmBench.small*); above about 96^3 a second core pays for the hand-off (a few microseconds).
    private static final long PACKED_MIN = 16L * 16 * 16;
    private static final long PARALLEL_MIN = 96L * 96 * 96;

    private Gemm() {
    }

    // NOTE: read once. availableProcessors() reads the container's CPU limits and cost 2% of an MLP
    // training step (JFR) when it was called for every product; the pool below is sized once anyway.
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    /** The calling thread's limit ({@link #limitThreads}), 0 for none. */
    private static final ThreadLocal<int[]> LIMIT = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * The number of threads {@link #multiply} uses for large products: the available processors (read
     * at startup), or the calling thread's limit ({@link #limitThreads}).
     */
    public static int defaultThreads() {
        int limit = LIMIT.get()[0];
        return limit == 0 ? PROCESSORS : limit;
    }

    /**
     * Limits the products computed on the calling thread to {@code threads} threads (the caller's
     * included), or lifts the limit ({@code 0}); returns the previous limit. The public face is
     * {@code org.autodiff4j.tensor.ThreadLimit}.
     */
    public static int limitThreads(int threads) {
        int[] limit = LIMIT.get();
        int previous = limit[0];
        limit[0] = threads;
        return previous;
    }

    /** {@code C = A B} in double, on up to {@link #defaultThreads()} threads when large. */
    public static void multiply(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int bRow, int bCol,
                                double[] c, int cOff, int n, int k, int m) {
        multiply(a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, n, k, m, defaultThreads());
    }

    /** {@code C = A B} in double on at most {@code threads} threads (the caller's and pool threads). */
    public static void multiply(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int bRow, int bCol,
                                double[] c, int cOff, int n, int k, int m, int threads) {
        long work = (long) n * k * m;
        if (!VECTORIZED || work < PACKED_MIN) {
            reference(a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, n, k, m);
            return;
        }
        int parts = work < PARALLEL_MIN ? 1 : Math.max(1, threads);
        if (parts > 1 && n >= m && GemmF64.Shared.fits(k, m)) {
            share(parts, new GemmTeam(new GemmF64.Shared(a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, k, m),
                    n, k, parts, GemmF64.MR, GemmF64.KC, GemmF64.MC));
            return;
        }
        split(n, m, parts, GemmF64.MR, GemmF64.NR, (i0, i1, j0, j1) -> GemmF64.multiply(
                a, aOff + i0 * aRow, aRow, aCol, b, bOff + j0 * bCol, bRow, bCol,
                c, cOff + i0 * m + j0, m, i1 - i0, k, j1 - j0));
    }

    /** {@code C = A B} in float (products and sums in float), on up to {@link #defaultThreads()} threads when large. */
    public static void multiply(float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                                float[] c, int cOff, int n, int k, int m) {
        multiply(a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, n, k, m, defaultThreads());
    }

    /**
     * Runs {@code product.accept(i, threads)} for each {@code i < count}: a stack of independent
     * products of {@code workEach} multiply-adds each. When each is too small to split over the
     * cores but all together are not, the products are shared among the cores, each on one thread;
     * otherwise they run one after another, each on {@link #defaultThreads()}.
     */
    public static void batch(int count, long workEach, BatchEntry product) {
        int threads = defaultThreads();
        if (count < 2 || threads < 2 || !VECTORIZED || workEach >= PARALLEL_MIN || workEach * count < PARALLEL_MIN) {
            for (int i = 0; i < count; i++) {
                product.run(i, threads);
            }
            return;
        }
        int parts = Math.min(threads, count);
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int from = (int) ((long) count * t / parts);
            int to = (int) ((long) count * (t + 1) / parts);
            tasks[t - 1] = Pool.POOL.submit(() -> {
                for (int i = from; i < to; i++) {
                    product.run(i, 1);
                }
            });
        }
        int firstEnd = count / parts;
        for (int i = 0; i < firstEnd; i++) {
            product.run(i, 1);
        }
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    /** One product of a {@link #batch}: its index and the threads it may use. */
    @FunctionalInterface
    public interface BatchEntry {
        void run(int index, int threads);
    }

    /** {@code C = A B} in float on at most {@code threads} threads. */
    public static void multiply(float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                                float[] c, int cOff, int n, int k, int m, int threads) {
        long work = (long) n * k * m;
        if (!VECTORIZED || work < PACKED_MIN) {
            reference(a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, n, k, m);
            return;
        }
        int parts = work < PARALLEL_MIN ? 1 : Math.max(1, threads);
        if (parts > 1 && n >= m && GemmF32.Shared.fits(k, m)) {
            share(parts, new GemmTeam(new GemmF32.Shared(a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, k, m),
                    n, k, parts, GemmF32.MR, GemmF32.KC, GemmF32.MC));
            return;
        }
        split(n, m, parts, GemmF32.MR, GemmF32.NR, (i0, i1, j0, j1) -> GemmF32.multiply(
                a, aOff + i0 * aRow, aRow, aCol, b, bOff + j0 * bCol, bRow, bCol,
                c, cOff + i0 * m + j0, m, i1 - i0, k, j1 - j0));
    }

    /**
     * The scalar reference, {@code C = A B} in double: the i-p-j loop, whose inner loop runs along a
     * row of B and a row of C (contiguous when {@code bCol == 1}, so the JIT vectorizes it).
     */
    public static void reference(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int bRow, int bCol,
                                 double[] c, int cOff, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int ci = cOff + i * m;
            java.util.Arrays.fill(c, ci, ci + m, 0);
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * bRow;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += aip * b[bp + j * bCol];
                }
            }
        }
    }

    /** The scalar reference in float: each product and sum rounded to float. */
    public static void reference(float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                                 float[] c, int cOff, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int ci = cOff + i * m;
            java.util.Arrays.fill(c, ci, ci + m, 0);
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * bRow;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += aip * b[bp + j * bCol];
                }
            }
        }
    }

    /** A block of C: rows {@code [i0, i1)}, columns {@code [j0, j1)}. */
    @FunctionalInterface
    private interface Block {
        void run(int i0, int i1, int j0, int j1);
    }

    /**
     * Runs {@code block} over {@code parts} slabs of the {@code n x m} result, cut along the longer
     * side at multiples of the micro-tile: the first slab on the calling thread, the others on the
     * pool. Each slab packs its own operands; the slabs share nothing but the read-only inputs. For
     * the products a {@link GemmTeam} does not take: C wider than tall (each slab then packs only
     * its own columns of B), or B too large to pack whole.
     */
    private static void split(int n, int m, int parts, int mr, int nr, Block block) {
        boolean byRows = n >= m;
        int extent = byRows ? n : m;
        int unit = byRows ? mr : nr;
        int units = (extent + unit - 1) / unit;
        parts = Math.min(parts, units);
        if (parts <= 1) {
            block.run(0, n, 0, m);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        int[] cut = new int[parts + 1];
        for (int t = 0; t <= parts; t++) {
            cut[t] = Math.min(extent, (int) ((long) units * t / parts) * unit);
        }
        for (int t = 1; t < parts; t++) {
            int from = cut[t];
            int to = cut[t + 1];
            Runnable r = byRows ? () -> block.run(from, to, 0, m) : () -> block.run(0, n, from, to);
            tasks[t - 1] = Pool.POOL.submit(r);
        }
        if (byRows) {
            block.run(0, cut[1], 0, m);
        } else {
            block.run(0, n, 0, cut[1]);
        }
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    /**
     * Runs {@code team} on the calling thread and on {@code parts - 1} pool threads. The caller does
     * not wait for the pool threads to start, only for the rows they took ({@link GemmTeam#finish}):
     * one slow to wake (0.2 to 0.3 ms measured here) finds less to do.
     */
    private static void share(int parts, GemmTeam team) {
        for (int t = 1; t < parts; t++) {
            Pool.POOL.execute(team::work);
        }
        team.work();
        team.finish();
    }

    /** The worker threads, created on first parallel use: one fewer than the processors (the caller works too). */
    private static final class Pool {
        static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, PROCESSORS - 1));
    }

    private static boolean vectorized() {
        // NOTE: the kernel classes link against jdk.incubator.vector, so they are only touched when
        // the module is resolved (it is when this module runs on the module path; on the class path
        // it needs --add-modules jdk.incubator.vector). Without it every product takes the reference.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        return GemmF64.supported();
    }
}
