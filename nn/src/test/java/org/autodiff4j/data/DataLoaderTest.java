package org.autodiff4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Shape;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Batching, shuffling and the generated data sets. */
class DataLoaderTest {

    /** Ten examples whose input row is (i, 10 i) and whose target is i. */
    private static final TensorDataset TEN = new TensorDataset(
            Tensor.of(new double[] {0, 0, 1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60, 7, 70, 8, 80, 9, 90}, 10, 2),
            Tensor.arange(10));

    private static List<double[]> targets(DataLoader loader) {
        List<double[]> out = new ArrayList<>();
        for (Batch b : loader) {
            assertThat(b.x().shape()).isEqualTo(Shape.of(b.size(), 2));
            double[] y = b.y().toDoubleArray();
            double[] x = b.x().toDoubleArray();
            for (int k = 0; k < y.length; k++) {
                assertThat(x[2 * k]).isEqualTo(y[k]);
                assertThat(x[2 * k + 1]).isEqualTo(10 * y[k]);
            }
            out.add(y);
        }
        return out;
    }

    @Test
    void batchesInOrderKeepTheLastSmallBatch() {
        DataLoader loader = new DataLoader(TEN, 4);
        assertThat(loader.batches()).isEqualTo(3);
        List<double[]> batches = targets(loader);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0)).containsExactly(0, 1, 2, 3);
        assertThat(batches.get(2)).containsExactly(8, 9);
    }

    @Test
    void dropLastDropsTheSmallBatch() {
        DataLoader loader = new DataLoader(TEN, 4, false, true, null);
        assertThat(loader.batches()).isEqualTo(2);
        assertThat(targets(loader)).hasSize(2);
    }

    @Test
    void shufflingIsASeededPermutationThatChangesEachEpoch() {
        DataLoader loader = new DataLoader(TEN, 3, true, false, new SplittableRandom(5));
        double[] epoch1 = flatten(targets(loader));
        double[] epoch2 = flatten(targets(loader));
        assertThat(sorted(epoch1)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(sorted(epoch2)).containsExactly(sorted(epoch1));
        assertThat(epoch1).isNotEqualTo(epoch2);
        DataLoader again = new DataLoader(TEN, 3, true, false, new SplittableRandom(5));
        assertThat(flatten(targets(again))).containsExactly(epoch1);
    }

    @Test
    void errorsNameWhatWasWrong() {
        assertThatThrownBy(() -> new DataLoader(TEN, 0)).hasMessageContaining("0");
        assertThatThrownBy(() -> TEN.batch(new int[] {10})).hasMessageContaining("10");
        assertThatThrownBy(() -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)))
                .hasMessageContaining("[3, 2]").hasMessageContaining("[4]");
    }

    @Test
    void batchesKeepTheDataType() {
        TensorDataset f32 = new TensorDataset(Tensor.ones(DType.F32, 4, 3), Tensor.zeros(4));
        Batch b = f32.batch(new int[] {1, 2});
        assertThat(b.x().dtype()).isEqualTo(DType.F32);
        assertThat(b.y().dtype()).isEqualTo(DType.F64);
        assertThat(f32.all().size()).isEqualTo(4);
    }

    @Test
    void twoSpiralsAreBalancedSeededAndMirrored() {
        TensorDataset a = TwoSpirals.generate(200, 0, new SplittableRandom(1));
        assertThat(a.size()).isEqualTo(400);
        assertThat(a.y().sum().item()).isEqualTo(200);
        double[] x = a.x().toDoubleArray();
        assertThat(x[2]).isEqualTo(-x[0]);
        assertThat(x[3]).isEqualTo(-x[1]);
        assertThat(Arrays.stream(x).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(1);
        assertThat(TwoSpirals.generate(200, 0.1, new SplittableRandom(1)).x().toDoubleArray())
                .containsExactly(TwoSpirals.generate(200, 0.1, new SplittableRandom(1)).x().toDoubleArray());
        assertThatThrownBy(() -> TwoSpirals.generate(0, 0, new SplittableRandom(1))).hasMessageContaining("perClass");
    }

    @Test
    void twoMoonsLieOnTheirArcs() {
        TensorDataset m = TwoMoons.generate(100, 0, new SplittableRandom(2));
        double[] x = m.x().toDoubleArray();
        double[] y = m.y().toDoubleArray();
        for (int i = 0; i < y.length; i++) {
            double cx = y[i] == 0 ? 0 : 1;
            double cy = y[i] == 0 ? 0 : 0.5;
            assertThat(Math.hypot(x[2 * i] - cx, x[2 * i + 1] - cy)).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(y[i] == 0 ? x[2 * i + 1] >= 0 : x[2 * i + 1] <= 0.5).isTrue();
        }
    }

    private static double[] flatten(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
