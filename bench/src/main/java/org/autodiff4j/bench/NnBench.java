package org.autodiff4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.nn.F;
import org.autodiff4j.nn.Linear;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.ReLU;
import org.autodiff4j.nn.Sequential;
import org.autodiff4j.optim.SGD;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

/**
 * Issue #7's training speed against PyTorch (DJL's libtorch CPU engine, one thread each, F32):
 * {@code mlpStep}, one SGD step (forward, cross-entropy, backward, update) of an MLP 784-256-128-10
 * on a batch of 64, and {@code conv} forward and backward of conv2d on 32x3x32x32 with 16 filters
 * 3x3, padding 1 (gradients in the input and the filters, loss = sum of the output).
 *
 * <p>Goals: {@code mlpStep <= 0.7x} and {@code conv <= 1.0x} DJL-PyTorch in the same run. Measured
 * 2026-11-22, quiet machine, -f 2 -wi 3 -i 5, after the element-wise, packing and convolution work of
 * the day's third session: mlpStep 1.47 +- 0.05 ms against 1.21 +- 0.05 ms (1.22x, not met; it was
 * 1.73 against 1.32 ms); conv 5.98 +- 0.17 ms against 5.97 +- 2.83 ms (1.00x, at the limit; it was
 * 8.67 against 7.27 ms). DJL's inputs are attached to a per-call manager so that no intermediate
 * outlives the call (without that, DJL slows as it runs). Of our MLP step (one thread, thread CPU
 * time): the eight products about 0.95 ms, the SGD update about 0.33 ms (two passes over 235 000
 * parameters, each in fresh memory), the rest under 0.1 ms.
 *
 * <p>2026-12-07, on this project's machine of that day (2 cores of an AMD Zen 5, whose FMA units are
 * 512 bits wide; the earlier figures were taken on a Zen 4), JMH -f 2 or 3, -wi 3 to 8, -i 5, three
 * runs: mlpStep 0.80 +- 0.04, 0.86 +- 0.08 and 0.81 +- 0.16 ms against DJL-PyTorch 1.71 +- 0.26,
 * 2.54 +- 0.71 and 2.67 +- 1.85 ms (0.47x, 0.34x, 0.30x; DJL's iterations ranged from 1.36 to 4.96
 * ms, and against its fastest iteration ours is 0.58x); conv 5.27 +- 1.48 and 5.07 +- 0.34 ms
 * against 16.3 +- 21.3 and 27.7 +- 4.1 ms. DJL-PyTorch ran much slower and more erratically on this
 * machine than on the Zen 4 (1.21 and 5.97 ms there). What changed on our side: SGD's update is one
 * fused pass ({@code Tensor.add(g, -lr)}); Linear's weight gradient comes out dense (the MatMul VJP
 * computes a transposed input's gradient in its own layout; before, a transposed view made the
 * update a strided two-pass loop: 450 -> 125 us per step); the GEMM's 512-bit micro-tile (F32
 * products about 1.7x faster); reshape returns views of broadcast gradients instead of copies.
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar NnBench -f 2 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true",
    "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "--enable-native-access=ALL-UNNAMED",
    "-XX:ActiveProcessorCount=1"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class NnBench {

    static final int BATCH = 64;
    static final float LR = 0.01f;

    // ours
    Module mlp;
    SGD sgd;
    Tensor images;
    Tensor labels;
    Tensor convInput;
    Tensor convWeight;
    Tensor convBias;

    // DJL
    NDManager manager;
    List<NDArray> djlParams;
    NDArray djlImages;
    NDArray djlOneHot;
    NDArray djlConvInput;
    NDArray djlConvWeight;
    NDArray djlConvBias;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(7);
        mlp = new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 128, rng), new ReLU(),
                new Linear(128, 10, rng)).to(DType.F32);
        sgd = new SGD(mlp.parameters(), LR);
        images = Tensor.rand(rng, BATCH, 784).to(DType.F32);
        double[] y = new double[BATCH];
        float[] oneHot = new float[BATCH * 10];
        for (int i = 0; i < BATCH; i++) {
            y[i] = rng.nextInt(10);
            oneHot[i * 10 + (int) y[i]] = 1;
        }
        labels = Tensor.of(y, BATCH);
        convInput = Tensor.randn(rng, 32, 3, 32, 32).to(DType.F32).requiresGrad();
        convWeight = Tensor.randn(rng, 16, 3, 3, 3).mul(0.2).to(DType.F32).requiresGrad();
        convBias = Tensor.zeros(16).to(DType.F32).requiresGrad();

        manager = NDManager.newBaseManager();
        djlParams = List.of(
                leaf(Tensor.randn(rng, 784, 256).mul(1 / Math.sqrt(784))), leaf(Tensor.zeros(256)),
                leaf(Tensor.randn(rng, 256, 128).mul(1 / Math.sqrt(256))), leaf(Tensor.zeros(128)),
                leaf(Tensor.randn(rng, 128, 10).mul(1 / Math.sqrt(128))), leaf(Tensor.zeros(10)));
        djlImages = manager.create(toFloats(images), new Shape(BATCH, 784));
        djlOneHot = manager.create(oneHot, new Shape(BATCH, 10));
        djlConvInput = leafOf(convInput);
        djlConvWeight = leafOf(convWeight);
        djlConvBias = leafOf(convBias);
    }

    private NDArray leaf(Tensor t) {
        return leafOf(t.to(DType.F32));
    }

    private NDArray leafOf(Tensor t) {
        NDArray a = manager.create(toFloats(t), new Shape(java.util.Arrays.stream(t.shape().toArray()).mapToLong(i -> i).toArray()));
        a.setRequiresGradient(true);
        return a;
    }

    private static float[] toFloats(Tensor t) {
        double[] d = t.toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public Tensor mlpStep() {
        sgd.zeroGrad();
        Tensor loss = F.crossEntropy(mlp.forward(images), labels);
        loss.backward();
        sgd.step();
        return loss;
    }

    @Benchmark
    public float djlMlpStep() {
        try (NDManager scope = manager.newSubManager()) {
            // NOTE: inputs attached to the scope for the call, so every intermediate is freed with it
            djlImages.tempAttach(scope);
            djlOneHot.tempAttach(scope);
            for (NDArray p : djlParams) {
                p.tempAttach(scope);
            }
            return djlStep(djlImages, djlOneHot, djlParams, LR);
        }
    }

    /**
     * One SGD step of the MLP on DJL, {@code params} = (W1, b1, W2, b2, W3, b3) with W of shape
     * [in, out]: forward, one-hot cross-entropy from {@code logSoftmax}, backward and
     * {@code p -= lr grad}; the loss. The caller attaches everything to a scope that it closes.
     */
    static float djlStep(NDArray images, NDArray oneHot, List<NDArray> params, float lr) {
        float loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray h = images.matMul(params.get(0)).add(params.get(1)).maximum(0f);
            h = h.matMul(params.get(2)).add(params.get(3)).maximum(0f);
            NDArray logits = h.matMul(params.get(4)).add(params.get(5));
            NDArray l = logits.logSoftmax(1).mul(oneHot).sum().neg().div(images.getShape().get(0));
            gc.backward(l);
            loss = l.getFloat();
        }
        for (NDArray p : params) {
            p.subi(p.getGradient().mul(lr));
        }
        return loss;
    }

    @Benchmark
    public Tensor conv() {
        Tensor out = F.conv2d(convInput, convWeight, convBias, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);
        out.sum().backward();
        Tensor g = convWeight.grad();
        convInput.zeroGrad();
        convWeight.zeroGrad();
        convBias.zeroGrad();
        return g;
    }

    @Benchmark
    public float djlConv() {
        try (NDManager scope = manager.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            djlConvInput.tempAttach(scope);
            djlConvWeight.tempAttach(scope);
            djlConvBias.tempAttach(scope);
            NDList out = Conv2d.conv2d(djlConvInput, djlConvWeight, djlConvBias, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1);
            gc.backward(out.singletonOrThrow().sum());
            return djlConvWeight.getGradient().getFloat(0, 0, 0, 0);
        }
    }
}
