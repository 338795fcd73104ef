package org.autodiff4j.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff4j.AD;
import org.autodiff4j.ScalarFn;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.*;

/**
 * The gradient of Rosenbrock {@code sum_{i<n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2}, n = 16
 * and 64 (x fixed random in [-1, 1]): ours ({@link AD#grad}, reverse mode) against Hipparchus 4
 * {@link Gradient} (forward mode, all n directions in one pass: inputs
 * {@code Gradient.variable(n, i, x_i)}, the same formula with Gradient ops, then
 * {@code getGradient()}). Baseline {@code plain}: the value as a double loop.
 *
 * <p>Goal: {@code hipparchus / adGrad >= 10}.
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl core,bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar HipparchusBench -f 2 -wi 3 -w 1s -i 5 -r 1s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class HipparchusBench {

    @Param({"16", "64"})
    int n;

    double[] x;
    final ScalarFn f = Objectives::rosenbrock;

    @Setup
    public void inputs() {
        x = Objectives.uniform(6, n);
    }

    @Benchmark
    public double plain() {
        return Objectives.rosenbrock(x);
    }

    @Benchmark
    public double[] adGrad() {
        return AD.grad(f, x);
    }

    @Benchmark
    public double[] hipparchus() {
        Gradient[] g = new Gradient[n];
        for (int i = 0; i < n; i++) {
            g[i] = Gradient.variable(n, i, x[i]);
        }
        Gradient s = null;
        for (int i = 0; i < n - 1; i++) {
            Gradient t = g[i + 1].subtract(g[i].multiply(g[i]));
            Gradient u = g[i].subtract(1);
            Gradient term = t.multiply(t).multiply(100).add(u.multiply(u));
            s = s == null ? term : s.add(term);
        }
        return s.getGradient();
    }
}
