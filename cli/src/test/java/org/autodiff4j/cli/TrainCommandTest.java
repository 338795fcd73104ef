package org.autodiff4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.autodiff4j.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** autodiff train end to end on a generated data set: the table, and the three files it writes. */
class TrainCommandTest {

    @Test
    void trainsOnMoonsAndWritesParametersCurvesAndSummary(@TempDir Path dir) throws Exception {
        MainTest.Run r = MainTest.run("train", "--dataset", "moons", "--epochs", "4", "--quiet", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("training mlp on moons: 4 epochs").contains("test acc").contains("final test accuracy");
        assertThat(r.out().lines().filter(l -> l.strip().matches("[1-4] .*%.*"))).hasSize(4);

        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) JsonReader.read(Files.readString(dir.resolve("summary.json")));
        assertThat(summary.get("dataset")).isEqualTo("moons");
        assertThat((List<?>) summary.get("epochs")).hasSize(4);
        assertThat((Double) summary.get("testAccuracy")).isGreaterThan(0.8);

        assertThat(Safetensors.load(dir.resolve("model.safetensors"))).isNotEmpty();
        var png = ImageIO.read(dir.resolve("curves.png").toFile());
        assertThat(png.getHeight()).isEqualTo(2 * 420);
    }

    @Test
    void badChoicesAreUserErrors() {
        MainTest.Run model = MainTest.run("train", "--model", "transformer");
        assertThat(model.status()).isEqualTo(2);
        assertThat(model.err()).contains("model").contains("mlp");
        MainTest.Run lr = MainTest.run("train", "--lr", "fast");
        assertThat(lr.status()).isEqualTo(2);
        assertThat(lr.err()).contains("--lr must be a number");
        MainTest.Run data = MainTest.run("train", "--dataset", "fashion-mnist", "--data", "/nonexistent", "--quiet", "--out",
                System.getProperty("java.io.tmpdir") + "/autodiff-train-missing");
        assertThat(data.status()).isEqualTo(2);
        assertThat(data.err()).contains("dataset-fashion-mnist");
    }
}
