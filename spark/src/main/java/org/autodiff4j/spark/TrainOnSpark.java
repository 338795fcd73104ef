package org.autodiff4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.autodiff4j.data.FashionMnist;
import org.autodiff4j.io.Safetensors;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.TrainConfig;
import org.autodiff4j.nn.Trainer;
import org.autodiff4j.optim.Adam;
import org.autodiff4j.optim.LBFGS;
import org.autodiff4j.optim.Optimizer;
import org.autodiff4j.optim.SGD;
import org.autodiff4j.tensor.DType;

/**
 * {@code autodiff train} on Spark: the same data, model and options as {@link Trainer}, trained
 * full-batch with {@link DataParallel}. The cli module does not depend on Spark, so the launcher runs
 * this class in its own JVM with {@link SparkLaunch#JVM_OPTIONS}:
 *
 * <pre>
 * ./mvnw -q -pl spark -am package -DskipTests   # writes spark/target/{classpath,spark-classpath,jvm-options}
 * java $(cat spark/target/jvm-options) \
 *     -cp "spark/target/classes:$(cat spark/target/classpath):$(cat spark/target/spark-classpath)" \
 *     org.autodiff4j.spark.TrainOnSpark --spark local[2] --dataset spirals --epochs 200 --optimizer lbfgs
 * </pre>
 *
 * <p>On a cluster, {@code spark-submit --class org.autodiff4j.spark.TrainOnSpark} with the assembly jar
 * the same build writes ({@code spark/target/autodiff4j-spark-VERSION-assembly.jar}: this module and
 * autodiff4j's core, tensor and nn; the cluster provides Spark) runs the same options without
 * {@code --spark}; the README's Spark section walks through it.
 *
 * <p>Options: those of {@code autodiff train} ({@code --dataset --model --epochs --batch --optimizer
 * --lr --seed --data --out --quiet}) and {@code --spark MASTER} (default {@code local[*]}; omitted under
 * {@code spark-submit}, which sets the master), {@code --partitions P} (default: Spark's default
 * parallelism), {@code --limit N} (train on the first N examples). Differences from the
 * single-process trainer: each "epoch" is one full-batch step (so {@code --batch} is ignored and a
 * good learning rate is larger), and {@code --optimizer} also takes {@code lbfgs} (full-batch
 * L-BFGS, as Spark MLlib). Writes {@code model.safetensors} into {@code --out} (default
 * {@code train-out}) and prints one line per step and the test figures.
 */
public final class TrainOnSpark {

    private TrainOnSpark() {
    }

    /**
     * A run's outcome.
     *
     * @param model the trained model, in evaluation mode
     * @param losses the mean training loss before each step
     * @param test the model's mean loss and accuracy on the test set
     * @param secondsPerStep the mean wall time of a step
     */
    public record Result(Module model, double[] losses, Trainer.Evaluation test, double secondsPerStep) {
    }

