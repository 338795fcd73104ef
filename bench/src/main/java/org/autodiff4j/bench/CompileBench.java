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
 * <p>2026-12-07 (2-core Zen 5, JDK 25, -f 2 -wi 3 -i 5): replay 159.9 +- 2.2 us, recording again
 * 296 +- 99 us (1.85x; recording's time varies with the garbage collector, between about 250 and
 * 400 us per call). The replay's forward pass took 134 us of thread CPU time before its switch
 * over the common ops ({@code Program#replay}) and about 110 us after, of which the plain function
 * (its exp and log) is about 60 us; the backward sweep is about 45 us.
 *
 * <p>Later on 2026-12-07, after the replay runs loops of the recorded code op by op
 * ({@code ReplayPlan#make}): the forward pass about 80-87 us. JMH, 8 forks of 5 + 3 iterations each,
 * the replay's per-fork times: before 154-174 us in 7 forks and 226 in one (mean 168); after
 * 127-153 us in 11 of 16 forks and 171-200 us in 5 (means 164 and 146). In the slow forks the
 * unchanged backward sweep slows down as much as the forward pass (thread-CPU harness: 70 us instead
 * of 45), so they come from where the JVM placed the tape's arrays, not from the replay's code.
 * Three runs of the default configuration: replay 169 +- 38 / 196 +- 5 / 164 +- 48 us, recording
 * 353 / 305 / 337 us (2.1x / 1.6x / 2.1x); earlier the same hour 127 +- 2 / 140 +- 13 us against
 * 264 / 248 us (2.1x / 1.8x).
 *
 * <p>Later still, with each loop stored in the order the replay runs it ({@code ReplayPlan#reorder})
 * and its running sum carried in a register (-f 8 -wi 5 -i 3): replay 95.7 +- 2.5 us (forks
 * 92-102 us), recording again 270 +- 27 us (forks 236-322 us), {@code plainValue} 57.6 +- 1.3 us:
 * 2.8x, and 2.3x from the slowest replay fork to the fastest recording fork. The thread-CPU split:
 * forward about 63 us, backward about 30-38 us. The slow forks of before (170-200 us) also slowed
 * the plain function by a quarter in a harness (plain 71 instead of 57 us), on either core: the
 * host's state, not the replay's arrays. Three default runs: 93 vs 303 us (3.25x), 115 vs 303 us
 * (2.65x), 136 vs 333 us (2.45x; the replay slow in both forks, the plain function not). With
 * {@code -f 8} and the default iterations: 107.7 +- 13.4 vs 254.2 +- 18.8 us (2.36x); replay forks
 * 89-94 us in five, 123-142 us in three.
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

    /**
     * The objective's value alone, on plain doubles: the floor for any replay's forward pass, and a
     * gauge of the machine's state in the same run (a slow host slows this as much as the others).
     */
    @Benchmark
    public double plainValue() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(Math.exp(x[i] * a[i]) + 1) + x[i] * x[i];
        }
        return s;
    }
}
