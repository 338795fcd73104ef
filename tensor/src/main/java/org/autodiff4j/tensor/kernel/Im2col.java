package org.autodiff4j.tensor.kernel;

/**
 * The im2col lowering of a 2-D convolution (Chellapilla, Puri and Simard 2006): every sliding
 * window of a {@code C x H x W} image becomes a column of a {@code (C kh kw) x L} matrix, L the
 * number of windows, so a convolution is one matrix product. {@link #columns} writes the matrix,
 * {@link #image} adds a matrix back into an image (col2im, the adjoint: overlapping windows sum).
 *
 * <p>Both walk the same {@link #map}: for row {@code r = (c kh + i) kw + j} and window {@code l},
 * the offset in the image that the entry reads, or -1 for padding. Images and matrices are dense
 * row-major; {@code src} is not modified, {@code dst} is written ({@link #columns}) or added to
 * ({@link #image}).
 */
public final class Im2col {

    private Im2col() {
    }

    /**
     * The image offset of each entry of the column matrix, -1 where the window lies in the padding.
     * Windows are {@code oh x ow}, {@code oh = (h + 2 ph - dh (kh - 1) - 1) / sh + 1} (likewise ow).
     */
    public static int[] map(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                            int oh, int ow) {
        int l = oh * ow;
        int[] map = new int[c * kh * kw * l];
        int p = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    for (int y = 0; y < oh; y++) {
                        int row = y * sh - ph + i * dh;
                        boolean rowIn = row >= 0 && row < h;
                        for (int x = 0; x < ow; x++) {
                            int col = x * sw - pw + j * dw;
                            map[p++] = rowIn && col >= 0 && col < w ? (ch * h + row) * w + col : -1;
                        }
                    }
                }
            }
        }
        return map;
    }

    /** For each of {@code n} images of {@code imageSize} in {@code src}: its column matrix, into {@code dst}. */
    public static void columns(double[] src, int imageSize, int[] map, double[] dst, int n) {
        for (int b = 0; b < n; b++) {
            int s = b * imageSize;
            int d = b * map.length;
            for (int p = 0; p < map.length; p++) {
                int m = map[p];
                dst[d + p] = m < 0 ? 0 : src[s + m];
            }
        }
    }

    /** {@link #columns(double[], int, int[], double[], int)} in float. */
    public static void columns(float[] src, int imageSize, int[] map, float[] dst, int n) {
        for (int b = 0; b < n; b++) {
            int s = b * imageSize;
            int d = b * map.length;
            for (int p = 0; p < map.length; p++) {
                int m = map[p];
                dst[d + p] = m < 0 ? 0 : src[s + m];
            }
        }
    }

    /** For each of {@code n} column matrices in {@code src}: its entries added into image b of {@code dst}. */
    public static void image(double[] src, int imageSize, int[] map, double[] dst, int n) {
        for (int b = 0; b < n; b++) {
            int s = b * map.length;
            int d = b * imageSize;
            for (int p = 0; p < map.length; p++) {
                int m = map[p];
                if (m >= 0) {
                    dst[d + m] += src[s + p];
                }
            }
        }
    }

    /**
     * {@link #image(double[], int, int[], double[], int)} from float columns. NOTE: it sums into a
     * double image and the caller rounds once, as the other F32 sums (at most kh kw terms meet).
     */
    public static void image(float[] src, int imageSize, int[] map, double[] dst, int n) {
        for (int b = 0; b < n; b++) {
            int s = b * map.length;
            int d = b * imageSize;
            for (int p = 0; p < map.length; p++) {
                int m = map[p];
                if (m >= 0) {
                    dst[d + m] += src[s + p];
                }
            }
        }
    }
}
