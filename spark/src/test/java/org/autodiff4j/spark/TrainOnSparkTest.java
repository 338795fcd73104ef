package org.autodiff4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.autodiff4j.nn.TrainConfig;
import org.junit.jupiter.api.Test;

class TrainOnSparkTest {

    @Test
    void trainsTheSpiralsFullBatchAndTheLossFalls() throws Exception {
        TrainConfig c = TrainConfig.defaults(TrainConfig.DataChoice.SPIRALS).withEpochs(30).withLr(0.02);
        TrainOnSpark.Result r = TrainOnSpark.run(LocalSpark.context(), c, false, 4, 400, null);
        assertThat(r.losses()).hasSize(30);
        assertThat(r.losses()[29]).isLessThan(r.losses()[0] * 0.9);
        assertThat(r.test().accuracy()).isGreaterThan(0.5);
        assertThat(r.model().isTraining()).isFalse();
    }

    @Test
    void optionsAreThoseOfTrainPlusSparkPartitionsAndLimit() {
        assertThat(TrainOnSpark.parse(new String[] {"--spark", "local[2]", "--partitions", "4", "--quiet"}))
                .containsEntry("--spark", "local[2]").containsEntry("--partitions", "4").containsEntry("--quiet", "true");
        assertThatThrownBy(() -> TrainOnSpark.parse(new String[] {"--epochs"})).hasMessageContaining("--epochs needs a value");
        assertThatThrownBy(() -> TrainOnSpark.parse(new String[] {"--gpu"})).hasMessageContaining("unknown option '--gpu'");
    }
}