    /**
     * Trains as {@code config} says on {@code sc}, {@code config.epochs()} full-batch steps, the data
     * cut into {@code partitions} partitions (0: Spark's default) after keeping the first {@code limit}
     * examples (0: all). {@code lbfgs} replaces the configured optimizer by full-batch L-BFGS (one
     * iteration per step). Progress goes to {@code log} (null: none).
     *
     * @throws IOException if Fashion-MNIST cannot be read
     */
    public static Result run(JavaSparkContext sc, TrainConfig config, boolean lbfgs, int partitions, int limit,
                             PrintStream log) throws IOException {
        // NOTE: the same draws from the seed as Trainer.train (data from the root's first split, the model
        // from its second), so a Spark run starts from the single-process run's data and parameters. The
        // factory replays the splits because SplittableRandom is not serializable.
        long seed = config.seed();
        Trainer.Split data = Trainer.data(config, new SplittableRandom(seed).split());
        boolean fmnist = config.dataset() == TrainConfig.DataChoice.FASHION_MNIST;
        int slices = partitions > 0 ? partitions : sc.defaultParallelism();
        JavaRDD<Example> examples;
        if (fmnist) {
            // NOTE: the executors read the training IDX files themselves, so no training example is
            // shipped from the driver; the same values and order as data.train(). (The driver still
            // loads the data set once, through Trainer.data, for the test set and the shapes.)
            Path dir = config.dataDir();
            examples = IdxPartitions.read(sc, dir.resolve("train-images-idx3-ubyte.gz"),
                    dir.resolve("train-labels-idx1-ubyte.gz"), slices, limit);
        } else {
            List<Example> list = Example.listOf(data.train());
            if (limit > 0 && limit < list.size()) {
                list = new ArrayList<>(list.subList(0, limit));
            }
            examples = sc.parallelize(list, slices);
        }
        int inputs = data.train().batch(new int[] {0}).x().size();
        int classes = fmnist ? FashionMnist.CLASSES.size() : 2;
        int[] hidden = fmnist ? new int[] {256, 128} : new int[] {64, 64};
        DType dtype = config.dtype();
        ModelFactory factory = () -> {
            SplittableRandom root = new SplittableRandom(seed);
            root.split();
            return Trainer.mlp(inputs, classes, hidden, root.split()).to(dtype);
        };
        try (DataParallel dp = new DataParallel(sc, examples, factory, ShardLoss.crossEntropy())) {
            Optimizer optimizer = lbfgs ? new LBFGS(dp.model().parameters(), config.lr()).maxIter(1)
                    : switch (config.optimizer()) {
                        case SGD -> new SGD(dp.model().parameters(), config.lr()).momentum(0.9);
                        case ADAM -> new Adam(dp.model().parameters(), config.lr());
                    };
            double[] losses = new double[config.epochs()];
            long start = System.nanoTime();
            for (int k = 0; k < losses.length; k++) {
                losses[k] = dp.step(optimizer);
                if (log != null) {
                    DataParallel.StepTiming t = dp.lastTiming();
                    log.printf("step %d/%d  loss %.6f  %.1f ms (broadcast %.1f ms)%n", k + 1, losses.length, losses[k],
                            t.totalNanos() / 1e6, t.encodeNanos() / 1e6);
                }
            }
            double perStep = (System.nanoTime() - start) / 1e9 / losses.length;
            Module model = dp.model();
            model.eval();
            return new Result(model, losses, Trainer.evaluate(model, data.test(), 1024), perStep);
        }
    }

    /**
     * The command line: see the class comment. Exits with status 2 on a usage error.
     *
     * @throws IOException if the data cannot be read or the model cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("train --spark: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkLaunch.requireJvmOptions();
        TrainConfig.DataChoice dataset = TrainConfig.DataChoice.parse(options.getOrDefault("--dataset", "spirals"));
        TrainConfig c = TrainConfig.defaults(dataset);
        if (options.containsKey("--model")) {
            TrainConfig.ModelChoice.parse(options.get("--model"));
        }
        c = c.withEpochs(Integer.parseInt(options.getOrDefault("--epochs", String.valueOf(c.epochs()))))
                .withSeed(Long.parseLong(options.getOrDefault("--seed", String.valueOf(c.seed()))));
        String opt = options.getOrDefault("--optimizer", c.optimizer().cliName());
        boolean lbfgs = opt.equals("lbfgs");
        if (!lbfgs) {
            c = c.withOptimizer(TrainConfig.OptimizerChoice.parse(opt));
        }
        if (options.containsKey("--lr")) {
            c = c.withLr(Double.parseDouble(options.get("--lr")));
        } else if (lbfgs) {
            c = c.withLr(1);
        }
        if (options.containsKey("--data")) {
            c = c.withDataDir(Path.of(options.get("--data")));
        }
        SparkConf conf = options.containsKey("--spark") || !new SparkConf().contains("spark.master")
                ? SparkLaunch.conf(options.getOrDefault("--spark", "local[*]"), "autodiff train")
                : new SparkConf().setAppName("autodiff train").set("spark.ui.enabled", "false");
        PrintStream log = options.containsKey("--quiet") ? null : System.out;
        try (JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf))) {
            sc.setLogLevel("WARN");
            Result r = run(sc, c, lbfgs, Integer.parseInt(options.getOrDefault("--partitions", "0")),
                    Integer.parseInt(options.getOrDefault("--limit", "0")), log);
            Path out = Path.of(options.getOrDefault("--out", "train-out"));
            Files.createDirectories(out);
            Safetensors.save(out.resolve("model.safetensors"), r.model().stateDict());
            System.out.printf("test loss %.4f  test accuracy %.4f  %.1f ms per step on %s%n", r.test().loss(),
                    r.test().accuracy(), r.secondsPerStep() * 1e3, sc.master());
        }
    }

    private static final List<String> VALUED = List.of("--dataset", "--model", "--epochs", "--batch", "--optimizer",
            "--lr", "--seed", "--data", "--out", "--spark", "--partitions", "--limit");

    /** The options as a map ({@code --quiet} maps to "true"). */
    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quiet")) {
                out.put(a, "true");
            } else if (VALUED.contains(a)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                out.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "'; expected one of " + VALUED + " or --quiet");
            }
        }
        return out;
    }
}
