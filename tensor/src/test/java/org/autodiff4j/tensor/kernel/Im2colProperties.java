package org.autodiff4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The window-row im2col and col2im kernels against their references through the offset map, entry
 * by entry: seeded random geometries (kernel, stride, padding up to past the kernel, dilation,
 * images smaller than a window), two images per call, F64 and F32, bit for bit.
 */
class Im2colProperties {

    static Im2col.Geometry random(SplittableRandom rng) {
        while (true) {
            int c = rng.nextInt(1, 4);
            int h = rng.nextInt(1, 9);
            int w = rng.nextInt(1, 9);
            int kh = rng.nextInt(1, 4);
            int kw = rng.nextInt(1, 4);
            int sh = rng.nextInt(1, 4);
            int sw = rng.nextInt(1, 4);
            int ph = rng.nextInt(0, 4);
            int pw = rng.nextInt(0, 4);
            int dh = rng.nextInt(1, 3);
            int dw = rng.nextInt(1, 3);
            int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
            int ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
            if (h + 2 * ph - dh * (kh - 1) - 1 >= 0 && w + 2 * pw - dw * (kw - 1) - 1 >= 0) {
                return new Im2col.Geometry(c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow);
            }
        }
    }

    @Test
    void windowRowsEqualTheMapEntryByEntry() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 2000; trial++) {
            Im2col.Geometry g = random(rng);
            int n = 2;
            int[] map = Im2col.map(g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.dh(), g.dw(),
                    g.oh(), g.ow());
            double[] image = new double[n * g.imageSize()];
            for (int i = 0; i < image.length; i++) {
                image[i] = rng.nextDouble(-1, 1);
            }
            double[] expected = new double[n * map.length];
            Im2col.columnsReference(image, g.imageSize(), map, expected, n);
            double[] cols = new double[n * map.length];
            java.util.Arrays.fill(cols, Double.NaN);   // every entry is written
            Im2col.columns(image, g, cols, n);
            assertThat(cols).as("columns of " + g).containsExactly(expected);

            float[] imageF = new float[image.length];
            for (int i = 0; i < image.length; i++) {
                imageF[i] = (float) image[i];
            }
            float[] colsF = new float[cols.length];
            java.util.Arrays.fill(colsF, Float.NaN);
            Im2col.columns(imageF, g, colsF, n);
            for (int p = 0; p < colsF.length; p++) {
                assertThat(colsF[p]).as("F32 columns of " + g + " at " + p).isEqualTo((float) expected[p]);
            }

            double[] back = new double[image.length];
            double[] backExpected = new double[image.length];
            for (int i = 0; i < back.length; i++) {
                back[i] = backExpected[i] = rng.nextDouble(-1, 1);   // col2im adds to what is there
            }
            Im2col.imageReference(cols, g.imageSize(), map, backExpected, n);
            Im2col.image(cols, g, back, n);
            assertThat(back).as("image of " + g).containsExactly(backExpected);

            double[] backF = new double[image.length];
            double[] backFExpected = new double[image.length];
            double[] colsOfFloats = new double[colsF.length];
            for (int p = 0; p < colsF.length; p++) {
                colsOfFloats[p] = colsF[p];
            }
            Im2col.imageReference(colsOfFloats, g.imageSize(), map, backFExpected, n);
            Im2col.image(colsF, g, backF, n);
            assertThat(backF).as("image of F32 columns of " + g).containsExactly(backFExpected);
        }
    }
}
