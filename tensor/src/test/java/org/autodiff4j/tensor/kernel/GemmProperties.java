package org.autodiff4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The packed GEMM against the scalar reference: seeded random shapes (odd sizes, sizes across the
 * cache blocks KC, MC and NC), operands row-major, transposed and strided inside a larger array, one
 * and two threads; F32 against the F64 result with a float tolerance. A product shared by threads
 * (a {@link GemmTeam}, or independent slabs) equals the one-thread product bit for bit.
 */
class GemmProperties {

    /** An operand: {@code rows x cols} values at {@code off} with the given strides, in a padded array. */
    record Operand(double[] data, int off, int row, int col) {

        double at(int i, int j) {
            return data[off + i * row + j * col];
        }

        float[] floats() {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return f;
        }
    }

    /** Layout 0: row-major; 1: transposed (column-major); 2: every other column of a wider row-major array, at an offset. */
    static Operand random(SplittableRandom rng, int rows, int cols, int layout) {
        int off = layout == 2 ? 3 : 0;
        int row = layout == 0 ? cols : layout == 1 ? 1 : 2 * cols + 1;
        int col = layout == 0 ? 1 : layout == 1 ? rows : 2;
        double[] data = new double[off + rows * cols * 2 + 2 * rows + 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble(-1, 1);
        }
        return new Operand(data, off, row, col);
    }

