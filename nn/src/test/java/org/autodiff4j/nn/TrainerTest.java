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
    void choicesAndMissingDataAreExplained() {
        assertThat(TrainConfig.DataChoice.parse("fashion-mnist")).isEqualTo(TrainConfig.DataChoice.FASHION_MNIST);
        assertThatThrownBy(() -> TrainConfig.DataChoice.parse("mnist"))
                .hasMessageContaining("spirals, moons, fashion-mnist");
        assertThatThrownBy(() -> TrainConfig.ModelChoice.parse("cnn")).hasMessageContaining("mlp");
        assertThatThrownBy(() -> TrainConfig.defaults(TrainConfig.DataChoice.SPIRALS).withEpochs(0))
                .hasMessageContaining("epochs");
        TrainConfig missing = TrainConfig.defaults(TrainConfig.DataChoice.FASHION_MNIST).withDataDir(Path.of("/nonexistent"));
        assertThatThrownBy(() -> Trainer.train(missing, new TrainingListener() { }))
                .isInstanceOf(FileNotFoundException.class).hasMessageContaining("dataset-fashion-mnist");
    }
}
