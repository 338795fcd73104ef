package org.autodiff4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.optim.Closure;
import org.autodiff4j.optim.LBFGS;
import org.autodiff4j.optim.Newton;
import org.autodiff4j.optim.Optimizer;
import org.autodiff4j.tensor.Autograd;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.ThreadLimit;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Full-batch data-parallel training on Apache Spark: the driver holds the model and the optimizer;
 * each step broadcasts the parameters (as one flat array), every partition computes the gradient
 * of its shard's summed loss with the project's autograd, the shards' gradients are added
 * ({@code treeAggregate} when there are enough partitions for its tree to help; else one job whose
 * results the driver adds as they arrive), and the driver sets the mean gradient as each parameter's {@code .grad}
 * and applies the optimizer, as Spark MLlib's {@code LogisticRegression} does with its {@code RDDLossFunction}.
 *
 * <pre>{@code
 * ModelFactory factory = () -> Trainer.mlp(2, 2, new int[] {16}, new SplittableRandom(1));
 * try (DataParallel dp = new DataParallel(sc, examples, factory, ShardLoss.crossEntropy())) {
 *     Optimizer opt = new SGD(dp.model().parameters(), 0.5);
 *     for (int k = 0; k < 100; k++) {
 *         double loss = dp.step(opt);          // mean loss before the step
 *     }
 *     Safetensors.save(file, dp.model().stateDict());
 * }
 * }</pre>
 *
 * <p>Any first-order optimizer of {@code org.autodiff4j.optim} works; {@link LBFGS} runs full-batch as
 * in MLlib, one Spark job per loss evaluation. {@link Newton} is refused (it needs the graph of the
 * loss for Hessian-vector products, which does not cross the network). The examples are packed into
 * one {@link Shard} per partition and cached at construction; {@link #close()} releases the cache.
 * The JVM running the driver (and in local mode the executors) needs Spark's module flags,
 * {@link SparkLaunch#JVM_OPTIONS}.
 */
public final class DataParallel implements AutoCloseable {

    private final JavaSparkContext sc;
    private final ModelFactory factory;
    private final ShardLoss loss;
    private final Module model;
    private final JavaRDD<Shard> shards;
    private final long size;
    private final scala.collection.immutable.Seq<Object> partitionIndices;
    private long steps;
    private long evaluations;
    private StepTiming lastTiming = new StepTiming(0, 0, 0);

    /**
     * Trains a model built by {@code factory} on {@code examples} with the summed loss {@code loss}.
     * Packs and caches the examples (one Spark job) and builds the driver's model.
     *
     * @throws IllegalArgumentException if there are no examples or they differ in their number of features
     */
    public DataParallel(JavaSparkContext sc, JavaRDD<Example> examples, ModelFactory factory, ShardLoss loss) {
        this.sc = Objects.requireNonNull(sc, "sc must not be null");
        this.factory = Objects.requireNonNull(factory, "factory must not be null");
        this.loss = Objects.requireNonNull(loss, "loss must not be null");
        Objects.requireNonNull(examples, "examples must not be null");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("DataParallel needs at least one example");
        }
        int features = examples.first().x().length;
        this.shards = examples.mapPartitionsWithIndex(
                (Integer p, Iterator<Example> it) -> Collections.singletonList(Shard.pack(p, it, features)).iterator(),
                true).persist(StorageLevel.MEMORY_ONLY());
        // NOTE: a parallelized collection's partitions carry their data, so every task of every step
        // would ship its shard again (6 MB a task for 4096 Fashion-MNIST images). A local checkpoint,
        // taken by the count below, cuts the lineage: later tasks read the cached shards instead.
        // The price: a shard lost with its executor cannot be rebuilt (a failed task still can be
        // retried, since the cached block stays).
        shards.rdd().localCheckpoint();
        this.size = shards.map(s -> (long) s.size).reduce(Long::sum);
        List<Object> indices = new ArrayList<>();
        for (int p = 0; p < shards.getNumPartitions(); p++) {
            indices.add(p);
        }
        this.partitionIndices = CollectionConverters.asScala(indices).toList();
        this.model = factory.build();
    }

    /** The driver's model: its parameters are the ones trained; build the optimizer on {@code model().parameters()}. */
    public Module model() {
        return model;
    }

    /** The number of examples. */
    public long size() {
        return size;
    }

    /** The number of completed {@link #step} calls. */
    public long steps() {
        return steps;
    }

    /** The number of full-batch gradient evaluations (Spark jobs) so far. */
    public long evaluations() {
        return evaluations;
    }

    /** The time split of the last gradient evaluation. */
    public StepTiming lastTiming() {
        return lastTiming;
    }

    /**
     * Where the time of one gradient evaluation (and, after {@link #step}, of the driver's update) went.
     * The executor-side phases are summed over the partitions' tasks, which may run in parallel.
     *
     * @param encodeNanos flattening the parameters into one array and broadcasting it
     * @param sparkNanos the Spark job: loading the parameters, forward and backward passes on the
     *     shards, shipping and adding the gradients
     * @param totalNanos the whole evaluation
     * @param loadNanos tasks: reading the broadcast parameters into the shards' models
     * @param computeNanos tasks: the forward and backward passes
     * @param packNanos tasks: flattening the gradients into one array each
     * @param resultWriteNanos tasks: serializing the gradients as task results
     * @param resultReadNanos driver: deserializing the task results
     * @param mergeNanos adding partial sums, on the executors and the driver
     * @param updateNanos driver, in {@link #step}: the mean gradient set as the parameters' gradients
     *     and the optimizer's update (0 for a bare {@link #gradient()} and for {@link LBFGS})
     */
    public record StepTiming(long encodeNanos, long sparkNanos, long totalNanos, long loadNanos, long computeNanos,
                             long packNanos, long resultWriteNanos, long resultReadNanos, long mergeNanos,
                             long updateNanos) {

        /** The three whole-evaluation figures, with no phases recorded. */
        public StepTiming(long encodeNanos, long sparkNanos, long totalNanos) {
            this(encodeNanos, sparkNanos, totalNanos, 0, 0, 0, 0, 0, 0, 0);
        }

        StepTiming withUpdate(long nanos) {
            return new StepTiming(encodeNanos, sparkNanos, totalNanos, loadNanos, computeNanos, packNanos,
                    resultWriteNanos, resultReadNanos, mergeNanos, nanos);
        }
    }

    /**
     * The sum over all examples of the loss and of its gradient at the model's current parameters
     * (one Spark job). The gradient concatenates the parameters in {@code namedParameters()} order.
     */
    public GradientSum gradient() {
        long t0 = System.nanoTime();
        Broadcast<Object> broadcast = sc.broadcast(FlatState.of(model));
        long t1 = System.nanoTime();
        try {
            GradientSum sum = new GradientSum();
            ShardTask task = new ShardTask(broadcast, factory, loss);
            int partitions = partitionIndices.size();
            if (treeAddsALevel(partitions)) {
                // Many partitions: treeAggregate adds their sums in a tree on the executors, so the
                // driver receives about sqrt(partitions) partial sums rather than one per partition.
                sum = shards.mapPartitions(task::sum).treeAggregate(sum, GradientSum::add, GradientSum::add, DEPTH);
            } else {
                // NOTE: few partitions, where treeAggregate too would add every partition's sum on the
                // driver: one job straight through SparkContext.runJob, each partition's sum added into
                // `sum` as its result arrives (on the scheduler's thread, one at a time, as RDD.fold
                // does). The task is a named class, not a lambda, so Spark's ClosureCleaner returns at
                // once (for the Scala closures that treeAggregate and the Java API wrap around the
                // functions, it reads the declaring class's bytecode on every call). On a loaded 2-core
                // machine a job doing nothing over 1 to 4 cached partitions took 19-72 ms through
                // treeAggregate and 12-31 ms this way, faster in each of 36 pairs (SparkStepTimes).
                GradientSum total = sum;
                sc.sc().runJob(shards.rdd(), task, partitionIndices,
                        new AbstractFunction2<Object, GradientSum, BoxedUnit>() {
                            @Override
                            public BoxedUnit apply(Object partition, GradientSum part) {
                                total.add(part);
                                return BoxedUnit.UNIT;
                            }
                        }, RESULT);
            }
            evaluations++;
            long t2 = System.nanoTime();
            long[] p = sum.phaseNanos();
            lastTiming = new StepTiming(t1 - t0, t2 - t1, t2 - t0, p[0], p[1], p[2], p[3], p[4], p[5], 0);
            if (sum.count() != size) {
                throw new IllegalStateException("the gradient summed " + sum.count() + " examples, expected " + size);
            }
            return sum;
        } finally {
            broadcast.destroy();
        }
    }

    private static final ClassTag<GradientSum> RESULT = ClassTag$.MODULE$.apply(GradientSum.class);

    /**
     * A task: the summed loss and gradient of its partition's shards at the broadcast state. Static
     * and named, so it carries the three values it needs and not this DataParallel (which holds the
     * SparkContext and cannot be serialized).
     */
    static final class ShardTask extends AbstractFunction2<TaskContext, scala.collection.Iterator<Shard>, GradientSum>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Broadcast<Object> state;
        private final ModelFactory factory;
        private final ShardLoss loss;

        ShardTask(Broadcast<Object> state, ModelFactory factory, ShardLoss loss) {
            this.state = state;
            this.factory = factory;
            this.loss = loss;
        }

        @Override
        public GradientSum apply(TaskContext context, scala.collection.Iterator<Shard> shards) {
            return sum(CollectionConverters.asJava(shards)).next();
        }

        /**
         * The partition's sum, as the one element of an iterator (for {@code mapPartitions}). Its
         * products run on the cores Spark gave the task ({@code spark.task.cpus}, 1 by default).
         */
        Iterator<GradientSum> sum(Iterator<Shard> shards) {
            // NOTE: an executor runs one task per core. When each task's products also split over all
            // the cores, the tasks' halves wait on one another: local[2], 2 partitions, forward and
            // backward of a 2048-example half batch took 30.7 ms per task that way and 23.3 ms on
            // the task's one core (SparkStepTimes, 300 steps of warm-up).
            TaskContext context = TaskContext.get();
            GradientSum sum = null;
            try (ThreadLimit cores = ThreadLimit.enter(context == null ? ThreadLimit.current() : context.cpus())) {
                while (shards.hasNext()) {
                    GradientSum g = shardGradient(shards.next(), state.value(), factory, loss);
                    sum = sum == null ? g : sum.add(g);
                }
            }
            return List.of(sum == null ? new GradientSum() : sum).iterator();
        }
    }

    /** The {@code treeAggregate} depth, Spark's default. */
    private static final int DEPTH = 2;

    /**
     * True if {@code treeAggregate} at {@link #DEPTH} would add a level of partial sums on the
     * executors for this many partitions (Spark's own test, in {@code RDD.treeAggregate}); false if it
     * would send every partition's sum to the driver.
     */
    static boolean treeAddsALevel(int partitions) {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / DEPTH)), 2);
        return partitions > scale + Math.ceil((double) partitions / scale);
    }

    /**
     * The summed loss of one shard and its gradient, at the state {@code state} ({@link FlatState}).
     *
     * <p>NOTE: each shard keeps its own model (built on its first step, see {@link Shard}): tasks of one
     * executor run in parallel threads and modules are not thread-safe, so models are not shared
     * between shards; the lock guards against two attempts of one partition (speculation) meeting in
     * one JVM.
     */
    static GradientSum shardGradient(Shard shard, Object state, ModelFactory factory, ShardLoss loss) {
        if (shard.size == 0) {
            return new GradientSum();
        }
        synchronized (shard) {
            long t0 = System.nanoTime();
            Module m = shard.model(factory);
            FlatState.load(m, state);
            return gradientOf(shard, m, loss, t0);
        }
    }

    private static GradientSum gradientOf(Shard shard, Module m, ShardLoss loss, long t0) {
        long t1 = System.nanoTime();
        List<Tensor> leaves = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            leaves.add(p.value());
        }
        DType dtype = leaves.getFirst().dtype();
        Tensor l = loss.sum(m, shard.inputs(dtype), shard.labels(dtype));
        if (l.size() != 1) {
            throw new IllegalArgumentException("the shard loss must be one number, got shape " + l.shape());
        }
        List<Tensor> grads = Autograd.grad(List.of(l), leaves, false);
        long t2 = System.nanoTime();
        // NOTE: straight from each gradient's values into one array, in F32 for an F32 model: no
        // concatenated tensor, and no double copy to convert back when the result is written.
        Object flat = FlatState.flatten(grads);
        GradientSum g = flat instanceof float[] floats ? new GradientSum(l.item(), floats, shard.size)
                : new GradientSum(l.item(), (double[]) flat, shard.size);
        return g.timed(t1 - t0, t2 - t1, System.nanoTime() - t2);
    }

    /** The mean gradient cut into tensors shaped and typed as the driver's parameters. */
    private List<Tensor> meanGradient(GradientSum sum) {
        double[] g = sum.grad();
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            Tensor v = e.getValue().value();
            double[] part = new double[v.size()];
            for (int i = 0; i < part.length; i++) {
                part[i] = g[at + i] / size;
                if (!Double.isFinite(part[i])) {
                    throw new IllegalStateException("the gradient of parameter " + e.getKey() + " is not finite ("
                            + part[i] + " at index " + i + ") at step " + (steps + 1));
                }
            }
            out.add(Tensor.of(part, v.shape().toArray()).to(v.dtype()));
            at += part.length;
        }
        return out;
    }

    /**
     * One full-batch step of {@code optimizer}: the mean loss's gradient over all examples, computed
     * on Spark, is set as each parameter's gradient and the optimizer updates the parameters on the
     * driver. For {@link LBFGS} the step is {@code optimizer.step(closure)} with each loss evaluation a
     * Spark job. Returns the mean loss before the step.
     *
     * @throws IllegalArgumentException if the optimizer is not built on {@code model().parameters()},
     *     or is a {@link Newton}
     * @throws IllegalStateException if the gradient is not finite, or the optimizer fails on the
     *     driver (the cause is the optimizer's exception)
     */
    public double step(Optimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer must not be null");
        if (!optimizer.parameters().equals(model.parameters())) {
            throw new IllegalArgumentException("the optimizer must be built on DataParallel.model().parameters(), in"
                    + " that order: it updates " + optimizer.parameters().size() + " other parameters");
        }
        if (optimizer instanceof Newton) {
            throw new IllegalArgumentException("Newton needs the loss's graph for Hessian-vector products, which"
                    + " DataParallel does not ship back from the executors; use LBFGS or a first-order optimizer");
        }
        if (optimizer instanceof LBFGS) {
            double l = driverStep(optimizer, () -> optimizer.step(surrogate()));
            steps++;
            return l;
        }
        GradientSum sum = gradient();
        long t0 = System.nanoTime();
        List<Tensor> g = meanGradient(sum);
        List<Parameter> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).setGrad(g.get(i));
        }
        driverStep(optimizer, () -> {
            optimizer.step();
            return 0;
        });
        lastTiming = lastTiming.withUpdate(System.nanoTime() - t0);
        steps++;
        return sum.loss() / size;
    }

    /**
     * Runs {@code k} steps of {@code optimizer} and returns the mean loss before each.
     *
     * @throws IllegalArgumentException if k is negative
     */
    public double[] fit(Optimizer optimizer, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("the number of steps must be >= 0, got " + k);
        }
        double[] losses = new double[k];
        for (int i = 0; i < k; i++) {
            losses[i] = step(optimizer);
        }
        return losses;
    }

    private double driverStep(Optimizer optimizer, java.util.function.DoubleSupplier body) {
        try {
            return body.getAsDouble();
        } catch (RuntimeException e) {
            // NOTE: a failed Spark job arrives as a (checked, sneakily thrown) SparkException, which this
            // catch does not see: only the driver's own update is wrapped, so the message says where it broke.
            throw new IllegalStateException("the driver-side " + optimizer.getClass().getSimpleName() + " step "
                    + (steps + 1) + " failed after the gradient was summed on Spark (parameters may be partly"
                    + " updated): " + e.getMessage(), e);
        }
    }

    /**
     * A closure for {@link LBFGS} whose loss is the full-batch mean loss and whose gradient is the
     * Spark-computed mean gradient: {@code sum_j <p_j, G_j> - c + L}, with {@code G_j} and the
     * constant {@code c = sum_j <p_j, G_j>} held fixed.
     *
     * <p>NOTE: a linear surrogate carries the distributed gradient into an optimizer that
     * differentiates its closure itself; {@code s - s} is exactly 0 so the value is exactly L (in F64),
     * and the gradient with respect to {@code p_j} is exactly {@code G_j}. Its Hessian is zero, which is
     * why {@link Newton} is refused.
     */
    private Closure surrogate() {
        return () -> {
            GradientSum sum = gradient();
            List<Tensor> g = meanGradient(sum);
            List<Parameter> params = model.parameters();
            Tensor s = null;
            for (int i = 0; i < params.size(); i++) {
                Tensor term = params.get(i).value().mul(g.get(i)).sum();
                s = s == null ? term : s.add(term);
            }
            return s.sub(s.item()).add(sum.loss() / size);
        };
    }

    /** Releases the cached shards; the Spark context stays open (it belongs to the caller). */
    @Override
    public void close() {
        shards.unpersist(false);
    }
}
