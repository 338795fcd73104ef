package org.autodiff4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's own ceiling for {@code GemmBench}'s two-thread goal: independent one-thread products
 * of n x n, one alone ({@code alone}) and one on each of two threads at once ({@code twoAtOnce}, each
 * thread its own operands). No split product can scale better than {@code 2 * alone / twoAtOnce}:
 * its halves share nothing but the inputs, and run just as these do, plus the packing of B that
 * both halves repeat.
 *
 * <p>2026-12-07 (2-core Zen 5, JDK 25), a plain-loop harness of the same two cases: F64 1.88x to
 * 1.92x, F32 1.75x to 1.87x, so a two-thread F32 product at 1.8x is at this host's limit. JMH, in
 * one run with {@code GemmBench.ours*} (the command below with {@code 'GemmPairBench|GemmBench.ours'
 * -p n=1024 -p threads=1,2}): alone / two at once, F64 27.4 / 29.8 ms (ceiling 1.84x), F32 12.9 /
 * 14.0 ms (1.84x); the split product in the same run, F64 30.6 / 14.5 ms (2.11x, its one-thread
 * forks 26-35 ms apart), F32 13.5 / 8.2 ms (1.64x).
 *
 * <pre>
 * ./mvnw -q -pl core,tensor,bench -am package -DskipTests
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar GemmPairBench
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class GemmPairBench {

    @Param("1024")
    int n;

    @Param({"F64", "F32"})
    String type;

    SquareProduct p;

    @Setup
    public void setUp() {
        p = new SquareProduct(n);
    }

    @Benchmark
    @Threads(1)
    public Object alone() {
        return product();
    }

    @Benchmark
    @Threads(2)
    public Object twoAtOnce() {
        return product();
    }

    private Object product() {
        return type.equals("F64") ? p.oursF64(1) : p.oursF32(1);
    }
}
