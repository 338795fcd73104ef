package org.autodiff4j.nn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.autodiff4j.data.Batch;
import org.autodiff4j.data.DataLoader;
import org.autodiff4j.data.Dataset;
import org.autodiff4j.data.FashionMnist;
import org.autodiff4j.data.TensorDataset;
import org.autodiff4j.data.TwoMoons;
import org.autodiff4j.data.TwoSpirals;
import org.autodiff4j.optim.Adam;
import org.autodiff4j.optim.Optimizer;
import org.autodiff4j.optim.SGD;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.NoGrad;
import org.autodiff4j.tensor.Tensor;

/**
 * The classification training loop behind {@code autodiff train}: builds the data and the model a
 * {@link TrainConfig} names, trains with cross-entropy for the given epochs, and reports each epoch's
 * training and test loss and accuracy.
 *
 * <pre>{@code
 * Trainer.Result r = Trainer.train(TrainConfig.defaults(TrainConfig.DataChoice.SPIRALS), new TrainingListener() {});
 * r.epochs().getLast().testAccuracy();      // about 0.99
 * Safetensors.save(out.resolve("model.safetensors"), r.model().stateDict());
 * }</pre>
 *
 * <p>Everything random (generated data, initialization, shuffling) derives from the seed, so a run repeats exactly.
 */
public final class Trainer {

    /** Examples per class of the generated training sets; the test sets have half as many. */
    static final int GENERATED_PER_CLASS = 500;

    private Trainer() {
    }

    /**
     * The outcome of a run.
     *
     * @param model the trained model, in evaluation mode
     * @param epochs the figures of each epoch
     */
    public record Result(Module model, List<EpochMetrics> epochs) {
    }

