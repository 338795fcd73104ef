package org.autodiff4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorScope;
import org.openjdk.jmh.annotations.*;

/**
 * The vectorized Rosenbrock function {@code f(x) = sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2},
 * n = 4096, value and full gradient in F64, written with whole-tensor operations (two slices,
 * seven element-wise ops, one sum, then backward): {@code tensorGrad} (ours), {@code djlGrad} (the
 * same operations on DJL's PyTorch engine, libtorch 2.7.1, one intra-op thread), {@code
 * tensorGradScoped} (ours as DJL's runs, in a {@link TensorScope}), and
 * {@code plainGrad}, value and hand-written gradient in one double loop, for reference.
 *
 * <p>Goal: at most 1/5 of {@code djlGrad}'s time; {@code tensorGradScoped} is the like-for-like
 * comparison (see below), {@code tensorGrad} the same without a scope.
 *
 * <p>Measured 2026-11-22 on a quiet machine (JDK 25, -f 2 -wi 3 -i 5), before issue #6's work:
 * {@code tensorGrad} 89.9 +- 9.4 us, {@code djlGrad} 160.2 +- 5.2 us, {@code plainGrad} 7.0 us (0.56x
 * DJL-PyTorch's time; about 25 passes over 32 KiB arrays, 790 KB allocated per gradient).
 *
 * <p>After it (noisy, shared machine, 2 cores, JDK 25, -f 1 -wi 3 -i 5, both versions in turn):
 * {@code tensorGrad} 81.2 +- 6.1 -> 30.8 +- 1.4 us against {@code djlGrad} 156.3 +- 2.9 and 160.2
 * +- 15.0 us, i.e. 0.19x DJL-PyTorch's time, the 1/5 goal met narrowly; {@code plainGrad} 6.2 us;
 * 788 -> 304 KB allocated per gradient. Where the time went and what changed: the element-wise
 * loops were scalar (C2 does not vectorize a loop whose output may overlap an input at unknown
 * offsets), now Vector API loops; each intermediate was a new array zeroed in memory out of cache,
 * now the backward pass recycles its dead gradients and temporaries into a per-thread pool that its
 * later VJPs and the next forward pass reuse; gradient contributions are added in place, a slice's
 * into its region only; square is a primitive whose VJP is one pass; an element-wise op on
 * broadcast operands is computed once. What remains is about 16 passes, the nine arrays per
 * gradient that outlive it (seven forward values, the copy of x, its gradient), which are new every
 * time, and about 4 us of per-op overhead.
 *
 * <p>2026-12-07, on that day's machine (a Zen 5; the JIT needs 5 to 10 s here, hence 12 warm-up
 * iterations): 28.6 +- 3.7 us against DJL-PyTorch 115.8 +- 19.0 us (0.25x); then, with square's VJP
 * adding into an existing gradient in one pass ({@code Values.addScaledChainMul}: 16 -> 14 passes),
 * 25.6 +- 0.4 us against 152.8 +- 79.4 us (0.17x) and, in a second run, 25.8 +- 0.8 us against
 * 168.9 +- 37.6 us (0.15x; DJL's time swings widely on this machine, from
 * about 110 to 150 us between runs; against 110 us ours is 0.23x). plainGrad 5.5 us. Of our time
 * about 60% is allocating the nine new 32 KiB arrays per gradient (seven forward values, the copy of
 * x, its gradient: all reachable by the caller, so never recycled), about 23% the loops, about 15%
 * per-op overhead spread thinly over nodes, shapes and the gradient bookkeeping.
 *
 * <p>2026-12-07, later: {@code tensorGradScoped} runs as {@code djlGrad} does, one leaf for every
 * call and the call's intermediates freed at its end (a {@link TensorScope}, DJL's sub-manager), so
 * only the gradient is a fresh array and the seven forward values are computed into arrays the last
 * call gave back, still in cache. Three runs ({@code -f 2}): 14.8, 15.5, 14.7 us against DJL-PyTorch
 * 139, 136, 136 us (0.11x each); {@code -f 4}: 15.7 +- 1.3 us (forks 14.5 to 17.1) against 118.0 +-
 * 2.2 us (forks 116 to 120), 0.13x. {@code tensorGrad} in the same runs: 25.6, 30.4, 27.1, 25.3 us.
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl core,tensor,bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar TensorRosenbrockBench -f 2 -i 5}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true",
    "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "--enable-native-access=ALL-UNNAMED"})
// NOTE: 12 warm-up iterations: on the Zen 5 machine of 2026-12-07 the JIT took 5 to 10 s to settle
// (iterations of 800 us before it, also at the code of 2026-11-22), where 3 had been enough on the Zen 4.
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TensorRosenbrockBench {

    static final int N = 4096;

    final double[] x = Objectives.uniform(3, N);
    final double[] grad = new double[N];
    NDManager manager;
    NDArray djlX;
    Tensor leaf;

    @Setup
    public void setUp() {
        leaf = Tensor.of(x, N).requiresGrad();
        manager = NDManager.newBaseManager();
        djlX = manager.create(x).toType(DataType.FLOAT64, false);
        djlX.setRequiresGradient(true);
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    /** The value, with the gradient of the fresh leaf in {@code x.grad()}. */
    static Tensor rosenbrock(Tensor x) {
        Tensor a = x.slice(0, 0, N - 1);
        Tensor b = x.slice(0, 1, N);
        return b.sub(a.square()).square().mul(100).add(a.sub(1).square()).sum();
    }

    @Benchmark
    public Tensor tensorGrad() {
        Tensor t = Tensor.of(x, N).requiresGrad();
        rosenbrock(t).backward();
        return t.grad();
    }

    /**
     * As {@code djlGrad} runs: one leaf for every call, and the call's intermediates freed at its end
     * (DJL's sub-manager, our {@link TensorScope}), so the next call computes in memory still in cache.
     */
    @Benchmark
    public Tensor tensorGradScoped() {
        leaf.zeroGrad();
        try (TensorScope scope = TensorScope.open()) {
            rosenbrock(leaf).backward();
        }
        return leaf.grad();
    }

    @Benchmark
    public double[] djlGrad() {
        try (NDManager scope = manager.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // NOTE: a result belongs to its first operand's manager; attaching x to the scope for
            // the call makes every intermediate the scope's, so none outlives the call. (Attaching
            // only a, b and f afterwards leaked the intermediates into the base manager, and DJL
            // slowed from about 0.4 to 1.4 ms within a few seconds.)
            NDArray x = djlX;
            x.tempAttach(scope);
            NDArray a = x.get("0:" + (N - 1));
            NDArray b = x.get("1:");
            NDArray f = b.sub(a.square()).square().mul(100).add(a.sub(1).square()).sum();
            gc.backward(f);
            return x.getGradient().toDoubleArray();
        }
    }

    @Benchmark
    public double plainGrad() {   // returns f; the gradient goes to the field grad
        double s = 0;
        java.util.Arrays.fill(grad, 0);
        for (int i = 0; i < N - 1; i++) {
            double t = x[i + 1] - x[i] * x[i];
            double u = 1 - x[i];
            s += 100 * t * t + u * u;
            grad[i] += -400 * t * x[i] - 2 * u;
            grad[i + 1] += 200 * t;
        }
        return s;
    }
}
