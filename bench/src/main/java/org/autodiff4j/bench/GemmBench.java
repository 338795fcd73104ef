package org.autodiff4j.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.tensor.kernel.Gemm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.openjdk.jmh.annotations.*;

/**
 * Square GEMM {@code C = A B}, row-major, n x n: our packed Vector API kernel ({@link Gemm}) in F64
 * and F32, against native OpenBLAS ({@code dev.ludovic.netlib:blas} on Debian's
 * {@code libopenblas0}, plain Java arrays) and EJML ({@code CommonOps_DDRM.mult}, pure Java; its
 * {@code CommonOps_MT_DDRM} for two threads), on {@code threads} = 1 and 2. GFLOP/s = 2 n^3 / time.
 *
 * <p>Goal (issue #6): F64 on one thread within 5% of OpenBLAS in the same run for n >= 512 (earlier:
 * >= 80% of peak), F32 >= 75% of peak; two threads >= 1.8x one at n >= 1024.
 *
 * <p>Measured here (JDK 25.0.3, AMD EPYC Zen 5, family 26, 2 cores, AVX-512 with 512-bit FMA units;
 * Debian's OpenBLAS 0.3.21; one thread; medians of 10 iterations, 2 forks; the machine was shared
 * with another build, load average 3-4 on 2 cores). Our kernel takes the 512-bit 12 x 16 micro-tile
 * here. OpenBLAS 0.3.21 does not know this CPU and picks its AVX2 "Haswell" kernels ({@link #setUp}
 * prints which); {@code OPENBLAS_CORETYPE=SkylakeX} in the environment makes it use its AVX-512 ones,
 * the fair comparison:
 * <table>
 *   <caption>GFLOP/s, one thread, each pair from the same run</caption>
 *   <tr><th>n</th><th>ours F64</th><th>OpenBLAS F64</th><th>ours F32</th><th>OpenBLAS F32</th><th>OpenBLAS kernels</th></tr>
 *   <tr><td>512</td><td>86.4</td><td>46.8</td><td>172.3</td><td>105.9</td><td>Haswell (as detected)</td></tr>
 *   <tr><td>1024</td><td>72.6</td><td>46.6</td><td>149.8</td><td>103.8</td><td>Haswell (as detected)</td></tr>
 *   <tr><td>512</td><td>74.2 (96%)</td><td>77.6</td><td>155.9 (85%)</td><td>184.1</td><td>SkylakeX (forced)</td></tr>
 *   <tr><td>1024</td><td>69.6 (96%)</td><td>72.6</td><td>149.4 (94%)</td><td>159.6</td><td>SkylakeX (forced)</td></tr>
 * </table>
 * NOTE: the same code ran in both runs; ours moved by up to 15% between them with the other load on
 * the machine. Before the 512-bit tile, on Zen 3 (AVX2, 3.2 GHz, peak 51.2 GFLOP/s F64 per core):
 * ours F64 41.8 / 43.0 GFLOP/s at n = 512 / 1024 against OpenBLAS's 46.1 / 49.0, F32 86.4 / 86.3
 * against 86.6 / 90.3; two threads 1.92x one at n = 1024. Two-thread figures taken while other
 * builds hold the cores are meaningless (the second core is not free). Quiet machine, n = 1024,
 * {@code -p threads=1,2}, OpenBLAS's AVX-512 kernels forced: two threads against one, ours F64
 * 1.75x (31.3 / 17.9 ms) and F32 1.60x (14.4 / 9.0 ms), OpenBLAS F64 1.84x (27.4 / 14.9 ms) and F32
 * 1.81x (11.4 / 6.3 ms); a second run of ours alone, F64 1.91x and F32 1.52x. Timed in a plain loop
 * (n = 1024, 45 products each way), our halves of the product alone and on two threads at once
 * scale by 1.83x (F64) and 1.97x (F32), so the kernel itself does not stop the second core.
 * Three later runs (same command, OpenBLAS's AVX-512 kernels forced), two threads against one: ours
 * F64 1.84x (26.4 / 14.4 ms), 1.82x (27.2 / 14.9) and 1.51x (27.8 / 18.4, the two-thread product
 * slow in both forks); ours F32 2.02x (14.3 / 7.05), 1.75x (12.3 / 7.01), 1.79x (12.8 / 7.13);
 * OpenBLAS F64 1.85x, 1.85x, 1.92x, F32 1.63x, 1.78x, 1.91x. One thread, ours against OpenBLAS: F64
 * 103%, 93%, 95%; F32 83%, 88%, 86%. A harness running two independent one-thread products at once
 * measured this machine's ceiling: 1.88-1.92x for F64, 1.75-1.87x for F32. Each thread of a split
 * product packs all of B (0.9 ms of F64 at n = 1024, 0.7 ms of F32), about 3% of the two-thread
 * time. Packing each panel of B together (each thread its share of the micro-panels, two panel
 * buffers in turn, one spin barrier per panel) was tried and reverted: at n = 1024 the two-thread
 * product went from 15.2-17.3 to 15.3-15.7 ms (F64) and from 7.1-7.8 to 7.1-7.2 ms (F32) in three
 * runs each, but the barriers made mid-sized products slower (300 x 800 x 200: 0.95 to 1.54 ms;
 * 400 x 96 x 96: 0.21 to 0.27 ms). Packing A takes about 1.4 ms of a one-thread F64 product at
 * n = 1024 and B 0.9 ms (8% together); writing A's panels column by column, or with a Vector API
 * scatter, measured no faster (1.5 and 2.9 ms). Reading four rows of A at a time did: a cold
 * 1024 x 1024 A packed in 0.72 ms against 1.04 ms (one loop harness, medians of 150).
 *
 * <p>Since 12-07 (late), two threads share a product as a team ({@code GemmTeam} in the kernel
 * package) when C is at least as tall as wide and B, packed, fits in 2^20 values: B packed once, a
 * panel at a time, by whichever thread reaches it; one slab of C's rows per thread; the last
 * panel's rows taken from the back of the other slab by the thread that finishes first. Before,
 * each thread computed its slab as an independent product, packing all of B. n = 1024, two
 * threads against one, medians of all iterations, runs alternating the two versions ({@code -f 2}):
 * before F64 1.86x and 1.49x, F32 1.91x and 1.79x; after F64 1.92x (27.19 / 14.16 ms) and 1.93x
 * (27.17 / 14.11), F32 1.97x and 1.91x; OpenBLAS in the same runs F64 1.89x and 1.82x, F32 1.81x
 * and 1.92x. Two later {@code -f 3} runs: ours F64 1.82x (27.82 / 15.29) and 2.02x (32.20 /
 * 15.92: two slow one-thread forks), F32 2.01x and 1.81x; OpenBLAS F64 1.82x and 1.79x, F32 2.00x
 * and 1.83x. Our two-thread F64 against OpenBLAS's two threads: 90% to 97%. Mid-sized products
 * gained most, the caller no longer waiting for the pool's thread to wake (loop harness, two
 * threads, two JVMs each way): 256 x 256 x 256 from 0.30-0.34 to 0.27-0.29 ms, 512 x 512 x 512
 * from 2.18-2.26 to 1.82-1.89 ms, 400 x 96 x 96 from 86-93 to 79-81 us; 64 x 784 x 256 (wider
 * than tall, still split by columns) unchanged. One thread, ours F64 against OpenBLAS, medians, in
 * the same runs: 94%, 92%, 90%, 85% (the last with two of three forks at 34.7 ms against 28.7 in
 * the third: our one-thread time still changes between JVMs, OpenBLAS's does not), and 97% and
 * 102% in two {@code -f 4} runs of F64 alone. Heap in transparent huge pages
 * ({@code -XX:+UseTransparentHugePages}) did not steady it (two runs: forks 25.7-33.2 ms).
 * <p>Since 12-07 (last), two changes to the product of one thread: the first panel of B writes its
 * sums over C rather than adding them to a C zeroed beforehand, and the 512-bit tile's panels of B
 * are twice as deep (KC 512, MC 72, from 256 and 144). Each panel of B is one pass of loads and
 * stores over all of C (8 MiB at n = 1024); a product of n = 1024 now makes two passes, the first
 * without loads, where it made four and a zeroing pass. Ours as a share of OpenBLAS's speed in the
 * same JVM, by turns (a loop harness, as {@code GemmTurnsBench} does), n = 1024: before 93.5-96.1%
 * (four JVMs), the first change alone 97.7-101%, both 105-109% in F64 and 93-94% in F32 (86-88%
 * before); n = 2048 90% before, 96-97% after. {@code GemmTurnsBench}, {@code -f 3}, two runs: F64
 * 107.2% and 107.1% at n = 1024, 112.7% and 111.3% at n = 512; F32 90.5% and 92.2% at n = 1024,
 * 93.1% twice at n = 512. This class, medians of iterations, ours / OpenBLAS, one thread, n = 1024:
 * F64 27.80 / 29.54 ms (106%), 24.22 / 27.62 (114%, {@code -f 4}), 25.39 / 26.07 (103%), 29.32 /
 * 26.19 (89%: two of three forks at 29-30 ms, the host slow while they ran; six forks of ours alone
 * just after ran 23.6-24.3 ms), 24.87 / 25.20 (101%); n = 512 109%, 104%, 109%. Two threads against
 * one: F64 1.97x (27.80 / 14.14 ms), 1.75x (25.39 / 14.54), 1.76x (29.32 / 16.63), 2.04x (27.81 /
 * 13.64), 1.83x (24.87 / 13.61); F32 1.90x, 1.85x, 1.71x, 2.03x, 1.91x; OpenBLAS in the same runs
 * but the fourth F64 1.85x, 1.77x, 1.86x, 1.76x, F32 1.79x, 1.80x, 1.82x, 1.99x.
 * The two-thread product takes as long as before (13.6 to 16.6 ms) and the one-thread product less,
 * so the ratio has less room. Mid-sized products, loop harness, one / two threads before and after:
 * 512 x 512 x 512 3.28 / 2.05 ms to 3.0-3.2 / 1.79 ms; 2000 x 300 x 700 11.9 / 5.6 ms to 9.6 / 5.0 ms.
 * OpenBLAS's own threads are set to {@code threads} through {@code openblas_set_num_threads} (FFM),
 * so both sides use the same cores. When netlib finds no native BLAS it falls back to Java and
 * {@link #setUp} prints which one ran.
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl core,tensor,bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar GemmBench -f 2 -wi 3 -i 5}; the table
 * above: {@code [OPENBLAS_CORETYPE=SkylakeX] java -jar bench/target/benchmarks.jar
 * 'GemmBench.(ours|openblas)' -p threads=1 -f 2 -wi 3 -i 5}; the runs since 12-07 (last):
 * {@code OPENBLAS_CORETYPE=SkylakeX java -jar bench/target/benchmarks.jar
 * 'GemmBench.(ours|openblas)F(64|32)$' -p n=512,1024 -p threads=1,2 -f 3 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class GemmBench {

    @Param({"512", "1024"})
    int n;

    @Param({"1", "2"})
    int threads;

    SquareProduct p;
    DMatrixRMaj ea;
    DMatrixRMaj eb;
    DMatrixRMaj ec;
    BLAS blas;

    @Setup
    public void setUp() throws Throwable {
        p = new SquareProduct(n);
        ea = DMatrixRMaj.wrap(n, n, p.a);
        eb = DMatrixRMaj.wrap(n, n, p.b);
        ec = new DMatrixRMaj(n, n);
        blas = nativeBlas(threads);
    }

    @Benchmark
    public double[] oursF64() {
        return p.oursF64(threads);
    }

    @Benchmark
    public float[] oursF32() {
        return p.oursF32(threads);
    }

    @Benchmark
    public double[] openblasF64() {
        return p.openblasF64(blas);
    }

    @Benchmark
    public float[] openblasF32() {
        return p.openblasF32(blas);
    }

    @Benchmark
    public DMatrixRMaj ejmlF64() {
        if (threads == 1) {
            CommonOps_DDRM.mult(ea, eb, ec);
        } else {
            CommonOps_MT_DDRM.mult(ea, eb, ec);
        }
        return ec;
    }

    /**
     * Native OpenBLAS with its own threads set to {@code threads}, or netlib's Java fallback; prints
     * which ran and which of its kernels OpenBLAS picked for this CPU ({@code OPENBLAS_CORETYPE}
     * overrides it).
     */
    static BLAS nativeBlas(int threads) throws Throwable {
        BLAS blas;
        String core = "(none)";
        try {
            blas = NativeBLAS.getInstance();
            SymbolLookup lib = SymbolLookup.libraryLookup("libopenblas.so.0", Arena.global());
            MethodHandle setThreads = Linker.nativeLinker().downcallHandle(
                    lib.find("openblas_set_num_threads").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
            setThreads.invokeExact(threads);
            MethodHandle coreName = Linker.nativeLinker().downcallHandle(
                    lib.find("openblas_get_corename").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS));
            core = ((java.lang.foreign.MemorySegment) coreName.invokeExact()).reinterpret(64).getString(0);
        } catch (RuntimeException | LinkageError e) {
            System.out.println("# GemmBench: no native OpenBLAS (" + e + "); install Debian's libopenblas0");
            blas = BLAS.getInstance();
        }
        System.out.println("# GemmBench: Gemm.VECTORIZED = " + Gemm.VECTORIZED + ", BLAS = " + blas.getClass().getName()
                + ", OpenBLAS kernels for " + core);
        return blas;
    }
}
