package org.autodiff4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.autodiff4j.data.TensorDataset;
import org.autodiff4j.data.TwoSpirals;
import org.autodiff4j.nn.F;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.nn.Trainer;
import org.autodiff4j.optim.LBFGS;
import org.autodiff4j.optim.Newton;
import org.autodiff4j.optim.SGD;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataParallelTest {

    /** 2^8 examples: dividing by n is then exact, so only the order of the sums differs. */
    private static final int N = 256;
    private static final int PARTITIONS = 4;
    private static final double U = 0x1p-53;

    private static final ModelFactory FACTORY = () -> Trainer.mlp(2, 2, new int[] {16}, new SplittableRandom(7));

    private static JavaSparkContext sc;
    private static TensorDataset data;
    private static JavaRDD<Example> rdd;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
        data = TwoSpirals.generate(N / 2, 0.05, new SplittableRandom(3));
        List<Example> examples = Example.listOf(data);
        assertThat(examples).hasSize(N);
        rdd = sc.parallelize(examples, PARTITIONS);
    }

    @AfterAll
    static void release() {
        FlakyLoss.failures.set(0);
    }

    /** The single-process mean-loss gradient, concatenated in parameter order. */
    private static double[] referenceGradient(Module model, Tensor x, Tensor y) {
        model.zeroGrad();
        F.crossEntropy(model.forward(x), y).backward();
        return flatGrad(model);
    }

    private static double[] flatGrad(Module model) {
        List<Double> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (double v : p.grad().toDoubleArray()) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] flatValues(Module model) {
        List<Double> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (double v : p.value().toDoubleArray()) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Sum over examples of |gradient of example i's loss / n|, per component: the quantity that
     * bounds the rounding error of any order of summation.
     */
    private static double[] absoluteTermSum(Module model) {
        double[] x = data.x().toDoubleArray();
        double[] y = data.y().toDoubleArray();
        double[] s = null;
        for (int i = 0; i < N; i++) {
            model.zeroGrad();
            F.crossEntropy(model.forward(Tensor.of(Arrays.copyOfRange(x, 2 * i, 2 * i + 2), 1, 2)),
                    Tensor.vector(y[i])).backward();
            double[] g = flatGrad(model);
            if (s == null) {
                s = new double[g.length];
            }
            for (int j = 0; j < g.length; j++) {
                s[j] += Math.abs(g[j]) / N;
            }
        }
        return s;
    }

    private static double[] meanGradient(DataParallel dp) {
        GradientSum sum = dp.gradient();
        double[] g = sum.grad().clone();
        for (int j = 0; j < g.length; j++) {
            g[j] /= sum.count();
        }
        return g;
    }

    /**
     * Both sides add the same n per-example terms g_i (scaled by 1/n, exact for n = 2^8), in different
     * orders: one GEMM over 256 rows against four over 64 rows plus the tree of partial sums. Any
     * order of summing n terms errs by at most (n - 1) u sum |g_i| (Higham, Accuracy and Stability of
     * Numerical Algorithms, 2nd ed., eq. 4.4), so the two differ by at most 2 (n - 1) u sum |g_i| per
     * component.
     */
    @Test
    void gradientEqualsSingleProcessWithinTheSummationBound() {
        try (DataParallel dp = new DataParallel(sc, rdd, FACTORY, ShardLoss.crossEntropy())) {
            assertThat(dp.size()).isEqualTo(N);
            double[] spark = meanGradient(dp);
            Module reference = FACTORY.build();
            double[] single = referenceGradient(reference, data.x(), data.y());
            double[] bound = absoluteTermSum(reference);
            assertThat(spark).hasSameSizeAs(single);
            for (int j = 0; j < single.length; j++) {
                double tol = 2 * (N - 1) * U * bound[j] + Double.MIN_NORMAL;
                assertThat(Math.abs(spark[j] - single[j])).as("component %d", j).isLessThanOrEqualTo(tol);
            }
        }
    }

    /**
     * After k steps of full-batch gradient descent the parameters agree to 1e-12. Each step's gradient
     * differs by at most the bound of the previous test (about 1e-14 here); gradient descent with
     * step lr on a loss whose gradient is L-Lipschitz amplifies a perturbation by at most (1 + lr L)
     * per step, so after k steps the gap is below k lr (1 + lr L)^k times the per-step bound: for
     * k = 20, lr = 0.5 and the small L of this MLP near its start, far below 1e-12.
     */
    @Test
    void parametersAfterKStepsEqualTheSingleProcessRun() {
        assertKStepsEqualTheSingleProcessRun(rdd);
    }

    /** The same with 8 partitions, which are summed through treeAggregate's tree. */
    @Test
    void throughTreeAggregateTheParametersAfterKStepsEqualTheSingleProcessRunToo() {
        assertThat(DataParallel.treeAddsALevel(8)).isTrue();
        assertKStepsEqualTheSingleProcessRun(sc.parallelize(Example.listOf(data), 8));
    }

    @Test
    void treeAggregateAddsALevelFromSixPartitions() {
        for (int p = 1; p <= 5; p++) {
            assertThat(DataParallel.treeAddsALevel(p)).as("%d partitions", p).isFalse();
        }
        for (int p : new int[] {6, 8, 9, 100, 10_000}) {
            assertThat(DataParallel.treeAddsALevel(p)).as("%d partitions", p).isTrue();
        }
    }

    private static void assertKStepsEqualTheSingleProcessRun(JavaRDD<Example> rdd) {
        int k = 20;
        double lr = 0.5;
        Module reference = FACTORY.build();
        SGD single = new SGD(reference.parameters(), lr);
        for (int i = 0; i < k; i++) {
            single.zeroGrad();
            F.crossEntropy(reference.forward(data.x()), data.y()).backward();
            single.step();
        }
        try (DataParallel dp = new DataParallel(sc, rdd, FACTORY, ShardLoss.crossEntropy())) {
            double[] losses = dp.fit(new SGD(dp.model().parameters(), lr), k);
            assertThat(losses[k - 1]).isLessThan(losses[0]);
            double[] a = flatValues(dp.model());
            double[] b = flatValues(reference);
            for (int j = 0; j < a.length; j++) {
                assertThat(Math.abs(a[j] - b[j])).as("parameter %d", j).isLessThanOrEqualTo(1e-12);
            }
            assertThat(dp.steps()).isEqualTo(k);
        }
    }

    /** Fails the first attempt of partition 1's task, once per test run. */
    static final class FlakyLoss implements ShardLoss {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger failures = new AtomicInteger();

        @Override
        public Tensor sum(Module model, Tensor x, Tensor y) {
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 1 && task.attemptNumber() == 0 && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("injected failure of partition 1, attempt 0");
            }
            return ShardLoss.crossEntropy().sum(model, x, y);
        }
    }

    /**
     * A task that fails once is run again by Spark and the step is unchanged: every example counted
     * once, the shard's gradient recomputed bit for bit (it is a pure function of the broadcast bytes
     * and the cached shard), so the total equals the fault-free total up to the order in which the
     * driver adds the 4 partial sums (which follows task completion): at most 2 * 3 u sum |partials|.
     */
    @Test
    void aTaskThatFailsOnceIsRetriedAndTheGradientStaysExact() {
        GradientSum clean;
        try (DataParallel dp = new DataParallel(sc, rdd, FACTORY, ShardLoss.crossEntropy())) {
            clean = dp.gradient();
        }
        FlakyLoss.failures.set(0);
        try (DataParallel dp = new DataParallel(sc, rdd, FACTORY, new FlakyLoss())) {
            GradientSum retried = dp.gradient();
            assertThat(FlakyLoss.failures.get()).as("the injected failure happened").isGreaterThanOrEqualTo(1);
            assertThat(retried.count()).isEqualTo(N);
            double[] partialAbs = absolutePartials();
            for (int j = 0; j < clean.grad().length; j++) {
                assertThat(Math.abs(retried.grad()[j] - clean.grad()[j])).as("component %d", j)
                        .isLessThanOrEqualTo(2 * (PARTITIONS - 1) * U * partialAbs[j] + Double.MIN_NORMAL);
            }
            assertThat(retried.loss()).isCloseTo(clean.loss(), org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    /** Sum over partitions of |partition's gradient sum|, per component. */
    private static double[] absolutePartials() {
        Object state = FlatState.of(FACTORY.build());
        List<GradientSum> parts = rdd.mapPartitionsWithIndex((Integer p, java.util.Iterator<Example> it) ->
                List.of(DataParallel.shardGradient(Shard.pack(p, it, 2), state, FACTORY, ShardLoss.crossEntropy()))
                        .iterator(), true).collect();
        double[] s = new double[parts.getFirst().grad().length];
        for (GradientSum g : parts) {
            for (int j = 0; j < s.length; j++) {
                s[j] += Math.abs(g.grad()[j]);
            }
        }
        return s;
    }

    @Test
    void aFailingDriverSideStepRaisesAClearError() {
        try (DataParallel dp = new DataParallel(sc, rdd, FACTORY, ShardLoss.crossEntropy())) {
            // Nesterov without momentum is refused by SGD's update, which runs on the driver.
            SGD broken = new SGD(dp.model().parameters(), 0.1).nesterov(true);
            assertThatThrownBy(() -> dp.step(broken))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("driver-side SGD step 1 failed after the gradient was summed on Spark")
                    .hasMessageContaining("Nesterov")
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anOptimizerOfOtherParametersOrNewtonIsRefused() {
        try (DataParallel dp = new DataParallel(sc, rdd, FACTORY, ShardLoss.crossEntropy())) {
            assertThatThrownBy(() -> dp.step(new SGD(FACTORY.build().parameters(), 0.1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("model().parameters()");
            assertThatThrownBy(() -> dp.step(new Newton(dp.model().parameters())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Newton");
        }
    }

    /**
     * Full-batch L-BFGS on Spark follows the single-process L-BFGS: same losses, same iterates, up to
     * the gradients' summation order (the line search sees the same values to about 1e-15).
     */
    @Test
    void fullBatchLbfgsFollowsTheSingleProcessRun() {
        Module reference = FACTORY.build();
        LBFGS single = new LBFGS(reference.parameters()).maxIter(10);
        single.step(() -> F.crossEntropy(reference.forward(data.x()), data.y()));
        try (DataParallel dp = new DataParallel(sc, rdd, FACTORY, ShardLoss.crossEntropy())) {
            LBFGS distributed = new LBFGS(dp.model().parameters()).maxIter(10);
            double first = dp.step(distributed);
            assertThat(distributed.evaluations()).isEqualTo(single.evaluations());
            assertThat(dp.evaluations()).isEqualTo(distributed.evaluations());
            double[] a = flatValues(dp.model());
            double[] b = flatValues(reference);
            for (int j = 0; j < a.length; j++) {
                assertThat(Math.abs(a[j] - b[j])).as("parameter %d", j).isLessThanOrEqualTo(1e-9);
            }
            assertThat(dp.gradient().loss() / N).isLessThan(first);
        }
    }

    @Test
    void theJvmOptionsAreSparksOwn() {
        assertThat(SparkLaunch.JVM_OPTIONS)
                .containsExactly(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray());
        assertThat(System.getProperty("spark.jvm.options", "").split(" ")).containsExactlyElementsOf(SparkLaunch.JVM_OPTIONS);
    }
}
