package org.autodiff4j.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.VectorFn;
import org.autodiff4j.sparse.Sparse;
import org.autodiff4j.sparse.SparseResult;
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
 * The Jacobian of a banded map of n = 10^4 inputs, bandwidth 5 (output i reads x_{i-2} .. x_{i+2}),
 * sparse ({@link Sparse#jacobian}: detection, coloring and 5 colors in one forward pass, all
 * timed) against dense ({@link AD#jacobian}: one reverse sweep per output), in the same run.
 * Goal (the sparse-Jacobian issue): sparse at least 100x faster than dense.
 *
 * <pre>
 * ./mvnw -q -pl core,bench -am package -DskipTests
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar SparseJacobianBench -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SparseJacobianBench {

    @Param("10000")
    int n;

    double[] x;
    VectorFn f;

    @Setup
    public void setup() {
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(0.7 * i + 0.3) + 0.1;
        }
        // y_i = sum_{|k| <= 2} (1 + k/10) x_{i+k} x_i + exp(x_{i+2}) / (1 + x_{i-2}^2)
        f = v -> {
            Real[] y = new Real[v.length];
            for (int i = 0; i < v.length; i++) {
                Real s = Real.of(0);
                for (int k = -2; k <= 2; k++) {
                    if (i + k >= 0 && i + k < v.length) {
                        s = s.add(v[i + k].mul(v[i]).mul(1 + 0.1 * k));
                    }
                }
                if (i - 2 >= 0 && i + 2 < v.length) {
                    s = s.add(v[i + 2].exp().div(v[i - 2].mul(v[i - 2]).add(1)));
                }
                y[i] = s;
            }
            return y;
        };
        SparseResult r = Sparse.jacobian(f, x);
        if (r.colors() != 5) {
            throw new IllegalStateException("expected 5 colors, got " + r.colors());
        }
    }

    @Benchmark
    public SparseResult sparse() {
        return Sparse.jacobian(f, x);
    }

    @Benchmark
    public double[][] dense() {
        return AD.jacobian(f, x);
    }
}
