package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.autodiff4j.tensor.kernel.BinaryFn;
import org.autodiff4j.tensor.kernel.ElementwiseKernels;
import org.autodiff4j.tensor.kernel.ReduceKernels;
import org.autodiff4j.tensor.kernel.ReduceReference;
import org.autodiff4j.tensor.kernel.Strides;
import org.junit.jupiter.api.Test;

/**
 * The element-wise and reduction kernels against their scalar references: every primitive's own
 * loop against its {@code value} (bit for bit, special values included, F64 and F32), broadcast
 * and strided layouts against the per-element offset loops, and reductions over random axes.
 */
class KernelProperties {

    static final double[] SPECIAL = {0.0, -0.0, 1, -1, 0.5, -2.5, 37, -37, 800, -800, 1e-310, Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    static double[] samples(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(4) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : rng.nextDouble(-4, 4);
        }
        return x;
    }

    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static void assertSame(double actual, double expected, String what) {
        assertThat(Double.doubleToLongBits(actual)).as(what + ": " + actual + " vs " + expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    @Test
    void unaryLoopsEqualTheirPrimitivesValue() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = samples(rng, 1003);
        float[] xf = floats(x);
        for (Unary u : Unary.values()) {
            if (u.kernel == null) {
                continue;
            }
            double[] out = new double[x.length + 2];
            ElementwiseKernels.map(u.kernel, x, 0, out, 2, x.length);
            float[] outF = new float[x.length];
            ElementwiseKernels.map(u.kernel, xf, 0, outF, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                assertSame(out[i + 2], u.value(x[i]), u + "(" + x[i] + ")");
                assertSame(outF[i], (float) u.value(xf[i]), "F32 " + u + "(" + xf[i] + ")");
            }
        }
    }

    static DoubleBinaryOperator reference(BinaryFn f) {
        Binary b = f.name().equals("LT") || f.name().length() == 2 ? null : Binary.valueOf(f.name());
        if (b != null) {
            return b::value;
        }
        return switch (f) {
            case LT -> (p, q) -> p < q ? 1 : 0;
            case LE -> (p, q) -> p <= q ? 1 : 0;
            case GT -> (p, q) -> p > q ? 1 : 0;
            case GE -> (p, q) -> p >= q ? 1 : 0;
            case EQ -> (p, q) -> p == q ? 1 : 0;
            case NE -> (p, q) -> p != q ? 1 : 0;
            default -> throw new AssertionError(f);
        };
    }

    @Test
    void everyBinaryPrimitiveHasALoop() {
        for (Binary b : Binary.values()) {
            assertThat(b.kernel).as(b.toString()).isNotNull();
        }
    }

    @Test
    void binaryLoopsEqualTheirReference() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] x = samples(rng, 1001);
        double[] y = samples(rng, 1001);
        float[] xf = floats(x);
        float[] yf = floats(y);
        for (BinaryFn f : BinaryFn.values()) {
            DoubleBinaryOperator ref = reference(f);
            double[] out = new double[x.length];
            ElementwiseKernels.zip(f, x, 1, y, 0, out, 0, x.length - 1);
            float[] outF = new float[x.length];
            ElementwiseKernels.zip(f, xf, 1, yf, 0, outF, 0, x.length - 1);
            for (int i = 0; i < x.length - 1; i++) {
                assertSame(out[i], ref.applyAsDouble(x[i + 1], y[i]), f + "(" + x[i + 1] + ", " + y[i] + ")");
                assertSame(outF[i], (float) ref.applyAsDouble(xf[i + 1], yf[i]), "F32 " + f + "(" + xf[i + 1] + ", " + yf[i] + ")");
            }
        }
    }

    /** A random strided view of a fresh tensor: a transpose, a step-2 slice or a broadcast of a smaller one. */
    static Tensor randomLayout(SplittableRandom rng, int[] shape, DType dtype) {
        int[] dims = shape.clone();
        int kind = rng.nextInt(4);
        if (kind == 1 && dims.length >= 2) {
            int[] t = dims.clone();
            t[dims.length - 1] = dims[dims.length - 2];
            t[dims.length - 2] = dims[dims.length - 1];
            return Tensor.of(samples(rng, Shape.of(t).size()), t).to(dtype).transpose(-1, -2);
        }
        if (kind == 2 && dims.length >= 1) {
            int[] wide = dims.clone();
            wide[0] = 2 * dims[0];
            return Tensor.of(samples(rng, Shape.of(wide).size()), wide).to(dtype).slice(0, 0, wide[0], 2);
        }
        if (kind == 3) {
            int[] small = dims.clone();
            for (int d = 0; d < small.length; d++) {
                if (rng.nextBoolean()) {
                    small[d] = 1;
                }
            }
            return Tensor.of(samples(rng, Shape.of(small).size()), small).to(dtype).expand(dims);
        }
        return Tensor.of(samples(rng, Shape.of(dims).size()), dims).to(dtype);
    }

    static int[] randomShape(SplittableRandom rng) {
        int rank = rng.nextInt(0, 4);
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) {
            s[d] = rng.nextInt(0, 3) == 0 ? 1 : rng.nextInt(0, 700 / (rank * 4) + 2);
        }
        return s;
    }

    /** The values in row-major order through the per-element offsets: the reference gather. */
    static double[] gathered(Tensor t) {
        int[] off = Strides.offsets(t.shape.toArray(), t.strides, t.offset);
        double[] out = new double[off.length];
        for (int i = 0; i < off.length; i++) {
            out[i] = t.at(off[i]);
        }
        return out;
    }

    @Test
    void broadcastAndStridedLayoutsMatchTheOffsetLoops() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 400; trial++) {
            int[] shape = randomShape(rng);
            DType dtype = rng.nextBoolean() ? DType.F64 : DType.F32;
            Tensor x = randomLayout(rng, shape, dtype);
            int[] yShape = shape.clone();
            for (int d = 0; d < yShape.length; d++) {
                if (rng.nextInt(3) == 0) {
                    yShape[d] = 1;
                }
            }
            if (yShape.length > 0 && rng.nextBoolean()) {
                yShape = java.util.Arrays.copyOfRange(yShape, rng.nextInt(yShape.length + 1), yShape.length);
            }
            Tensor y = randomLayout(rng, yShape, dtype);
            BinaryFn f = BinaryFn.values()[rng.nextInt(BinaryFn.values().length)];
            DoubleBinaryOperator ref = reference(f);
            Tensor out = Values.zip(x, y, f, "test");
            Shape s = x.shape.broadcast(y.shape);
            double[] xv = gathered(x.expand(s.toArray()));
            double[] yv = gathered(y.expand(s.toArray()));
            double[] got = out.toDoubleArray();
            String what = f + " of " + x.shape + " and " + y.shape + " (" + dtype + ")";
            assertThat(out.shape).as(what).isEqualTo(s);
            for (int i = 0; i < got.length; i++) {
                assertSame(got[i], dtype.round(ref.applyAsDouble(xv[i], yv[i])), what + " at " + i);
            }
            Tensor m = Values.map(x, Unary.SIGMOID.kernel);
            double[] mv = m.toDoubleArray();
            double[] xo = gathered(x);
            for (int i = 0; i < mv.length; i++) {
                assertSame(mv[i], dtype.round(Unary.SIGMOID.value(xo[i])), "sigmoid of " + x.shape + " at " + i);
            }
            Tensor w = Values.select(x.gt(0), x, y);
            double[] wv = w.toDoubleArray();
            for (int i = 0; i < wv.length; i++) {
                assertSame(wv[i], xv[i] > 0 ? xv[i] : yv[i], "where of " + x.shape + " and " + y.shape + " at " + i);
            }
        }
    }

    @Test
    void resultsAreComputedOnceAlongTheDimensionsEveryOperandRepeats() {
        Tensor row = Tensor.vector(1, 2, 3).expand(1000, 3);
        Tensor out = Values.zip(row, Tensor.scalar(2), BinaryFn.MUL, "mul");
        assertThat(out.shape).isEqualTo(Shape.of(1000, 3));
        assertThat(out.f64).as("one row of storage").hasSize(3);
        assertThat(out.get(999, 2)).isEqualTo(6);
        assertThat(Values.map(row, Unary.EXP.kernel).f64).hasSize(3);
        assertThat(Values.select(Tensor.scalar(1), row, Tensor.scalar(0)).f64).hasSize(3);
    }

    @Test
    void reductionsMatchTheReference() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 300; trial++) {
            int[] shape = randomShape(rng);
            DType dtype = rng.nextBoolean() ? DType.F64 : DType.F32;
            Tensor x = randomLayout(rng, shape, dtype);
            if (rng.nextInt(5) == 0) {
                x = x.add(Double.NaN);
            } else if (x.size() > 0) {
                x = x.abs();   // no infinities of both signs in one sum, so the order cannot turn inf into NaN
            }
            int[] keepDims = shape.clone();
            for (int d = 0; d < shape.length; d++) {
                if (rng.nextBoolean()) {
                    keepDims[d] = 1;
                }
            }
            Shape keep = Shape.of(keepDims);
            int[] outStrides = Strides.contiguous(keepDims);
            for (int d = 0; d < keepDims.length; d++) {
                if (keepDims[d] == 1) {
                    outStrides[d] = 0;
                }
            }
            int[] outOff = Strides.offsets(shape, outStrides, 0);
            double[] dense = x.toDoubleArray();
            double[] refSum = new double[keep.size()];
            ReduceReference.sum(dense, outOff, refSum);
            double[] got = Values.reduce(x, Reduce.Reduction.SUM, keep).toDoubleArray();
            String what = "sum of " + x.shape + " to " + keep + " (" + dtype + ")";
            for (int o = 0; o < got.length; o++) {
                double tol = (dtype == DType.F32 ? 1e-6 : 1e-13) * (Math.abs(refSum[o]) + 1);
                if (Double.isNaN(refSum[o]) || Double.isInfinite(refSum[o])) {
                    assertSame(got[o], dtype.round(refSum[o]), what);
                } else {
                    assertThat(got[o]).as(what + " at " + o).isCloseTo(refSum[o], org.assertj.core.data.Offset.offset(tol));
                }
            }
            if (x.size() == 0 && keep.size() > 0) {
                continue;
            }
            for (boolean max : new boolean[] {true, false}) {
                double[] ref = new double[keep.size()];
                ReduceReference.extremum(max, dense, outOff, ref);
                double[] e = Values.reduce(x, max ? Reduce.Reduction.MAX : Reduce.Reduction.MIN, keep).toDoubleArray();
                for (int o = 0; o < e.length; o++) {
                    assertSame(e[o], ref[o], (max ? "max" : "min") + " of " + x.shape + " to " + keep + " at " + o);
                }
            }
        }
    }

    @Test
    void partialSumsAreNoLessAccurateThanOneRunningSum() {
        double[] x = new double[100_001];
        java.util.Arrays.fill(x, 0.1);
        double exact = new java.math.BigDecimal(0.1).multiply(java.math.BigDecimal.valueOf(x.length)).doubleValue();
        double partial = ReduceKernels.sum(x, 0, 1, x.length);
        double running = ReduceReference.sumAll(x);
        assertThat(Math.abs(partial - exact)).isLessThanOrEqualTo(Math.abs(running - exact));
    }
}
