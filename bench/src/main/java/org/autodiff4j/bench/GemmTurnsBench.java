package org.autodiff4j.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GemmBench}'s one-thread comparison with OpenBLAS, taken by turns in one fork: each call
 * runs one n x n product of ours, then one of OpenBLAS, and adds each one's time to {@link Turns}.
 * OpenBLAS's total over ours is then our share of its speed, in the same JVM and the same minutes
 * of the shared host. {@code GemmBench} times each library in forks of its own, and a fork can
 * land in a slow phase of the host: ours has run 25 ms in one fork and 30 ms in the next, while
 * OpenBLAS's forks, minutes apart, did not.
 *
 * <p>One thread only: with two, OpenBLAS's threads keep spinning for a while after each of its
 * products and take the core that our second thread needs (ours then measured 57% to 97% of
 * OpenBLAS's speed, iteration by iteration).
 *
 * <p>2026-12-07 (2-core Zen 5, JDK 25, OpenBLAS's AVX-512 kernels forced), medians of the
 * iterations' ratios, two runs of {@code -f 3}: F64 107.2% and 107.1% at n = 1024 (iterations
 * 105.0-109.2%), 112.7% and 111.3% at n = 512; F32 90.5% and 92.2% at n = 1024, 93.1% twice at
 * n = 512.
 *
 * <pre>
 * ./mvnw -q -pl core,tensor,bench -am package -DskipTests
 * OPENBLAS_CORETYPE=SkylakeX $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar GemmTurnsBench -f 3
 * </pre>
 * JMH prints the counters summed over the run ({@code turnsF64:oursNanos}, {@code :openblasNanos})
 * and per iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class GemmTurnsBench {

    @Param({"512", "1024"})
    int n;

    SquareProduct p;
    BLAS blas;

    @Setup
    public void setUp() throws Throwable {
        p = new SquareProduct(n);
        blas = GemmBench.nativeBlas(1);
    }

    @Benchmark
    public double[] turnsF64(Turns turns) {
        long start = System.nanoTime();
        p.oursF64(1);
        long middle = System.nanoTime();
        double[] c = p.openblasF64(blas);
        turns.add(middle - start, System.nanoTime() - middle);
        return c;
    }

    @Benchmark
    public float[] turnsF32(Turns turns) {
        long start = System.nanoTime();
        p.oursF32(1);
        long middle = System.nanoTime();
        float[] c = p.openblasF32(blas);
        turns.add(middle - start, System.nanoTime() - middle);
        return c;
    }

    /** The nanoseconds each library took in one iteration (JMH sums them over the run). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Turns {
        public long oursNanos;
        public long openblasNanos;

        @Setup(Level.Iteration)
        public void clear() {
            oursNanos = 0;
            openblasNanos = 0;
        }

        void add(long ours, long openblas) {
            oursNanos += ours;
            openblasNanos += openblas;
        }
    }
}
