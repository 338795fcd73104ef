package org.autodiff4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.autodiff4j.data.Batch;
import org.autodiff4j.data.FashionMnist;
import org.autodiff4j.tensor.DType;
import org.junit.jupiter.api.Test;

class IdxPartitionsTest {

    @Test
    void readsTheSameExamplesAsFashionMnistSplitIntoPartitions() throws Exception {
        Path dir = FashionMnist.DEFAULT_DIR;
        assumeTrue(FashionMnist.isAvailable(dir), "Fashion-MNIST (Debian package dataset-fashion-mnist) is not installed");
        List<Example> read = IdxPartitions.read(LocalSpark.context(), dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"), 4, 203).collect();
        assertThat(read).hasSize(203);
        int[] idx = new int[203];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Batch expected = FashionMnist.load(dir, DType.F64).test().batch(idx);
        double[] x = expected.x().toDoubleArray();
        double[] y = expected.y().toDoubleArray();
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).label()).isEqualTo((int) y[i]);
            assertThat(read.get(i).x()).containsExactly(java.util.Arrays.copyOfRange(x, i * 784, (i + 1) * 784));
        }
    }
}