    /** A training and a test set. */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * Trains as {@code config} says, telling {@code listener} about each batch and epoch.
     *
     * @throws IOException if Fashion-MNIST cannot be read (a missing file's message names the Debian
     *     package and the {@code --data} option)
     */
    public static Result train(TrainConfig config, TrainingListener listener) throws IOException {
        SplittableRandom root = new SplittableRandom(config.seed());
        Split data = data(config, root.split());
        Batch probe = data.train().batch(new int[] {0});
        int inputs = probe.x().size();
        int classes = config.dataset() == TrainConfig.DataChoice.FASHION_MNIST ? FashionMnist.CLASSES.size() : 2;
        Module model = switch (config.model()) {
            case MLP -> mlp(inputs, classes, config.dataset() == TrainConfig.DataChoice.FASHION_MNIST
                    ? new int[] {256, 128} : new int[] {64, 64}, root.split());
            case CNN -> {
                int[] image = probe.x().shape().toArray();
                if (image.length != 4 || image[1] != 1 || image[2] != 28 || image[3] != 28) {
                    throw new IllegalArgumentException("--model cnn needs 28x28 grey images (fashion-mnist); "
                            + config.dataset().cliName() + " has examples of shape " + probe.x().shape());
                }
                yield cnn(classes, root.split());
            }
        };
        model.to(config.dtype());
        Optimizer optimizer = switch (config.optimizer()) {
            case SGD -> new SGD(model.parameters(), config.lr()).momentum(0.9);
            case ADAM -> new Adam(model.parameters(), config.lr());
        };
        DataLoader loader = new DataLoader(data.train(), config.batch(), true, false, root.split());
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            model.train();
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            int b = 0;
            for (Batch batch : loader) {
                optimizer.zeroGrad();
                Tensor logits = model.forward(batch.x());
                Tensor loss = F.crossEntropy(logits, batch.y());
                loss.backward();
                optimizer.step();
                double l = loss.item();
                lossSum += l * batch.size();
                correct += correct(logits, batch.y());
                seen += batch.size();
                listener.onBatch(epoch, ++b, loader.batches(), l);
            }
            Evaluation test = evaluate(model, data.test(), 1024);
            EpochMetrics m = new EpochMetrics(epoch, lossSum / seen, (double) correct / seen, test.loss(), test.accuracy(),
                    (System.nanoTime() - start) / 1e9);
            history.add(m);
            listener.onEpoch(m);
        }
        model.eval();
        return new Result(model, List.copyOf(history));
    }

    /**
     * The data {@code config} names; generated sets draw from {@code rng}: spirals with noise 0.05,
     * moons with noise 0.1, {@value #GENERATED_PER_CLASS} examples per class for training and half as
     * many, drawn independently, for testing.
     */
    public static Split data(TrainConfig config, RandomGenerator rng) throws IOException {
        return switch (config.dataset()) {
            case SPIRALS -> new Split(typed(TwoSpirals.generate(GENERATED_PER_CLASS, 0.05, rng), config.dtype()),
                    typed(TwoSpirals.generate(GENERATED_PER_CLASS / 2, 0.05, rng), config.dtype()));
            case MOONS -> new Split(typed(TwoMoons.generate(GENERATED_PER_CLASS, 0.1, rng), config.dtype()),
                    typed(TwoMoons.generate(GENERATED_PER_CLASS / 2, 0.1, rng), config.dtype()));
            case FASHION_MNIST -> {
                FashionMnist f = FashionMnist.load(config.dataDir(), config.dtype());
                yield new Split(f.train(), f.test());
            }
        };
    }

    private static TensorDataset typed(TensorDataset d, DType dtype) {
        return new TensorDataset(d.x().to(dtype), d.y());
    }

    /**
     * A multi-layer perceptron for classification: {@link Flatten}, then {@link Linear} and
     * {@link ReLU} for each hidden size, then a linear layer to {@code classes} logits.
     *
     * <pre>{@code Trainer.mlp(784, 10, new int[] {256, 128}, rng);   // the 784-256-128-10 MLP}</pre>
     */
    public static Sequential mlp(int inputs, int classes, int[] hidden, RandomGenerator rng) {
        List<Module> layers = new ArrayList<>();
        layers.add(new Flatten());
        int in = inputs;
        for (int h : hidden) {
            layers.add(new Linear(in, h, rng));
            layers.add(new ReLU());
            in = h;
        }
        layers.add(new Linear(in, classes, rng));
        return new Sequential(layers.toArray(Module[]::new));
    }

    /**
     * A small convolutional network for 28x28 grey images ({@code [N, 1, 28, 28]}): two blocks of a
     * 3x3 {@link Conv2d} (padding 1; 1 to 16, then 16 to 32 channels), {@link ReLU} and a 2x2
     * {@link MaxPool2d}, then {@link Flatten}, a linear layer from 32 x 7 x 7 to 128, ReLU, and a
     * linear layer to {@code classes} logits (about 206,000 parameters).
     *
     * <pre>{@code Trainer.cnn(10, rng).forward(images);   // [N, 1, 28, 28] -> [N, 10]}</pre>
     */
    public static Sequential cnn(int classes, RandomGenerator rng) {
        return new Sequential(
                new Conv2d(1, 16, 3, 1, 1, rng), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 3, 1, 1, rng), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(32 * 7 * 7, 128, rng), new ReLU(), new Linear(128, classes, rng));
    }

    /**
     * A model's mean cross-entropy and accuracy on a data set.
     *
     * @param loss the mean cross-entropy
     * @param accuracy the fraction classified correctly
     */
    public record Evaluation(double loss, double accuracy) {
    }

    /**
     * The mean cross-entropy and the accuracy of {@code model} on {@code data}, in evaluation mode
     * and without recording, {@code batch} examples at a time; the model's mode is restored.
     */
    public static Evaluation evaluate(Module model, Dataset data, int batch) {
        boolean training = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0;
        try (NoGrad _ = NoGrad.enter()) {
            for (Batch b : new DataLoader(data, batch)) {
                Tensor logits = model.forward(b.x());
                lossSum += F.crossEntropy(logits, b.y(), Reduction.SUM, 0).item();
                correct += correct(logits, b.y());
            }
        } finally {
            if (training) {
                model.train();
            }
        }
        return new Evaluation(lossSum / data.size(), (double) correct / data.size());
    }

    /** The number of rows whose largest logit ({@link Tensor#argmax}, the first at a tie) is at the label's class. */
    static long correct(Tensor logits, Tensor labels) {
        return (long) logits.argmax(1, false).eq(labels.reshape(-1).to(DType.F64)).sum().item();
    }
}