    static void check(SplittableRandom rng, int n, int k, int m, int threads) {
        Operand a = random(rng, n, k, rng.nextInt(3));
        Operand b = random(rng, k, m, rng.nextInt(3));
        int cOff = rng.nextInt(3);
        double[] c = new double[cOff + n * m + 1];
        java.util.Arrays.fill(c, Double.NaN);        // C is overwritten, never read
        Gemm.multiply(a.data, a.off, a.row, a.col, b.data, b.off, b.row, b.col, c, cOff, n, k, m, threads);
        float[] cf = new float[cOff + n * m];
        Gemm.multiply(a.floats(), a.off, a.row, a.col, b.floats(), b.off, b.row, b.col, cf, cOff, n, k, m, threads);
        double[] ref = new double[n * m];
        Gemm.reference(a.data, a.off, a.row, a.col, b.data, b.off, b.row, b.col, ref, 0, n, k, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double scale = 0;
                for (int p = 0; p < k; p++) {
                    scale += Math.abs(a.at(i, p) * b.at(p, j));
                }
                String where = "C[" + i + "][" + j + "] of " + n + "x" + k + "x" + m + " on " + threads + " threads";
                assertThat(c[cOff + i * m + j]).as(where).isCloseTo(ref[i * m + j],
                        org.assertj.core.data.Offset.offset(1e-14 * (scale + 1)));
                assertThat((double) cf[cOff + i * m + j]).as("F32 " + where).isCloseTo(ref[i * m + j],
                        org.assertj.core.data.Offset.offset(2e-6 * (scale + 1) * Math.sqrt(k + 1)));
            }
        }
        assertThat(c[cOff + n * m]).as("past the end of C").isNaN();
    }

    @Test
    void smallAndOddShapes() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            check(rng, rng.nextInt(0, 40), rng.nextInt(0, 40), rng.nextInt(0, 40), 1 + rng.nextInt(2));
        }
    }

    @Test
    void shapesAcrossTheCacheBlocks() {
        SplittableRandom rng = new SplittableRandom(2);
        int[][] shapes = {{150, 260, 70}, {145, 257, 17}, {7, 600, 9}, {290, 31, 301}, {13, 5, 4100}, {97, 97, 97},
            {200, 1, 200}, {1, 300, 1}, {300, 1, 1}, {6, 256, 8}, {12, 512, 16}, {25, 513, 33}, {12, 3, 4040}};
        for (int[] s : shapes) {
            check(rng, s[0], s[1], s[2], 1);
            check(rng, s[0], s[1], s[2], 2);
        }
    }

    @Test
    void sharingAProductGivesTheOneThreadResultBitForBit() {
        // The first five shapes a GemmTeam takes (n >= m, B packed within Shared.MAX_PACKED): inner
        // dimension within one panel of B (stealing from the start), across panels with a short last
        // one, rows that are not whole micro-tiles. More threads than the pool has, so that the caller
        // takes several slabs. The last two are split into independent slabs: C wider than tall
        // (slabs of columns), and B too large for a team (slabs of rows).
        SplittableRandom rng = new SplittableRandom(4);
        int[][] shapes = {{400, 200, 130}, {300, 700, 250}, {97, 1000, 97}, {520, 520, 500}, {1000, 1024, 1000},
            {130, 300, 400}, {700, 1100, 1000}};
        // (the one-thread product itself is checked against the reference by the tests above and below)
        for (int t = 0; t < shapes.length; t++) {
            int n = shapes[t][0];
            int k = shapes[t][1];
            int m = shapes[t][2];
            boolean team = n >= m && GemmF64.Shared.fits(k, m) && GemmF32.Shared.fits(k, m);
            assertThat(team).as(n + "x" + k + "x" + m + " taken by a team").isEqualTo(t < 5);
            Operand a = random(rng, n, k, rng.nextInt(3));
            Operand b = random(rng, k, m, rng.nextInt(3));
            double[] one = new double[n * m];
            float[] oneF = new float[n * m];
            Gemm.multiply(a.data, a.off, a.row, a.col, b.data, b.off, b.row, b.col, one, 0, n, k, m, 1);
            Gemm.multiply(a.floats(), a.off, a.row, a.col, b.floats(), b.off, b.row, b.col, oneF, 0, n, k, m, 1);
            for (int threads : new int[] {2, 3, 5}) {
                for (int repeat = 0; repeat < 3; repeat++) {
                    double[] c = new double[n * m];
                    float[] cf = new float[n * m];
                    java.util.Arrays.fill(c, Double.NaN);
                    java.util.Arrays.fill(cf, Float.NaN);
                    Gemm.multiply(a.data, a.off, a.row, a.col, b.data, b.off, b.row, b.col, c, 0, n, k, m, threads);
                    Gemm.multiply(a.floats(), a.off, a.row, a.col, b.floats(), b.off, b.row, b.col, cf, 0, n, k, m, threads);
                    String where = n + "x" + k + "x" + m + " on " + threads + " threads";
                    assertThat(c).as("F64 " + where).isEqualTo(one);
                    assertThat(cf).as("F32 " + where).isEqualTo(oneF);
                }
            }
            if ((long) n * k * m < 50_000_000L) {
                check(rng, n, k, m, 2);
            }
        }
    }

    @Test
    void productsOnManyCallersAtOnceStayCorrect() throws Exception {
        // four callers, each splitting its products over two threads: the teams share the pool and the packing buffers
        int callers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < callers; t++) {
                long seed = 10 + t;
                done.add(pool.submit(() -> {
                    SplittableRandom rng = new SplittableRandom(seed);
                    for (int trial = 0; trial < 3; trial++) {
                        check(rng, 120 + rng.nextInt(100), 100 + rng.nextInt(300), 100 + rng.nextInt(20), 2);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aBatchOfSmallProductsRunsEachOnceAndOnOneThreadWhenShared() {
        // 50 products of 40^3 = 64 000 multiply-adds: each below the size worth splitting, all together above it
        int count = 50;
        java.util.concurrent.atomic.AtomicIntegerArray runs = new java.util.concurrent.atomic.AtomicIntegerArray(count);
        java.util.concurrent.atomic.AtomicIntegerArray threadsGiven = new java.util.concurrent.atomic.AtomicIntegerArray(count);
        java.util.Set<Thread> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Gemm.batch(count, 40L * 40 * 40, (i, threads) -> {
            runs.incrementAndGet(i);
            threadsGiven.set(i, threads);
            workers.add(Thread.currentThread());
        });
        for (int i = 0; i < count; i++) {
            assertThat(runs.get(i)).as("runs of product " + i).isEqualTo(1);
            assertThat(threadsGiven.get(i)).as("threads of product " + i).isEqualTo(Gemm.defaultThreads() > 1 ? 1 : Gemm.defaultThreads());
        }
        if (Gemm.defaultThreads() > 1) {
            assertThat(workers).as("threads that ran products").hasSizeGreaterThan(1);
        }
        // one large product keeps all the threads for itself
        Gemm.batch(1, 200L * 200 * 200, (i, threads) -> assertThat(threads).isEqualTo(Gemm.defaultThreads()));
    }

    @Test
    void referenceMatchesTheDefinition() {
        SplittableRandom rng = new SplittableRandom(3);
        Operand a = random(rng, 3, 4, 1);
        Operand b = random(rng, 4, 2, 2);
        double[] c = new double[6];
        Gemm.reference(a.data, a.off, a.row, a.col, b.data, b.off, b.row, b.col, c, 0, 3, 4, 2);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (int p = 0; p < 4; p++) {
                    s += a.at(i, p) * b.at(p, j);
                }
                assertThat(c[i * 2 + j]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-15));
            }
        }
    }

    @Test
    void theVectorKernelsRunHere() {
        // The build machine has AVX2; elsewhere this documents which path the other tests covered.
        assertThat(Gemm.VECTORIZED).as("jdk.incubator.vector resolved and 256-bit vectors").isTrue();
    }

    @Test
    void theMicroTileFollowsTheVectorWidth() {
        // 512-bit tiles where the CPU has them, unless autodiff4j.gemm.bits=256 (the pom's second run of this class)
        boolean wide = !"256".equals(System.getProperty("autodiff4j.gemm.bits"))
                && jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
        assertThat(GemmF64.WIDE).as("F64 wide tile").isEqualTo(wide);
        assertThat(GemmF32.WIDE).as("F32 wide tile").isEqualTo(wide);
        assertThat(new int[] {GemmF64.MR, GemmF64.NR, GemmF32.MR, GemmF32.NR})
                .containsExactly(wide ? new int[] {12, 16, 12, 32} : new int[] {6, 8, 6, 16});
        System.out.println("# GemmProperties: " + (wide ? "512" : "256") + "-bit micro-tile, F64 "
                + GemmF64.MR + " x " + GemmF64.NR + ", F32 " + GemmF32.MR + " x " + GemmF32.NR);
    }
}
