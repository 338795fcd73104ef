package org.autodiff4j.tensor.kernel;

import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed double-precision GEMM of one thread: {@code C = A B} for a block of C, after Goto and
 * van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008, in the
 * loop order of BLIS (Van Zee and van de Geijn, ACM TOMS 41(3), 2015):
 *
 * <pre>
 * for jc in steps of NC over the columns of C:
 *   for pc in steps of KC over the inner dimension:
 *     pack B[pc:pc+KC, jc:jc+NC] into micro-panels of NR columns        (shared by all of A; L3)
 *     for ic in steps of MC over the rows of C:
 *       pack A[ic:ic+MC, pc:pc+KC] into micro-panels of MR rows          (stays in L2)
 *       for each NR-column micro-panel of B (L1; the wide tile's, L2), each MR-row micro-panel of A:
 *         C[MR x NR tile] += micro-kernel(KC rank-1 updates held in registers)   (= when pc = 0)
 * </pre>
 *
 * Packing copies each operand once per block into the order the micro-kernel reads, so operands may
 * have any strides (transposed and sliced views need no copy of their own) and edges are padded
 * with zeros. Called by {@link Gemm}; this class does not check its arguments. A and B are not
 * modified; C is overwritten.
 *
 * <p>The micro-tile follows the CPU's vector width ({@link #WIDE}, fixed at class initialization so
 * that the JIT folds the choice away): with AVX-512, 12 x 16 values in 24 accumulators of 512 bits
 * ({@link #kernelWide}); with AVX2, 6 x 8 values in 12 accumulators of 256 bits ({@link #kernelNarrow}).
 * On a CPU whose FMA units are 512 bits wide (Zen 5) the wide tile does twice the work per
 * instruction; where they are two 256-bit halves (Zen 4) it still needs fewer loads and broadcasts per FMA.
 */
final class GemmF64 {

    /**
     * The vector width of the micro-tile: 512 bits when the CPU runs them natively (AVX-512; then
     * {@code SPECIES_PREFERRED} is 512 bits wide), else 256 (AVX2). The system property
     * {@code autodiff4j.gemm.bits=256} forces the narrow tile, so that its tests and figures can be
     * taken on an AVX-512 machine too.
     */
    static final boolean WIDE = Math.min(Integer.getInteger("autodiff4j.gemm.bits", 512),
            DoubleVector.SPECIES_PREFERRED.vectorBitSize()) >= 512;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Double> W = DoubleVector.SPECIES_512;

    /**
     * Micro-tile: MR rows x NR columns. Wide: 12 x 2 vectors of 512 bits, 24 accumulators of the 32
     * zmm registers (two loads of B and twelve broadcasts of A per 24 FMAs); narrow: 6 x 2 vectors of
     * 256 bits, 12 accumulators of the 16 ymm registers.
     */
    static final int MR = WIDE ? 12 : 6;
    static final int NR = WIDE ? 2 * W.length() : 2 * S.length();
    // NOTE: blocking. Narrow (Zen 3: 32 KiB L1d, 512 KiB L2 per core): a KC x NR panel of B is
    // 16 KiB (half of L1, the rest streams A), an MC x KC block of A 288 KiB (about half of L2).
    // Wide (measured on Zen 5: 48 KiB L1d, 1 MiB L2): panels twice as deep, a KC x NR panel of B
    // 64 KiB, streamed from L2 with A's 48 KiB micro-panel; an MC x KC block of A 288 KiB of L2.
    // Each panel of B is one pass over all of C (read and written: 8 MiB at n = 1024), so deeper
    // panels pass over C less often. One thread, n = 1024, as a share of OpenBLAS's speed in the
    // same JVM: KC 256 / MC 144 (the narrow values) 96-101%; KC 512 / MC 72 105-109%; KC 384 to 1024
    // and MC 48 to 96 within the noise of that; KC 128 or 192 87-96%. n = 2048: 90% against 96%.
    // A KC x NC panel of B is 16 MiB wide (8 MiB narrow) of the shared L3; NC is a multiple of every
    // NR. Measured with GemmBench and a loop harness, see there.
    static final int KC = WIDE ? 512 : 256;
    static final int MC = WIDE ? 72 : 144;
    static final int NC = 4032;

    private GemmF64() {
    }

    /**
     * {@code C[i][j] = sum_p A[i][p] B[p][j]} for {@code i < n, j < m}, where {@code A[i][p]} is at
     * {@code a[aOff + i * aRow + p * aCol]}, {@code B[p][j]} at {@code b[bOff + p * bRow + j * bCol]}
     * and {@code C[i][j]} at {@code c[cOff + i * cRow + j]}.
     */
    static void multiply(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int bRow, int bCol,
                         double[] c, int cOff, int cRow, int n, int k, int m) {
        if (k == 0) {
            zeroRows(c, cOff, cRow, 0, n, m);
            return;
        }
        if (n == 0 || m == 0) {
            return;
        }
        int kcMax = Math.min(KC, k);
        Buffers buffers = Buffers.take();
        double[] bPack = buffers.b = Buffers.atLeast(buffers.b, kcMax * roundUp(Math.min(NC, m), NR));
        double[] aPack = buffers.a = Buffers.atLeast(buffers.a, roundUp(Math.min(MC, n), MR) * kcMax);
        for (int jc = 0; jc < m; jc += NC) {
            int nc = Math.min(NC, m - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, bOff + pc * bRow + jc * bCol, bRow, bCol, kc, nc, bPack, 0);
                multiplyPanel(a, aOff, aRow, aCol, pc, kc, bPack, 0, nc, c, cOff + jc, cRow, 0, n, aPack,
                        buffers.edge);
            }
        }
        Buffers.give(buffers);
    }

    /** Zeroes rows {@code [i0, i1)}, {@code m} values each, of C at {@code cOff} with row stride {@code cRow}. */
    private static void zeroRows(double[] c, int cOff, int cRow, int i0, int i1, int m) {
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(c, cOff + i * cRow, cOff + i * cRow + m, 0);
        }
    }

    /**
     * {@code C[i0:i1, 0:nc] += A[i0:i1, pc:pc+kc] Bp} for one packed {@code kc x nc} panel of B at
     * {@code bp} in {@code bPack}: the loops inside the packing of B, from the packing of A on. The
     * first panel ({@code pc = 0}) writes its sums over C instead, so C is never zeroed first.
     * NOTE: that saves a pass over all of C, and another of loads (C is read, then written, once per
     * panel; 8 MiB at n = 1024): one thread, F64, n = 1024, from 93.5-96.1% to 97.7-101% of OpenBLAS's
     * speed in the same JVM, before the deeper panels (see KC).
     */
    private static void multiplyPanel(double[] a, int aOff, int aRow, int aCol, int pc, int kc, double[] bPack, int bp,
                                      int nc, double[] c, int cOff, int cRow, int i0, int i1, double[] aPack,
                                      double[] edge) {
        boolean first = pc == 0;
        for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            packA(a, aOff + ic * aRow + pc * aCol, aRow, aCol, mc, kc, aPack);
            for (int jr = 0; jr < nc; jr += NR) {
                int cols = Math.min(NR, nc - jr);
                for (int ir = 0; ir < mc; ir += MR) {
                    int rows = Math.min(MR, mc - ir);
                    int ci = cOff + (ic + ir) * cRow + jr;
                    if (rows == MR && cols == NR) {
                        kernel(kc, aPack, ir * kc, bPack, bp + jr * kc, c, ci, cRow, first);
                    } else {
                        kernel(kc, aPack, ir * kc, bPack, bp + jr * kc, edge, 0, NR, true);
                        for (int r = 0; r < rows; r++) {
                            for (int j = 0, at = ci + r * cRow; j < cols; j++, at++) {
                                c[at] = first ? edge[r * NR + j] : c[at] + edge[r * NR + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * All of B packed once for the threads of a {@link GemmTeam}, and the kernels over it: the typed
     * half of a product shared by threads. The packed panels lie one after another, each {@code kc x
     * roundUp(m, NR)} values in the layout of {@link #packB}.
     */
    static final class Shared implements GemmTeam.Product {
        /** The most values of packed B a team shares: all of B at k = m = 1024 (8 MiB in F64, 4 MiB in F32). */
        static final int MAX_PACKED = 1 << 20;
        /** The micro-panels of B in one part that a thread packs. */
        private static final int PANELS_PER_PART = 16;

        private final double[] a;
        private final int aOff;
        private final int aRow;
        private final int aCol;
        private final double[] b;
        private final int bOff;
        private final int bRow;
        private final int bCol;
        private final double[] c;
        private final int cOff;
        private final int k;
        private final int m;
        private final int mPad;
        private final int partsPerPanel;
        private final Buffers buffers = Buffers.take();

        /** True if B of these shapes, packed, fits in {@link #MAX_PACKED} (the caller has made sure that k > 0). */
        static boolean fits(int k, int m) {
            return (long) k * roundUp(m, NR) <= MAX_PACKED;
        }

        /** The operands as in {@link GemmF64#multiply}, C's row stride m. */
        Shared(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int bRow, int bCol,
               double[] c, int cOff, int k, int m) {
            this.a = a;
            this.aOff = aOff;
            this.aRow = aRow;
            this.aCol = aCol;
            this.b = b;
            this.bOff = bOff;
            this.bRow = bRow;
            this.bCol = bCol;
            this.c = c;
            this.cOff = cOff;
            this.k = k;
            this.m = m;
            this.mPad = roundUp(m, NR);
            this.partsPerPanel = (mPad / NR + PANELS_PER_PART - 1) / PANELS_PER_PART;
            buffers.b = Buffers.atLeast(buffers.b, k * mPad);
        }

        @Override
        public int partsPerPanel() {
            return partsPerPanel;
        }

        @Override
        public void pack(int panel, int part) {
            int pc = panel * KC;
            int j0 = part * PANELS_PER_PART * NR;
            int kc = Math.min(KC, k - pc);
            packB(b, bOff + pc * bRow + j0 * bCol, bRow, bCol, kc, Math.min(m, j0 + PANELS_PER_PART * NR) - j0,
                    buffers.b, pc * mPad + j0 * kc);
        }

        @Override
        public GemmTeam.Worker worker() {
            Buffers own = Buffers.take();
            own.a = Buffers.atLeast(own.a, MC * Math.min(KC, k));
            return new GemmTeam.Worker() {
                @Override
                public void rows(int pc, int kc, int i0, int i1) {
                    multiplyPanel(a, aOff, aRow, aCol, pc, kc, buffers.b, pc * mPad, m, c, cOff, m, i0, i1,
                            own.a, own.edge);
                }

                @Override
                public void release() {
                    Buffers.give(own);
                }
            };
        }

        @Override
        public void release() {
            Buffers.give(buffers);
        }
    }

    /**
     * The packing buffers of one call, reused by later calls. NOTE: allocating them afresh for each
     * product (1 MiB of packed B at n = 512, a humongous object to G1) made n = 512 run at anywhere
     * from 40% to 100% of its speed from one JVM to the next (fresh heap memory; steady with
     * -XX:+AlwaysPreTouch). Up to SLOTS sets are kept, one per concurrent caller or thread of a
     * team, each at most max(KC x NC, Shared.MAX_PACKED) + MC x KC values (about 16 MiB of doubles
     * with the wide tile, half that of floats); packing writes every value the kernel reads, so they
     * are never cleared.
     */
    private static final class Buffers {
        private static final int SLOTS = 4;
        private static final AtomicReferenceArray<Buffers> FREE = new AtomicReferenceArray<>(SLOTS);

        double[] a = new double[0];
        double[] b = new double[0];
        final double[] edge = new double[MR * NR];

        static Buffers take() {
            for (int i = 0; i < SLOTS; i++) {
                Buffers free = FREE.getAndSet(i, null);
                if (free != null) {
                    return free;
                }
            }
            return new Buffers();
        }

        static void give(Buffers buffers) {
            for (int i = 0; i < SLOTS; i++) {
                if (FREE.compareAndSet(i, null, buffers)) {
                    return;
                }
            }
        }

        static double[] atLeast(double[] buffer, int length) {
            return buffer.length >= length ? buffer : new double[length];
        }
    }

    /** The micro-kernel of the tile in use: {@link #kernelWide} or {@link #kernelNarrow} (WIDE is a constant to the JIT). */
    private static void kernel(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc,
                               boolean overwrite) {
        if (WIDE) {
            kernelWide(kc, ap, ai, bp, bi, c, ci, ldc, overwrite);
        } else {
            kernelNarrow(kc, ap, ai, bp, bi, c, ci, ldc, overwrite);
        }
    }

    /**
     * The narrow micro-kernel: {@code C[MR x NR at ci, row stride ldc] += Ap Bp} where Ap is a packed 6 x kc
     * panel (column by column) and Bp a packed kc x NR panel (row by row); {@code C = Ap Bp} if
     * {@code overwrite}.
     *
     * <p>NOTE: kept small, straight-line and free of calls that are not Vector API intrinsics, so
     * that C2 inlines every vector operation into it and keeps the twelve accumulators in registers;
     * a vector call left out of line boxes its vectors on the heap and runs several times slower.
     */
    private static void kernelNarrow(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc,
                                     boolean overwrite) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + NR / 2);
            DoubleVector x = DoubleVector.broadcast(S, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        // NOTE: written out as in kernelWide: through a helper holding this branch, C2 ran the whole
        // product at less than half the speed (n = 1024, 256-bit tile forced on Zen 5: 104-119 ms;
        // written out 47-53 ms)
        int c1 = ci + NR / 2;
        if (overwrite) {
            c00.intoArray(c, ci);
            c01.intoArray(c, c1);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, c1 + ldc);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, c1 + 2 * ldc);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, c1 + 3 * ldc);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, c1 + 4 * ldc);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, c1 + 5 * ldc);
            return;
        }
        c00.add(DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
        c01.add(DoubleVector.fromArray(S, c, c1)).intoArray(c, c1);
        c10.add(DoubleVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
        c11.add(DoubleVector.fromArray(S, c, c1 + ldc)).intoArray(c, c1 + ldc);
        c20.add(DoubleVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
        c21.add(DoubleVector.fromArray(S, c, c1 + 2 * ldc)).intoArray(c, c1 + 2 * ldc);
        c30.add(DoubleVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        c31.add(DoubleVector.fromArray(S, c, c1 + 3 * ldc)).intoArray(c, c1 + 3 * ldc);
        c40.add(DoubleVector.fromArray(S, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
        c41.add(DoubleVector.fromArray(S, c, c1 + 4 * ldc)).intoArray(c, c1 + 4 * ldc);
        c50.add(DoubleVector.fromArray(S, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
        c51.add(DoubleVector.fromArray(S, c, c1 + 5 * ldc)).intoArray(c, c1 + 5 * ldc);
    }

    /**
     * The wide micro-kernel: as {@link #kernelNarrow} for a packed 12 x kc panel of A and 512-bit
     * vectors, 24 accumulators. NOTE: the same rules: straight-line, Vector API intrinsics only.
     */
    private static void kernelWide(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc,
                                   boolean overwrite) {
        DoubleVector c00 = DoubleVector.zero(W);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        DoubleVector c60 = c00;
        DoubleVector c61 = c00;
        DoubleVector c70 = c00;
        DoubleVector c71 = c00;
        DoubleVector c80 = c00;
        DoubleVector c81 = c00;
        DoubleVector c90 = c00;
        DoubleVector c91 = c00;
        DoubleVector ca0 = c00;
        DoubleVector ca1 = c00;
        DoubleVector cb0 = c00;
        DoubleVector cb1 = c00;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(W, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(W, bp, bi + NR / 2);
            DoubleVector x = DoubleVector.broadcast(W, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(W, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(W, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(W, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(W, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(W, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(W, ap[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(W, ap[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            x = DoubleVector.broadcast(W, ap[ai + 8]);
            c80 = x.fma(b0, c80);
            c81 = x.fma(b1, c81);
            x = DoubleVector.broadcast(W, ap[ai + 9]);
            c90 = x.fma(b0, c90);
            c91 = x.fma(b1, c91);
            x = DoubleVector.broadcast(W, ap[ai + 10]);
            ca0 = x.fma(b0, ca0);
            ca1 = x.fma(b1, ca1);
            x = DoubleVector.broadcast(W, ap[ai + 11]);
            cb0 = x.fma(b0, cb0);
            cb1 = x.fma(b1, cb1);
        }
        // NOTE: written out rather than through a helper: twelve calls of one put C2 past its node
        // budget for inlining (NodeCountInliningCutoff), and out-of-line calls box the vectors (10x slower)
        int c1 = ci + NR / 2;
        if (overwrite) {
            c00.intoArray(c, ci);
            c01.intoArray(c, c1);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, c1 + ldc);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, c1 + 2 * ldc);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, c1 + 3 * ldc);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, c1 + 4 * ldc);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, c1 + 5 * ldc);
            c60.intoArray(c, ci + 6 * ldc);
            c61.intoArray(c, c1 + 6 * ldc);
            c70.intoArray(c, ci + 7 * ldc);
            c71.intoArray(c, c1 + 7 * ldc);
            c80.intoArray(c, ci + 8 * ldc);
            c81.intoArray(c, c1 + 8 * ldc);
            c90.intoArray(c, ci + 9 * ldc);
            c91.intoArray(c, c1 + 9 * ldc);
            ca0.intoArray(c, ci + 10 * ldc);
            ca1.intoArray(c, c1 + 10 * ldc);
            cb0.intoArray(c, ci + 11 * ldc);
            cb1.intoArray(c, c1 + 11 * ldc);
            return;
        }
        c00.add(DoubleVector.fromArray(W, c, ci)).intoArray(c, ci);
        c01.add(DoubleVector.fromArray(W, c, c1)).intoArray(c, c1);
        c10.add(DoubleVector.fromArray(W, c, ci + ldc)).intoArray(c, ci + ldc);
        c11.add(DoubleVector.fromArray(W, c, c1 + ldc)).intoArray(c, c1 + ldc);
        c20.add(DoubleVector.fromArray(W, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
        c21.add(DoubleVector.fromArray(W, c, c1 + 2 * ldc)).intoArray(c, c1 + 2 * ldc);
        c30.add(DoubleVector.fromArray(W, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        c31.add(DoubleVector.fromArray(W, c, c1 + 3 * ldc)).intoArray(c, c1 + 3 * ldc);
        c40.add(DoubleVector.fromArray(W, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
        c41.add(DoubleVector.fromArray(W, c, c1 + 4 * ldc)).intoArray(c, c1 + 4 * ldc);
        c50.add(DoubleVector.fromArray(W, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
        c51.add(DoubleVector.fromArray(W, c, c1 + 5 * ldc)).intoArray(c, c1 + 5 * ldc);
        c60.add(DoubleVector.fromArray(W, c, ci + 6 * ldc)).intoArray(c, ci + 6 * ldc);
        c61.add(DoubleVector.fromArray(W, c, c1 + 6 * ldc)).intoArray(c, c1 + 6 * ldc);
        c70.add(DoubleVector.fromArray(W, c, ci + 7 * ldc)).intoArray(c, ci + 7 * ldc);
        c71.add(DoubleVector.fromArray(W, c, c1 + 7 * ldc)).intoArray(c, c1 + 7 * ldc);
        c80.add(DoubleVector.fromArray(W, c, ci + 8 * ldc)).intoArray(c, ci + 8 * ldc);
        c81.add(DoubleVector.fromArray(W, c, c1 + 8 * ldc)).intoArray(c, c1 + 8 * ldc);
        c90.add(DoubleVector.fromArray(W, c, ci + 9 * ldc)).intoArray(c, ci + 9 * ldc);
        c91.add(DoubleVector.fromArray(W, c, c1 + 9 * ldc)).intoArray(c, c1 + 9 * ldc);
        ca0.add(DoubleVector.fromArray(W, c, ci + 10 * ldc)).intoArray(c, ci + 10 * ldc);
        ca1.add(DoubleVector.fromArray(W, c, c1 + 10 * ldc)).intoArray(c, c1 + 10 * ldc);
        cb0.add(DoubleVector.fromArray(W, c, ci + 11 * ldc)).intoArray(c, ci + 11 * ldc);
        cb1.add(DoubleVector.fromArray(W, c, c1 + 11 * ldc)).intoArray(c, c1 + 11 * ldc);
    }

    /**
     * Packs the {@code mc x kc} block of A at {@code off} into MR-row micro-panels: panel r holds rows
     * {@code r*MR ..}, column by column ({@code MR} values per column), rows past mc as zeros.
     */
    static void packA(double[] a, int off, int aRow, int aCol, int mc, int kc, double[] out) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            int r = 0;
            // NOTE: four rows at a time: four streams through A at once packed a cold 1024 x 1024 A
            // in 0.72 ms against 1.04 ms one row at a time (A read from memory, rows 8 KiB apart)
            for (; r + 4 <= rows; r += 4) {
                int src = off + (ir + r) * aRow;
                for (int p = 0, dst = base + r; p < kc; p++, dst += MR, src += aCol) {
                    out[dst] = a[src];
                    out[dst + 1] = a[src + aRow];
                    out[dst + 2] = a[src + 2 * aRow];
                    out[dst + 3] = a[src + 3 * aRow];
                }
            }
            for (; r < rows; r++) {
                int src = off + (ir + r) * aRow;
                for (int p = 0, dst = base + r; p < kc; p++, dst += MR, src += aCol) {
                    out[dst] = a[src];
                }
            }
            for (; r < MR; r++) {
                for (int p = 0, dst = base + r; p < kc; p++, dst += MR) {
                    out[dst] = 0;
                }
            }
        }
    }

    /**
     * Packs the {@code kc x nc} block of B at {@code off} into NR-column micro-panels: panel j holds
     * columns {@code j*NR ..}, row by row ({@code NR} values per row), columns past nc as zeros; the
     * panels start at {@code outOff}.
     */
    static void packB(double[] b, int off, int bRow, int bCol, int kc, int nc, double[] out, int outOff) {
        for (int jr = 0; jr < nc; jr += NR) {
            int base = outOff + jr * kc;
            int cols = Math.min(NR, nc - jr);
            if (bRow == 1 && bCol != 1) {
                // NOTE: B stored by columns (a transposed matrix: Linear's x W^T): read each column
                // along its contiguous run and write it down the panel, rather than reading NR
                // columns element by element per row (that took a quarter of x W^T for a batch of 64)
                for (int j = 0; j < cols; j++) {
                    for (int p = 0, src = off + (jr + j) * bCol, dst = base + j; p < kc; p++, dst += NR) {
                        out[dst] = b[src + p];
                    }
                }
                for (int j = cols; j < NR; j++) {
                    for (int p = 0, dst = base + j; p < kc; p++, dst += NR) {
                        out[dst] = 0;
                    }
                }
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int src = off + p * bRow + jr * bCol;
                int dst = base + p * NR;
                if (bCol == 1 && cols == NR) {
                    System.arraycopy(b, src, out, dst, NR);
                } else {
                    for (int j = 0; j < cols; j++) {
                        out[dst + j] = b[src + j * bCol];
                    }
                    for (int j = cols; j < NR; j++) {
                        out[dst + j] = 0;
                    }
                }
            }
        }
    }

    /** True if the CPU runs 256-bit double vectors natively (AVX2 here), which the micro-tile assumes. */
    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
