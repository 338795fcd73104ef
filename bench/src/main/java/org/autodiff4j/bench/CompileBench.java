package org.autodiff4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.AD;
import org.autodiff4j.CompiledGradient;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Record once, replay many ({@link AD#compile}) against recording afresh ({@link AD#valueAndGrad})
 * on the objective of {@code ReverseBench}, {@code f(x) = sum_i log(1 + exp(a_i x_i)) + x_i^2}.
 * Goal (issue #3): the replay at least 2x faster than re-recording.
 *
 * <pre>
 * ./mvnw -q -pl core,bench -am package -DskipTests
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar CompileBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class CompileBench {

    @Param("4096")
    int n;

    double[] a;
    double[] x;
    double[] grad;
    ScalarFn f;
    CompiledGradient compiled;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(42);
        a = new double[n];
        x = new double[n];
        grad = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextDouble(-1, 1);
            x[i] = rng.nextDouble(-1, 1);
        }
        double[] coefficients = a;
        f = v -> {
            Real s = Real.of(0);
            for (int i = 0; i < v.length; i++) {
                s = s.add(v[i].mul(coefficients[i]).exp().add(1).log().add(v[i].mul(v[i])));
            }
            return s;
        };
        compiled = AD.compile(f, n);
        compiled.valueAndGrad(x, grad);
    }

    @Benchmark
    public double recordEachTime() {
        return AD.valueAndGrad(f, x).value();
    }

    @Benchmark
    public double replay() {
        return compiled.valueAndGrad(x, grad);
    }
}
