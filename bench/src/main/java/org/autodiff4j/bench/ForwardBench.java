package org.autodiff4j.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff4j.Dual;
import org.autodiff4j.DualVec;
import org.autodiff4j.Real;
import org.openjdk.jmh.annotations.*;

/**
 * Forward mode on {@code f(x) = sum_i log(1 + exp(a_i x_i)) + x_i^2}, n = 256 (a, x fixed random
 * in [-1, 1]): {@code dual} is one directional derivative (every input a {@link Dual} with a
 * random tangent), {@code dualVec8} eight at once (every input a {@link DualVec} with 8 random
 * tangents); both build their inputs inside the call, as {@code AD.jvp} does. Baseline
 * {@code plain}: the same formula as a double loop.
 *
 * <p>Goal: {@code dual / plain <= 2.5}; {@code dualVec8 / plain <= 12} (1.5 per direction).
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl core,bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar ForwardBench -f 2 -wi 3 -w 1s -i 5 -r 1s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ForwardBench {

    static final int N = 256;
    static final int K = 8;

    final double[] a = Objectives.uniform(1, N);
    final double[] x = Objectives.uniform(2, N);
    final double[] v = Objectives.uniform(5, N);
    final double[][] vk = new double[N][];

    @Setup
    public void directions() {
        for (int i = 0; i < N; i++) {
            vk[i] = Objectives.uniform(100 + i, K);
        }
    }

    @Benchmark
    public double plain() {
        return Objectives.softplusSquares(a, x);
    }

    @Benchmark
    public double dual() {
        Real[] in = new Real[N];
        for (int i = 0; i < N; i++) {
            in[i] = Dual.of(x[i], v[i]);
        }
        return ((Dual) Objectives.softplusSquares(a, in)).tangent();
    }

    @Benchmark
    public double[] dualVec8() {
        Real[] in = new Real[N];
        for (int i = 0; i < N; i++) {
            in[i] = DualVec.of(x[i], vk[i]);
        }
        return ((DualVec) Objectives.softplusSquares(a, in)).tangents();
    }
}
