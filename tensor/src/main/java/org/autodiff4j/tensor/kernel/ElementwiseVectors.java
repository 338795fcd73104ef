package org.autodiff4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for the element-wise functions that have a vector form with the same result bit
 * for bit ({@code + - * /}, max, min, the chain-rule product, the comparisons, neg, square, sqrt,
 * relu, abs); the transcendental functions and pow stay in {@link ElementwiseLoops}, whose loops
 * also finish the tails here. Only touched when {@link ElementwiseKernels#VECTORIZED}.
 *
 * <p>NOTE: explicit vectors because C2 leaves the plain loops scalar where the offsets are not
 * constants (it cannot rule out that the output overlaps an input): 1.7 us for 4095 products in L1
 * against 0.9 us vectorized (JDK 25, AVX-512). Each loop names its operation literally, so the
 * vector calls are intrinsified however the loop is inlined.
 */
final class ElementwiseVectors {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private ElementwiseVectors() {
    }

    // ---- double ----------------------------------------------------------------------------------

    /** {@code out[oi + i] = f(x[xi + i])} for {@code i < n}; false (nothing done) if f has no vector loop here. */
    static boolean map(UnaryFn f, double[] x, int xi, double[] out, int oi, int n) {
        switch (f) {
            case NEG -> neg(x, xi, out, oi, n);
            case SQUARE -> square(x, xi, out, oi, n);
            case SQRT -> sqrt(x, xi, out, oi, n);
            case RELU -> relu(x, xi, out, oi, n);
            case ABS -> abs(x, xi, out, oi, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code out[oi + i] = f(x[xi + i], y[yi + i])} for {@code i < n}; false (nothing done) if f has no vector loop here. */
    static boolean zip(BinaryFn f, double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        switch (f) {
            case ADD -> add(x, xi, y, yi, out, oi, n);
            case SUB -> sub(x, xi, y, yi, out, oi, n);
            case MUL -> mul(x, xi, y, yi, out, oi, n);
            case DIV -> div(x, xi, y, yi, out, oi, n);
            case MAXIMUM -> maximum(x, xi, y, yi, out, oi, n);
            case MINIMUM -> minimum(x, xi, y, yi, out, oi, n);
            case CHAIN_MUL -> chainMul(x, xi, y, yi, out, oi, n);
            case LT -> lt(x, xi, y, yi, out, oi, n);
            case LE -> le(x, xi, y, yi, out, oi, n);
            case GT -> gt(x, xi, y, yi, out, oi, n);
            case GE -> ge(x, xi, y, yi, out, oi, n);
            case EQ -> eq(x, xi, y, yi, out, oi, n);
            case NE -> ne(x, xi, y, yi, out, oi, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static DoubleVector v(double[] a, int i) {
        return DoubleVector.fromArray(D, a, i);
    }

    private static void neg(double[] x, int xi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).neg().intoArray(out, oi + i);
        }
        ElementwiseLoops.neg(x, xi + i, out, oi + i, n - i);
    }

    private static void square(double[] x, int xi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector a = v(x, xi + i);
            a.mul(a).intoArray(out, oi + i);
        }
        ElementwiseLoops.square(x, xi + i, out, oi + i, n - i);
    }

    private static void sqrt(double[] x, int xi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).sqrt().intoArray(out, oi + i);
        }
        ElementwiseLoops.sqrt(x, xi + i, out, oi + i, n - i);
    }

    private static void relu(double[] x, int xi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).max(0.0).intoArray(out, oi + i);
        }
        ElementwiseLoops.relu(x, xi + i, out, oi + i, n - i);
    }

    private static void abs(double[] x, int xi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).abs().intoArray(out, oi + i);
        }
        ElementwiseLoops.abs(x, xi + i, out, oi + i, n - i);
    }

    private static void add(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).add(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.add(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void sub(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).sub(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.sub(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void mul(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).mul(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.mul(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void div(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).div(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.div(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void maximum(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).max(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.maximum(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void minimum(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).min(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.minimum(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void chainMul(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector a = v(x, xi + i);
            DoubleVector b = v(y, yi + i);
            DoubleVector p = a.mul(b);
            p.blend(0.0, p.test(VectorOperators.IS_NAN).and(a.eq(0.0).or(b.eq(0.0)))).intoArray(out, oi + i);
        }
        ElementwiseLoops.chainMul(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void lt(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        DoubleVector zero = DoubleVector.zero(D);
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            zero.blend(1.0, v(x, xi + i).compare(VectorOperators.LT, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.lt(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void le(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        DoubleVector zero = DoubleVector.zero(D);
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            zero.blend(1.0, v(x, xi + i).compare(VectorOperators.LE, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.le(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void gt(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        DoubleVector zero = DoubleVector.zero(D);
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            zero.blend(1.0, v(x, xi + i).compare(VectorOperators.GT, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.gt(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void ge(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        DoubleVector zero = DoubleVector.zero(D);
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            zero.blend(1.0, v(x, xi + i).compare(VectorOperators.GE, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.ge(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void eq(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        DoubleVector zero = DoubleVector.zero(D);
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            zero.blend(1.0, v(x, xi + i).compare(VectorOperators.EQ, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.eq(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void ne(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        DoubleVector zero = DoubleVector.zero(D);
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            zero.blend(1.0, v(x, xi + i).compare(VectorOperators.NE, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.ne(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    // ---- float -----------------------------------------------------------------------------------

    /** {@code out[oi + i] = f(x[xi + i])} for {@code i < n}; false (nothing done) if f has no vector loop here. */
    static boolean map(UnaryFn f, float[] x, int xi, float[] out, int oi, int n) {
        switch (f) {
            case NEG -> neg(x, xi, out, oi, n);
            case SQUARE -> square(x, xi, out, oi, n);
            case SQRT -> sqrt(x, xi, out, oi, n);
            case RELU -> relu(x, xi, out, oi, n);
            case ABS -> abs(x, xi, out, oi, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code out[oi + i] = f(x[xi + i], y[yi + i])} for {@code i < n}; false (nothing done) if f has no vector loop here. */
    static boolean zip(BinaryFn f, float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        switch (f) {
            case ADD -> add(x, xi, y, yi, out, oi, n);
            case SUB -> sub(x, xi, y, yi, out, oi, n);
            case MUL -> mul(x, xi, y, yi, out, oi, n);
            case DIV -> div(x, xi, y, yi, out, oi, n);
            case MAXIMUM -> maximum(x, xi, y, yi, out, oi, n);
            case MINIMUM -> minimum(x, xi, y, yi, out, oi, n);
            case CHAIN_MUL -> chainMul(x, xi, y, yi, out, oi, n);
            case LT -> lt(x, xi, y, yi, out, oi, n);
            case LE -> le(x, xi, y, yi, out, oi, n);
            case GT -> gt(x, xi, y, yi, out, oi, n);
            case GE -> ge(x, xi, y, yi, out, oi, n);
            case EQ -> eq(x, xi, y, yi, out, oi, n);
            case NE -> ne(x, xi, y, yi, out, oi, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static FloatVector v(float[] a, int i) {
        return FloatVector.fromArray(F, a, i);
    }

    private static void neg(float[] x, int xi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).neg().intoArray(out, oi + i);
        }
        ElementwiseLoops.neg(x, xi + i, out, oi + i, n - i);
    }

    private static void square(float[] x, int xi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector a = v(x, xi + i);
            a.mul(a).intoArray(out, oi + i);
        }
        ElementwiseLoops.square(x, xi + i, out, oi + i, n - i);
    }

    private static void sqrt(float[] x, int xi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).sqrt().intoArray(out, oi + i);
        }
        ElementwiseLoops.sqrt(x, xi + i, out, oi + i, n - i);
    }

    private static void relu(float[] x, int xi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).max(0.0f).intoArray(out, oi + i);
        }
        ElementwiseLoops.relu(x, xi + i, out, oi + i, n - i);
    }

    private static void abs(float[] x, int xi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).abs().intoArray(out, oi + i);
        }
        ElementwiseLoops.abs(x, xi + i, out, oi + i, n - i);
    }

    private static void add(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).add(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.add(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void sub(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).sub(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.sub(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void mul(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).mul(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.mul(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void div(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).div(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.div(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void maximum(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).max(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.maximum(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void minimum(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).min(v(y, yi + i)).intoArray(out, oi + i);
        }
        ElementwiseLoops.minimum(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void chainMul(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector a = v(x, xi + i);
            FloatVector b = v(y, yi + i);
            FloatVector p = a.mul(b);
            p.blend(0.0f, p.test(VectorOperators.IS_NAN).and(a.eq(0.0f).or(b.eq(0.0f)))).intoArray(out, oi + i);
        }
        ElementwiseLoops.chainMul(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void lt(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            zero.blend(1.0f, v(x, xi + i).compare(VectorOperators.LT, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.lt(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void le(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            zero.blend(1.0f, v(x, xi + i).compare(VectorOperators.LE, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.le(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void gt(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            zero.blend(1.0f, v(x, xi + i).compare(VectorOperators.GT, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.gt(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void ge(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            zero.blend(1.0f, v(x, xi + i).compare(VectorOperators.GE, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.ge(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void eq(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            zero.blend(1.0f, v(x, xi + i).compare(VectorOperators.EQ, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.eq(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    private static void ne(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            zero.blend(1.0f, v(x, xi + i).compare(VectorOperators.NE, v(y, yi + i))).intoArray(out, oi + i);
        }
        ElementwiseLoops.ne(x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    // ---- the chain-rule product with a constant factor ----------------------------------------------

    static void scaledChainMul(double c, double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector a = v(x, xi + i).mul(c);
            DoubleVector b = v(y, yi + i);
            DoubleVector p = a.mul(b);
            p.blend(0.0, p.test(VectorOperators.IS_NAN).and(a.eq(0.0).or(b.eq(0.0)))).intoArray(out, oi + i);
        }
        ElementwiseLoops.scaledChainMul(c, x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    static void scaledChainMul(float c, float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector a = v(x, xi + i).mul(c);
            FloatVector b = v(y, yi + i);
            FloatVector p = a.mul(b);
            p.blend(0.0f, p.test(VectorOperators.IS_NAN).and(a.eq(0.0f).or(b.eq(0.0f)))).intoArray(out, oi + i);
        }
        ElementwiseLoops.scaledChainMul(c, x, xi + i, y, yi + i, out, oi + i, n - i);
    }

    static void addScaledChainMul(double c, double[] x, int xi, double[] y, int yi, double[] acc, int ai, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector a = v(x, xi + i).mul(c);
            DoubleVector b = v(y, yi + i);
            DoubleVector p = a.mul(b);
            v(acc, ai + i).add(p.blend(0.0, p.test(VectorOperators.IS_NAN).and(a.eq(0.0).or(b.eq(0.0)))))
                    .intoArray(acc, ai + i);
        }
        ElementwiseLoops.addScaledChainMul(c, x, xi + i, y, yi + i, acc, ai + i, n - i);
    }

    static void addScaledChainMul(float c, float[] x, int xi, float[] y, int yi, float[] acc, int ai, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector a = v(x, xi + i).mul(c);
            FloatVector b = v(y, yi + i);
            FloatVector p = a.mul(b);
            v(acc, ai + i).add(p.blend(0.0f, p.test(VectorOperators.IS_NAN).and(a.eq(0.0f).or(b.eq(0.0f)))))
                    .intoArray(acc, ai + i);
        }
        ElementwiseLoops.addScaledChainMul(c, x, xi + i, y, yi + i, acc, ai + i, n - i);
    }

    // ---- the sum with a scaled operand --------------------------------------------------------------

    static void scaledAdd(double[] x, int xi, double c, double[] y, int yi, double[] out, int oi, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            v(x, xi + i).add(v(y, yi + i).mul(c)).intoArray(out, oi + i);
        }
        ElementwiseLoops.scaledAdd(x, xi + i, c, y, yi + i, out, oi + i, n - i);
    }

    static void scaledAdd(float[] x, int xi, float c, float[] y, int yi, float[] out, int oi, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            v(x, xi + i).add(v(y, yi + i).mul(c)).intoArray(out, oi + i);
        }
        ElementwiseLoops.scaledAdd(x, xi + i, c, y, yi + i, out, oi + i, n - i);
    }
}
