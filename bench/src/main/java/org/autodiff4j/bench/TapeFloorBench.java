package org.autodiff4j.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The floor under {@link TapeBench}: what the cheapest possible Java tape costs on the same sum
 * {@code s = s + x_i c_i} (N = 6000, 11 999 recorded ops, scores in ns per recorded op, record
 * plus backward plus reading the gradient, on a reused tape). Two stripped-down tapes with the same
 * struct-of-arrays layout as {@code org.autodiff4j.Tape} but none of its checks (stale handles,
 * levels, replay bookkeeping, the zero rule):
 *
 * <ul>
 *   <li>{@code intHandles}: the recorded numbers are plain {@code int} indices, so nothing is
 *       allocated per op. No {@code Real} API can look like this: a user's number must be an object.
 *   <li>{@code objectHandles}: each recorded number is a small handle object {@code (tape, index)},
 *       as {@code Var} is. The JIT removes the handles of temporaries ({@code x_i c_i}), but the
 *       inputs (kept for reading the gradient) and the running sum (a loop-carried value) are
 *       allocated: one object per recorded op.
 * </ul>
 *
 * <p>Measured 2026-11-22 on a quiet machine (JDK 25, -f 2 -wi 3 -i 5): {@code intHandles} 7.05 +- 0.07
 * ns/op, {@code objectHandles} 10.64 +- 0.16 ns/op (24 B allocated per op), {@code TapeBench.recordAndBackward}
 * 11.46 +- 0.08 ns/op in the same run. A loop harness on
 * thread CPU time gave 5.5, 9.1 and 10 ns/op. The backward sweep alone is 2.5-3 ns/op: it is bound
 * by the latency of each adjoint's store and reload along the chain of sums. So issue #2's goal of
 * 5 ns per recorded op is below the floor of a tape without any checks or handle objects, and
 * well below that of any tape with one object per recorded number: the handle allocation alone costs
 * about 3 ns per op, whatever the collector or allocation settings (G1, Parallel, Serial, compact
 * object headers, prefetch styles and young-generation sizes measured no better).
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar "TapeFloorBench|TapeBench.recordAndBackward" -f 2 -wi 3 -w 1s -i 5 -r 1s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TapeFloorBench {

    static final int N = TapeBench.N;
    static final int OPS = TapeBench.OPS;

    final double[] x = Objectives.uniform(3, N);
    final double[] c = Objectives.uniform(4, N);
    final double[] grad = new double[N];
    final MinimalTape tape = new MinimalTape(3 * N + 1);
    final int[] inIndex = new int[N];
    final Handle[] inHandle = new Handle[N];

    /** Value, two arguments and two partials per number; index 0 is the sink that inputs point to. */
    static final class MinimalTape {
        final double[] val;
        final double[] adj;
        final int[] a0;
        final int[] a1;
        final double[] d0;
        final double[] d1;
        int size = 1;

        MinimalTape(int capacity) {
            val = new double[capacity];
            adj = new double[capacity];
            a0 = new int[capacity];
            a1 = new int[capacity];
            d0 = new double[capacity];
            d1 = new double[capacity];
        }

        int push(double v, int i, double di, int j, double dj) {
            int n = size;
            if (n == val.length) {
                throw new IllegalStateException("full");
            }
            val[n] = v;
            a0[n] = i;
            d0[n] = di;
            a1[n] = j;
            d1[n] = dj;
            size = n + 1;
            return n;
        }

        int input(double v) {
            return push(v, 0, 0, 0, 0);
        }

        int add(int x, int y) {
            return push(val[x] + val[y], x, 1, y, 1);
        }

        int mul(int x, double k) {
            return push(val[x] * k, x, k, 0, 0);
        }

        Handle add(Handle x, Handle y) {
            return new Handle(this, add(x.index, y.index));
        }

        Handle mul(Handle x, double k) {
            return new Handle(this, mul(x.index, k));
        }

        void backward(int out) {
            Arrays.fill(adj, 0, out + 1, 0.0);
            adj[out] = 1;
            for (int i = out; i > 0; i--) {
                int j = a0[i];
                if (j == 0) {
                    continue;
                }
                double g = adj[i];
                adj[j] += g * d0[i];
                int k = a1[i];
                if (k != 0) {
                    adj[k] += g * d1[i];
                }
            }
        }
    }

    record Handle(MinimalTape tape, int index) {
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double[] intHandles() {
        MinimalTape t = tape;
        t.size = 1;
        for (int i = 0; i < N; i++) {
            inIndex[i] = t.input(x[i]);
        }
        int s = t.mul(inIndex[0], c[0]);
        for (int i = 1; i < N; i++) {
            s = t.add(s, t.mul(inIndex[i], c[i]));
        }
        t.backward(s);
        for (int i = 0; i < N; i++) {
            grad[i] = t.adj[inIndex[i]];
        }
        return grad;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double[] objectHandles() {
        MinimalTape t = tape;
        t.size = 1;
        for (int i = 0; i < N; i++) {
            inHandle[i] = new Handle(t, t.input(x[i]));
        }
        Handle s = t.mul(inHandle[0], c[0]);
        for (int i = 1; i < N; i++) {
            s = t.add(s, t.mul(inHandle[i], c[i]));
        }
        t.backward(s.index());
        for (int i = 0; i < N; i++) {
            grad[i] = t.adj[inHandle[i].index()];
        }
        return grad;
    }
}
