package org.autodiff4j.tensor.kernel;

/**
 * The im2col lowering of a 2-D convolution (Chellapilla, Puri and Simard 2006): every sliding
 * window of a {@code C x H x W} image becomes a column of a {@code (C kh kw) x L} matrix, L the
 * number of windows, so a convolution is one matrix product. {@link #columns} writes the matrix,
 * {@link #image} adds a matrix back into an image (col2im, the adjoint: overlapping windows sum).
 *
 * <p>Entry {@code (r, l)} of the matrix, row {@code r = (c kh + i) kw + j} and window {@code l},
 * reads the image at {@link #map}{@code [r L + l]}, or is 0 where the window lies in the padding.
 * The kernels walk the windows row by row ({@link #walk}: a window row inside the image is one
 * contiguous or strided run); the references {@link #columnsReference} and {@link #imageReference} go through the
 * map entry by entry, and the tests hold the two equal. Images and matrices are dense row-major;
 * {@code src} is not modified, {@code dst} is written ({@link #columns}) or added to ({@link #image}).
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

    /**
     * The window geometry of a {@code c x h x w} image: kernel {@code kh x kw}, stride, zero padding
     * on both sides and dilation per direction, {@code oh x ow} windows (see {@link #map}).
     */
    public record Geometry(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                           int oh, int ow) {

        int imageSize() {
            return c * h * w;
        }

        int columnsSize() {
            return c * kh * kw * oh * ow;
        }

        /** The first window x whose column {@code x sw + start} is inside the image (may be ow). */
        int firstInside(int start) {
            return start >= 0 ? 0 : Math.min(ow, (-start + sw - 1) / sw);
        }

        /** One past the last window x whose column {@code x sw + start} is inside the image (at least firstInside). */
        int endInside(int start, int first) {
            int last = w - 1 - start;
            return last < 0 ? first : Math.max(first, Math.min(ow, last / sw + 1));
        }
    }

    /**
     * For each of {@code n} dense images in {@code src}: its column matrix, into {@code dst}. Window
     * row by window row ({@link #walk}): the part inside the image is one copy (stride 1) or one
     * strided loop, the padding around it zeros; equal to {@link #columnsReference}.
     */
    public static void columns(double[] src, Geometry g, double[] dst, int n) {
        // NOTE: the padding by plain loops: it is mostly an entry or two per window row (a whole row
        // only above or below the image), where Arrays.fill's call costs more than the zeros
        walk(g, n, (column, image, x0, x1) -> {
            for (int x = 0; x < x0; x++) {
                dst[column + x] = 0;
            }
            if (g.sw == 1 && x1 > x0) {
                System.arraycopy(src, image + x0, dst, column + x0, x1 - x0);
            } else {
                for (int x = x0; x < x1; x++) {
                    dst[column + x] = src[image + x * g.sw];
                }
            }
            for (int x = x1; x < g.ow; x++) {
                dst[column + x] = 0;
            }
        });
    }

    /** {@link #columns(double[], Geometry, double[], int)} in float. */
    public static void columns(float[] src, Geometry g, float[] dst, int n) {
        // NOTE: the padding by plain loops: it is mostly an entry or two per window row (a whole row
        // only above or below the image), where Arrays.fill's call costs more than the zeros
        walk(g, n, (column, image, x0, x1) -> {
            for (int x = 0; x < x0; x++) {
                dst[column + x] = 0;
            }
            if (g.sw == 1 && x1 > x0) {
                System.arraycopy(src, image + x0, dst, column + x0, x1 - x0);
            } else {
                for (int x = x0; x < x1; x++) {
                    dst[column + x] = src[image + x * g.sw];
                }
            }
            for (int x = x1; x < g.ow; x++) {
                dst[column + x] = 0;
            }
        });
    }

    /**
     * For each of {@code n} column matrices in {@code src}: its entries added into dense image b of
     * {@code dst} (col2im), window row by window row as {@link #columns}; equal to {@link #imageReference}.
     */
    public static void image(double[] src, Geometry g, double[] dst, int n) {
        walk(g, n, (column, image, x0, x1) -> {
            for (int x = x0; x < x1; x++) {
                dst[image + x * g.sw] += src[column + x];
            }
        });
    }

    /**
     * {@link #image(double[], Geometry, double[], int)} from float columns. NOTE: it sums into a
     * double image and the caller rounds once, as the other F32 sums (at most kh kw terms meet).
     */
    public static void image(float[] src, Geometry g, double[] dst, int n) {
        walk(g, n, (column, image, x0, x1) -> {
            for (int x = x0; x < x1; x++) {
                dst[image + x * g.sw] += src[column + x];
            }
        });
    }

    /**
     * One window row: the {@code ow} entries at {@code column} in the column matrices; window x reads
     * the image at {@code image + x sw} for {@code x0 <= x < x1}, and lies in the padding elsewhere
     * (everywhere when the row is above or below the image: then {@code x0 = x1 = 0}).
     */
    @FunctionalInterface
    private interface WindowRow {
        void at(int column, int image, int x0, int x1);
    }

    /** Calls {@code row} for every window row of the n images, in the order of the column matrices. */
    private static void walk(Geometry g, int n, WindowRow row) {
        int l = g.oh * g.ow;
        for (int b = 0; b < n; b++) {
            int column = b * g.columnsSize();
            int image = b * g.imageSize();
            for (int ch = 0; ch < g.c; ch++) {
                for (int i = 0; i < g.kh; i++) {
                    for (int j = 0; j < g.kw; j++, column += l) {
                        int start = j * g.dw - g.pw;
                        int x0 = g.firstInside(start);
                        int x1 = g.endInside(start, x0);
                        for (int y = 0; y < g.oh; y++) {
                            int r = y * g.sh - g.ph + i * g.dh;
                            if (r < 0 || r >= g.h) {
                                row.at(column + y * g.ow, image, 0, 0);
                            } else {
                                row.at(column + y * g.ow, image + (ch * g.h + r) * g.w + start, x0, x1);
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- references: the same through the offset map, entry by entry ---------------------------

    /** The reference of {@link #columns(double[], Geometry, double[], int)}: {@code dst[p] = src[map[p]]}, 0 for padding. */
    public static void columnsReference(double[] src, int imageSize, int[] map, double[] dst, int n) {
        for (int b = 0; b < n; b++) {
            int s = b * imageSize;
            int d = b * map.length;
            for (int p = 0; p < map.length; p++) {
                int m = map[p];
                dst[d + p] = m < 0 ? 0 : src[s + m];
            }
        }
    }

    /** The reference of {@link #image(double[], Geometry, double[], int)}: {@code dst[map[p]] += src[p]}. */
    public static void imageReference(double[] src, int imageSize, int[] map, double[] dst, int n) {
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
