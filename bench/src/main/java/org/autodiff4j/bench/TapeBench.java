package org.autodiff4j.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff4j.Real;
import org.autodiff4j.Tape;
import org.autodiff4j.Var;
import org.openjdk.jmh.annotations.*;

/**
 * The tape's own cost per recorded op, on the cheapest ops: {@code s = s.add(x_i.mul(c_i))} over
 * N = 6000 inputs is 11 999 recorded ops (6000 mul, 5999 add) plus 6000 input slots. Scores are ns
 * per recorded op: {@code recordAndBackward} (reset, record inputs and ops, backward, read the
 * gradient, on one reused tape), {@code backwardOnly} (the reverse sweep of a finished recording)
 * and {@code plain} (the same sum as a double loop, per op).
 *
 * <p>Goal: {@code recordAndBackward <= 5 ns} per recorded op; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} (bytes per recorded op) shows that a reused tape allocates only
 * {@code Var} handles.
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl core,bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar TapeBench -f 2 -wi 3 -w 1s -i 5 -r 1s -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TapeBench {

    static final int N = 6000;
    static final int OPS = 2 * N - 1;

    final double[] x = Objectives.uniform(3, N);
    final double[] c = Objectives.uniform(4, N);
    final double[] grad = new double[N];
    final Tape tape = new Tape(3 * N);
    final Var[] in = new Var[N];

    // A finished recording for backwardOnly, on its own tape.
    final Tape recorded = new Tape(3 * N);
    final Var[] recordedIn = new Var[N];
    final Var recordedOut = record(recorded, recordedIn);

    private Var record(Tape t, Var[] vars) {
        for (int i = 0; i < N; i++) {
            vars[i] = t.variable(x[i]);
        }
        Real s = vars[0].mul(c[0]);
        for (int i = 1; i < N; i++) {
            s = s.add(vars[i].mul(c[i]));
        }
        return (Var) s;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double plain() {
        double s = x[0] * c[0];
        for (int i = 1; i < N; i++) {
            s += x[i] * c[i];
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double[] recordAndBackward() {
        tape.reset();
        tape.backward(record(tape, in));
        for (int i = 0; i < N; i++) {
            grad[i] = in[i].grad();
        }
        return grad;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double backwardOnly() {
        recorded.backward(recordedOut);
        return recordedIn[N - 1].grad();
    }
}
