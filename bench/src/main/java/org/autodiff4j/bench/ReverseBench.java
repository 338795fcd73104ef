package org.autodiff4j.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff4j.AD;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.Tape;
import org.autodiff4j.Var;
import org.openjdk.jmh.annotations.*;

/**
 * Reverse mode on {@code f(x) = sum_i log(1 + exp(a_i x_i)) + x_i^2}, n = 4096 (a, x fixed random
 * in [-1, 1]): the full gradient by {@link AD#grad} (per-thread reused tape) and by a caller-held
 * {@link Tape} (reset, variables, record, backward, read grads), against {@code plain}, the same
 * formula as a double loop. {@code handGradient} (value and a hand-written gradient in one loop)
 * is for reference only.
 *
 * <p>Goal: {@code adGrad / plain <= 3.5} and {@code tapeGrad / plain <= 3.5}.
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl core,bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar ReverseBench -f 2 -wi 3 -w 1s -i 5 -r 1s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ReverseBench {

    static final int N = 4096;

    final double[] a = Objectives.uniform(1, N);
    final double[] x = Objectives.uniform(2, N);
    final ScalarFn f = v -> Objectives.softplusSquares(a, v);
    final Tape tape = new Tape(8 * N);
    final Var[] in = new Var[N];
    final double[] grad = new double[N];

    @Benchmark
    public double plain() {
        return Objectives.softplusSquares(a, x);
    }

    @Benchmark
    public double handGradient() {   // returns f; the gradient goes to the field grad
        double s = 0;
        for (int i = 0; i < N; i++) {
            double e = Math.exp(a[i] * x[i]);
            s += Math.log(1 + e) + x[i] * x[i];
            grad[i] = a[i] * e / (1 + e) + 2 * x[i];
        }
        return s;
    }

    @Benchmark
    public double[] adGrad() {
        return AD.grad(f, x);
    }

    @Benchmark
    public double[] tapeGrad() {
        tape.reset();
        for (int i = 0; i < N; i++) {
            in[i] = tape.variable(x[i]);
        }
        tape.backward((Var) Objectives.softplusSquares(a, in));
        for (int i = 0; i < N; i++) {
            grad[i] = in[i].grad();
        }
        return grad;
    }
}
