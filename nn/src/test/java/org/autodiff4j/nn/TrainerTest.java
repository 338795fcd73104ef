package org.autodiff4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The training loop on the generated data sets. */
class TrainerTest {

    @Test
    void anMlpLearnsTheTwoSpirals() throws Exception {
        TrainConfig config = TrainConfig.defaults(TrainConfig.DataChoice.SPIRALS);
        List<int[]> batches = new ArrayList<>();
        long start = System.nanoTime();
        Trainer.Result r = Trainer.train(config, new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches1, double loss) {
                batches.add(new int[] {epoch, batch, batches1});
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        Trainer.Split data = Trainer.data(config, new SplittableRandom(config.seed()).split());
        double trainAccuracy = Trainer.evaluate(r.model(), data.train(), 1024).accuracy();
        assertThat(trainAccuracy).as("training accuracy after %.1f s", seconds).isGreaterThanOrEqualTo(0.95);
        assertThat(r.epochs()).hasSize(config.epochs());
        assertThat(r.epochs().getLast().testAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.epochs().getLast().trainLoss()).isLessThan(r.epochs().getFirst().trainLoss());
        assertThat(batches).hasSize(config.epochs() * 16);
        assertThat(batches.getLast()).containsExactly(config.epochs(), 16, 16);
        assertThat(r.model().isTraining()).isFalse();
    }

    @Test
    void aRunRepeatsWithItsSeedAndSgdLearnsTheMoons() throws Exception {
        TrainConfig config = TrainConfig.defaults(TrainConfig.DataChoice.MOONS).withEpochs(5)
                .withOptimizer(TrainConfig.OptimizerChoice.SGD).withLr(0.1).withSeed(3);
        Trainer.Result a = Trainer.train(config, new TrainingListener() { });
        Trainer.Result b = Trainer.train(config, new TrainingListener() { });
        assertThat(a.epochs().getLast().trainLoss()).isEqualTo(b.epochs().getLast().trainLoss());
        assertThat(a.epochs().getLast().testAccuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theCnnMapsImagesToLogitsAndLearnsABatch() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        Sequential cnn = Trainer.cnn(10, rng);
        assertThat(cnn.parameterCount()).isEqualTo(160 + 4640 + 1568 * 128 + 128 + 1290);
        org.autodiff4j.tensor.Tensor x = org.autodiff4j.tensor.Tensor.rand(rng, 8, 1, 28, 28);
        org.autodiff4j.tensor.Tensor y = org.autodiff4j.tensor.Tensor.vector(0, 1, 2, 3, 4, 5, 6, 7);
        org.autodiff4j.optim.Adam opt = new org.autodiff4j.optim.Adam(cnn.parameters(), 1e-3);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 30; step++) {
            opt.zeroGrad();
            org.autodiff4j.tensor.Tensor loss = F.crossEntropy(cnn.forward(x), y);
            loss.backward();
            opt.step();
            last = loss.item();
            first = step == 0 ? last : first;
        }
        assertThat(last).isLessThan(0.2 * first);
        assertThat(Trainer.correct(cnn.forward(x), y)).isEqualTo(8);
    }

    @Test
    void choicesAndMissingDataAreExplained() {
        assertThat(TrainConfig.DataChoice.parse("fashion-mnist")).isEqualTo(TrainConfig.DataChoice.FASHION_MNIST);
        assertThatThrownBy(() -> TrainConfig.DataChoice.parse("mnist"))
                .hasMessageContaining("spirals, moons, fashion-mnist");
        assertThat(TrainConfig.ModelChoice.parse("cnn")).isEqualTo(TrainConfig.ModelChoice.CNN);
        assertThatThrownBy(() -> TrainConfig.ModelChoice.parse("resnet")).hasMessageContaining("mlp, cnn");
        TrainConfig cnnOnSpirals = new TrainConfig(TrainConfig.DataChoice.SPIRALS, TrainConfig.ModelChoice.CNN, 1, 64,
                TrainConfig.OptimizerChoice.ADAM, 0.01, 1, Path.of("/nonexistent"), org.autodiff4j.tensor.DType.F64);
        assertThatThrownBy(() -> Trainer.train(cnnOnSpirals, new TrainingListener() { }))
                .hasMessageContaining("28x28").hasMessageContaining("spirals");
        assertThatThrownBy(() -> TrainConfig.defaults(TrainConfig.DataChoice.SPIRALS).withEpochs(0))
                .hasMessageContaining("epochs");
        TrainConfig missing = TrainConfig.defaults(TrainConfig.DataChoice.FASHION_MNIST).withDataDir(Path.of("/nonexistent"));
        assertThatThrownBy(() -> Trainer.train(missing, new TrainingListener() { }))
                .isInstanceOf(FileNotFoundException.class).hasMessageContaining("dataset-fashion-mnist");
    }
}
