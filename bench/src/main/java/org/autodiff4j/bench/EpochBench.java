package org.autodiff4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.data.Batch;
import org.autodiff4j.data.Dataset;
import org.autodiff4j.data.FashionMnist;
import org.autodiff4j.nn.F;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.Trainer;
import org.autodiff4j.optim.SGD;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

/**
 * One training epoch of the Fashion-MNIST MLP 784-256-128-10 (issue #7): 60 000 images in batches
 * of 64 (937 full batches, the last 32 images dropped) in one fixed shuffled order, each step
 * gathering its batch from the training set, forward, cross-entropy, backward and a plain SGD update
 * (learning rate 0.01), F32, one thread. {@code ours} runs {@link Trainer#mlp}'s model with
 * {@link SGD}; {@code djl} runs the same steps on DJL's PyTorch engine (libtorch 2.7.1, one intra-op
 * thread): each batch gathered into a float array and handed to PyTorch, a one-hot cross-entropy
 * from {@code logSoftmax}, and {@code p -= lr * grad} per parameter. Scores are seconds per epoch
 * (single shot; the first epoch of each fork is warm-up).
 *
 * <p>Measured 2026-11-22, quiet machine, 2 forks x 3 epochs: ours 1.53 s (1.44-1.57), DJL-PyTorch
 * 1.59 s (1.37-1.80) per epoch. Measured 2026-12-07 on that day's machine (a Zen 5; DJL-PyTorch
 * ran slower there), while a helper was building: ours 1.11 s (0.90-1.35), DJL-PyTorch 2.71 s
 * (2.40-2.99).
 *
 * <p>Needs the Fashion-MNIST IDX files in {@code /usr/share/datasets/fashion-mnist} (Debian package
 * {@code dataset-fashion-mnist}, which {@code .ci/run} installs).
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar EpochBench}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true",
    "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "--enable-native-access=ALL-UNNAMED",
    "-XX:ActiveProcessorCount=1"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class EpochBench {

    static final int BATCH = 64;
    static final float LR = 0.01f;
    static final int PIXELS = 784;
    static final int CLASSES = 10;

    Dataset train;
    int[] order;
    int batches;

    // ours
    Module mlp;
    SGD sgd;

    // DJL: the training set as Java arrays, gathered per batch as a DJL user's loader would
    float[] pixels;
    int[] labels;
    float[] batchPixels = new float[BATCH * PIXELS];
    float[] batchOneHot = new float[BATCH * CLASSES];
    NDManager manager;
    List<NDArray> djlParams;

    @Setup
    public void setUp() throws IOException {
        if (!FashionMnist.isAvailable(FashionMnist.DEFAULT_DIR)) {
            throw new IllegalStateException("EpochBench needs Fashion-MNIST in " + FashionMnist.DEFAULT_DIR
                    + ": install the Debian package dataset-fashion-mnist");
        }
        train = FashionMnist.load(FashionMnist.DEFAULT_DIR, DType.F32).train();
        SplittableRandom rng = new SplittableRandom(11);
        order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        batches = order.length / BATCH;

        mlp = Trainer.mlp(PIXELS, CLASSES, new int[] {256, 128}, rng.split());
        mlp.to(DType.F32);
        sgd = new SGD(mlp.parameters(), LR);

        Batch all = train.all();
        double[] x = all.x().toDoubleArray();
        double[] y = all.y().toDoubleArray();
        pixels = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            pixels[i] = (float) x[i];
        }
        labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            labels[i] = (int) y[i];
        }
        manager = NDManager.newBaseManager();
        djlParams = List.of(
                leaf(Tensor.randn(rng, PIXELS, 256).mul(1 / Math.sqrt(PIXELS))), leaf(Tensor.zeros(256)),
                leaf(Tensor.randn(rng, 256, 128).mul(1 / Math.sqrt(256))), leaf(Tensor.zeros(128)),
                leaf(Tensor.randn(rng, 128, CLASSES).mul(1 / Math.sqrt(128))), leaf(Tensor.zeros(CLASSES)));
    }

    private NDArray leaf(Tensor t) {
        double[] d = t.toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        long[] shape = java.util.Arrays.stream(t.shape().toArray()).mapToLong(i -> i).toArray();
        NDArray a = manager.create(f, new Shape(shape));
        a.setRequiresGradient(true);
        return a;
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public double ours() {
        double lossSum = 0;
        int[] idx = new int[BATCH];
        for (int b = 0; b < batches; b++) {
            System.arraycopy(order, b * BATCH, idx, 0, BATCH);
            Batch batch = train.batch(idx);
            sgd.zeroGrad();
            Tensor loss = F.crossEntropy(mlp.forward(batch.x()), batch.y());
            loss.backward();
            sgd.step();
            lossSum += loss.item();
        }
        return lossSum / batches;
    }

    @Benchmark
    public double djl() {
        double lossSum = 0;
        for (int b = 0; b < batches; b++) {
            java.util.Arrays.fill(batchOneHot, 0);
            for (int r = 0; r < BATCH; r++) {
                int i = order[b * BATCH + r];
                System.arraycopy(pixels, i * PIXELS, batchPixels, r * PIXELS, PIXELS);
                batchOneHot[r * CLASSES + labels[i]] = 1;
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = scope.create(batchPixels, new Shape(BATCH, PIXELS));
                NDArray oneHot = scope.create(batchOneHot, new Shape(BATCH, CLASSES));
                // NOTE: the parameters are attached to the scope for the step, so every intermediate
                // is freed with it (see NnBench)
                for (NDArray p : djlParams) {
                    p.tempAttach(scope);
                }
                lossSum += NnBench.djlStep(images, oneHot, djlParams, LR);
            }
        }
        return lossSum / batches;
    }
}
