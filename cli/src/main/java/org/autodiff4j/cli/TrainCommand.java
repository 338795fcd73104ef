package org.autodiff4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.autodiff4j.io.Safetensors;
import org.autodiff4j.nn.EpochMetrics;
import org.autodiff4j.nn.TrainConfig;
import org.autodiff4j.nn.Trainer;
import org.autodiff4j.nn.TrainingListener;

/**
 * {@code autodiff train}: trains a model on a data set with a progress bar per epoch, prints the
 * train and test loss and accuracy of each epoch, and writes to {@code --out}: the parameters
 * ({@code model.safetensors}), the loss and accuracy curves ({@code curves.png}) and a summary
 * ({@code summary.json}). With no options it trains a small MLP on two spirals in seconds.
 *
 * <pre>
 * $ ./autodiff train --dataset fashion-mnist --model mlp --epochs 10
 * </pre>
 */
final class TrainCommand extends Command {

    TrainCommand() {
        super("train", "train [--dataset spirals|moons|fashion-mnist] [--model mlp|cnn] [--epochs N] [--batch B] "
                        + "[--optimizer sgd|adam] [--lr X] [--seed S] [--data DIR] [--out DIR]",
                "trains a neural network with progress, then writes its parameters, curves and a summary",
                Set.of("--dataset", "--model", "--epochs", "--batch", "--optimizer", "--lr", "--seed", "--data", "--out"),
                Set.of("--quiet"));
    }

    @Override
    void run(Options options, PrintStream out) throws IOException {
        if (!options.positional().isEmpty()) {
            throw new UsageException("train: takes options only, got " + options.positional());
        }
        TrainConfig config = config(options);
        Path dir = Path.of(options.value("--out", "train-out"));
        Files.createDirectories(dir);
        out.println("training " + config.model().cliName() + " on " + config.dataset().cliName() + ": " + config.epochs()
                + " epochs, batch " + config.batch() + ", " + config.optimizer().cliName() + " lr " + config.lr() + ", seed "
                + config.seed() + ", " + config.dtype());
        String[] header = {"epoch", "train loss", "train acc", "test loss", "test acc", "seconds"};
        out.println(Progress.align(header, header));
        // NOTE: a progress bar redraws its line with carriage returns, which only a terminal understands;
        // piped or logged, the per-epoch table rows are the progress.
        boolean terminal = System.console() != null && System.console().isTerminal();
        Progress progress = new Progress(options.flag("--quiet") || !terminal ? null : System.err, out, header);
        Trainer.Result result;
        try {
            result = Trainer.train(config, progress);
        } finally {
            progress.close();
        }
        List<EpochMetrics> epochs = result.epochs();
        Safetensors.save(dir.resolve("model.safetensors"), result.model().stateDict());
        plot(dir.resolve("curves.png"), epochs);
        Files.writeString(dir.resolve("summary.json"), Json.write(summary(config, epochs)) + "\n", StandardCharsets.UTF_8);
        EpochMetrics last = epochs.get(epochs.size() - 1);
        out.printf(Locale.ROOT, "%nfinal test accuracy %.2f%%; wrote %s, %s, %s%n", 100 * last.testAccuracy(),
                dir.resolve("model.safetensors"), dir.resolve("curves.png"), dir.resolve("summary.json"));
    }

    static TrainConfig config(Options options) {
        TrainConfig.DataChoice dataset = TrainConfig.DataChoice.parse(options.value("--dataset", "spirals"));
        TrainConfig c = TrainConfig.defaults(dataset, TrainConfig.ModelChoice.parse(options.value("--model", "mlp")));
        c = c.withEpochs(options.integer("--epochs", c.epochs(), 1, 100_000))
                .withBatch(options.integer("--batch", c.batch(), 1, 1 << 20))
                .withSeed(options.integer("--seed", (int) c.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE));
        if (options.value("--optimizer") != null) {
            c = c.withOptimizer(TrainConfig.OptimizerChoice.parse(options.value("--optimizer")));
        }
        if (options.value("--lr") != null) {
            try {
                c = c.withLr(Double.parseDouble(options.value("--lr")));
            } catch (NumberFormatException e) {
                throw new UsageException("train: --lr must be a number, got '" + options.value("--lr") + "'");
            }
        }
        if (options.value("--data") != null) {
            c = c.withDataDir(Path.of(options.value("--data")));
        }
        return c;
    }

    private static void plot(Path file, List<EpochMetrics> epochs) throws IOException {
        double[] x = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
        LinePlot.write(file, List.of(
                new LinePlot.Chart("loss (cross-entropy)", "epoch", false, false, List.of(
                        new LinePlot.Series("train", x, epochs.stream().mapToDouble(EpochMetrics::trainLoss).toArray()),
                        new LinePlot.Series("test", x, epochs.stream().mapToDouble(EpochMetrics::testLoss).toArray()))),
                new LinePlot.Chart("accuracy", "epoch", false, false, List.of(
                        new LinePlot.Series("train", x, epochs.stream().mapToDouble(EpochMetrics::trainAccuracy).toArray()),
                        new LinePlot.Series("test", x, epochs.stream().mapToDouble(EpochMetrics::testAccuracy).toArray())))));
    }

    static Map<String, Object> summary(TrainConfig c, List<EpochMetrics> epochs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", c.dataset().cliName());
        m.put("model", c.model().cliName());
        m.put("optimizer", c.optimizer().cliName());
        m.put("lr", c.lr());
        m.put("batch", c.batch());
        m.put("seed", c.seed());
        m.put("dtype", c.dtype().name());
        m.put("epochs", epochs.stream().map(e -> (Object) new LinkedHashMap<>(Map.of(
                "epoch", e.epoch(), "trainLoss", e.trainLoss(), "trainAccuracy", e.trainAccuracy(),
                "testLoss", e.testLoss(), "testAccuracy", e.testAccuracy(), "seconds", e.seconds()))).toList());
        EpochMetrics last = epochs.get(epochs.size() - 1);
        m.put("testAccuracy", last.testAccuracy());
        m.put("seconds", epochs.stream().mapToDouble(EpochMetrics::seconds).sum());
        return m;
    }

    /** A progress bar per epoch (on stderr, unless quiet) and a table row after each. */
    private static final class Progress implements TrainingListener, AutoCloseable {

        private final PrintStream bars;
        private final PrintStream out;
        private final String[] header;
        private ProgressBar bar;

        Progress(PrintStream bars, PrintStream out, String[] header) {
            this.bars = bars;
            this.out = out;
            this.header = header;
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss) {
            if (bars == null) {
                return;
            }
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(bars)).build();
            }
            bar.stepTo(batch);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            close();
            String[] row = {Integer.toString(m.epoch()), f(m.trainLoss()), pct(m.trainAccuracy()), f(m.testLoss()),
                    pct(m.testAccuracy()), String.format(Locale.ROOT, "%.1f", m.seconds())};
            // NOTE: the header's widths set the columns, so rows printed one at a time line up.
            out.println(align(header, row));
            out.flush();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        static String align(String[] header, String[] row) {
            StringBuilder s = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                s.append(' ').append(" ".repeat(Math.max(0, header[i].length() - row[i].length()))).append(row[i]).append(' ');
            }
            return s.toString().stripTrailing();
        }

        private static String f(double v) {
            return String.format(Locale.ROOT, "%.4f", v);
        }

        private static String pct(double v) {
            return String.format(Locale.ROOT, "%.2f%%", 100 * v);
        }
    }
}
