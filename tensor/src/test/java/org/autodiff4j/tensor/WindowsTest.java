package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Tensor#unfold2d} and {@link Tensor#fold2d} against direct indexing, and their adjointness. */
class WindowsTest {

    @Test
    void unfoldReadsEveryWindowAsPyTorchOrdersIt() {
        Tensor x = Tensor.arange(9).reshape(1, 1, 3, 3);
        Tensor cols = x.unfold2d(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
        assertThat(cols.shape()).isEqualTo(Shape.of(1, 4, 4));
        // row (i, j) of the kernel, column = window (y, x)
        assertThat(cols.toDoubleArray()).containsExactly(0, 1, 3, 4, 1, 2, 4, 5, 3, 4, 6, 7, 4, 5, 7, 8);
    }

    @Test
    void unfoldMatchesDirectIndexingWithStridePaddingAndDilation() {
        SplittableRandom rng = new SplittableRandom(5);
        int c = 2;
        int h = 6;
        int w = 7;
        int[] k = {3, 2};
        int[] s = {2, 1};
        int[] p = {1, 2};
        int[] d = {2, 3};
        Tensor x = Tensor.randn(rng, 2, c, h, w);
        Tensor cols = x.unfold2d(k, s, p, d);
        int oh = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
        int ow = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
        assertThat(cols.shape()).isEqualTo(Shape.of(2, c * k[0] * k[1], oh * ow));
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < k[0]; i++) {
                    for (int j = 0; j < k[1]; j++) {
                        for (int y = 0; y < oh; y++) {
                            for (int xx = 0; xx < ow; xx++) {
                                int r = y * s[0] - p[0] + i * d[0];
                                int q = xx * s[1] - p[1] + j * d[1];
                                double want = r >= 0 && r < h && q >= 0 && q < w ? x.get(n, ch, r, q) : 0;
                                assertThat(cols.get(n, (ch * k[0] + i) * k[1] + j, y * ow + xx)).isEqualTo(want);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void foldIsTheAdjointOfUnfold() {
        SplittableRandom rng = new SplittableRandom(6);
        int[] k = {2, 3};
        int[] s = {1, 2};
        int[] p = {1, 1};
        int[] d = {1, 1};
        Tensor x = Tensor.randn(rng, 2, 3, 5, 6);
        Tensor cols = x.unfold2d(k, s, p, d);
        Tensor y = Tensor.randn(rng, cols.shape().toArray());
        double lhs = cols.mul(y).sum().item();
        double rhs = x.mul(y.fold2d(new int[] {5, 6}, k, s, p, d)).sum().item();
        assertThat(lhs).isCloseTo(rhs, org.assertj.core.data.Offset.offset(1e-10));
    }

    @Test
    void badGeometriesAreNamed() {
        Tensor x = Tensor.zeros(1, 1, 2, 2);
        assertThatThrownBy(() -> x.unfold2d(new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}))
                .hasMessageContaining("does not fit an image of 2x2");
        assertThatThrownBy(() -> x.unfold2d(new int[] {1, 1}, new int[] {0, 1}, new int[] {0, 0}, new int[] {1, 1}))
                .hasMessageContaining("stride must be two values >= 1");
        assertThatThrownBy(() -> Tensor.zeros(1, 4, 3).fold2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1})).hasMessageContaining("gives 4 windows");
    }
}
