package org.autodiff4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

/**
 * Per-op overhead and element-wise throughput of {@link Tensor}, F64.
 *
 * <ul>
 *   <li>{@code oneElementAdd}: {@code x.add(y)} on one-element tensors, x requiring gradients, so
 *       the op is recorded; {@code oneElementAddBackward} adds {@code backward()} of the result.
 *       {@code djlOneElementAdd*}: the same on DJL's PyTorch engine (libtorch 2.7.1) inside a
 *       {@code GradientCollector}.</li>
 *   <li>{@code largeAdd} / {@code largeExp}: {@code a.add(b)} and {@code a.exp()} on n elements
 *       (a new result each time, no gradients) against {@code plainAdd} / {@code plainExp}, the
 *       same as a double loop into a new array.</li>
 * </ul>
 *
 * <p>Goal: {@code oneElementAdd <= 0.5 us} (PyTorch eager: about 4.5 us with grad, 3.35 without);
 * {@code largeAdd} within 1.5x of {@code plainAdd}.
 *
 * <p>Measured here (JDK 25.0.3, -f 2 -wi 3 -i 5, other builds running: load average 2-3 on 2 cores):
 * {@code oneElementAdd} 54 ns (DJL 1870 ns, 35x), {@code oneElementAddBackward} 160 ns (DJL 26.8 us);
 * {@code largeAdd / plainAdd} = 1.95 / 2.02 ms (0.96), {@code largeExp / plainExp} = 8.0 / 9.1 ms
 * (0.88; both memory- and noise-bound, errors 30-60%).
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl core,tensor,bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar TensorOpBench -f 2 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true",
    "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TensorOpBench {

    /** Elements of the large operands: 2^20 doubles (8 MiB each, beyond L2). */
    static final int N = 1 << 20;

    final Tensor x = Tensor.scalar(1.5).requiresGrad();
    final Tensor y = Tensor.scalar(2.5);
    final double[] a = Objectives.uniform(4, N);
    final double[] b = Objectives.uniform(5, N);
    final Tensor ta = Tensor.of(a, N);
    final Tensor tb = Tensor.of(b, N);
    NDManager manager;
    NDArray djlX;
    NDArray djlY;

    @Setup
    public void setUp() {
        manager = NDManager.newBaseManager();
        djlX = manager.create(1.5).toType(DataType.FLOAT64, false);
        djlX.setRequiresGradient(true);
        djlY = manager.create(2.5).toType(DataType.FLOAT64, false);
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public Tensor oneElementAdd() {
        return x.add(y);
    }

    @Benchmark
    public Tensor oneElementAddBackward() {
        x.zeroGrad();
        x.add(y).backward();
        return x.grad();
    }

    @Benchmark
    public double djlOneElementAdd() {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray z = djlX.add(djlY);
            z.close();
            return 0;
        }
    }

    @Benchmark
    public double djlOneElementAddBackward() {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray z = djlX.add(djlY);
            gc.backward(z);
            z.close();
            return djlX.getGradient().getDouble();
        }
    }

    @Benchmark
    public Tensor largeAdd() {
        return ta.add(tb);
    }

    @Benchmark
    public double[] plainAdd() {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    @Benchmark
    public Tensor largeExp() {
        return ta.exp();
    }

    @Benchmark
    public double[] plainExp() {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            out[i] = Math.exp(a[i]);
        }
        return out;
    }
}
