package org.autodiff4j.tensor.kernel;

/**
 * The scalar loops of {@link ElementwiseKernels} over contiguous runs,
 * {@code out[oi + i] = f(x[xi + i], y[yi + i])} for {@code i < n}: one method per function and
 * element type, chosen by a switch. They run every function without a vector loop
 * ({@link ElementwiseVectors}), finish the vector loops' tails, and are the whole of the kernels
 * when the Vector API is not available.
 *
 * <p>NOTE: C2 (JDK 25) does not vectorize these loops where it cannot see the offsets: the output
 * may be the same array as an input at another offset, and it has no runtime check for that; hence
 * the Vector API loops. The F32 loops are the F64 ones with float storage, the transcendental
 * functions computed in double and rounded once.
 */
final class ElementwiseLoops {

    private ElementwiseLoops() {
    }

    // ---- double ----------------------------------------------------------------------------------

    static void map(UnaryFn f, double[] x, int xi, double[] out, int oi, int n) {
        switch (f) {
            case NEG -> neg(x, xi, out, oi, n);
            case SQUARE -> square(x, xi, out, oi, n);
            case EXP -> exp(x, xi, out, oi, n);
            case LOG -> log(x, xi, out, oi, n);
            case SQRT -> sqrt(x, xi, out, oi, n);
            case SIN -> sin(x, xi, out, oi, n);
            case COS -> cos(x, xi, out, oi, n);
            case TANH -> tanh(x, xi, out, oi, n);
            case SIGMOID -> sigmoid(x, xi, out, oi, n);
            case RELU -> relu(x, xi, out, oi, n);
            case ABS -> abs(x, xi, out, oi, n);
        }
    }

    static void zip(BinaryFn f, double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        switch (f) {
            case ADD -> add(x, xi, y, yi, out, oi, n);
            case SUB -> sub(x, xi, y, yi, out, oi, n);
            case MUL -> mul(x, xi, y, yi, out, oi, n);
            case DIV -> div(x, xi, y, yi, out, oi, n);
            case POW -> pow(x, xi, y, yi, out, oi, n);
            case MAXIMUM -> maximum(x, xi, y, yi, out, oi, n);
            case MINIMUM -> minimum(x, xi, y, yi, out, oi, n);
            case CHAIN_MUL -> chainMul(x, xi, y, yi, out, oi, n);
            case LT -> lt(x, xi, y, yi, out, oi, n);
            case LE -> le(x, xi, y, yi, out, oi, n);
            case GT -> gt(x, xi, y, yi, out, oi, n);
            case GE -> ge(x, xi, y, yi, out, oi, n);
            case EQ -> eq(x, xi, y, yi, out, oi, n);
            case NE -> ne(x, xi, y, yi, out, oi, n);
        }
    }

    static void neg(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = -x[xi + i]; }
    }

    static void square(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] * x[xi + i]; }
    }

    static void exp(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.exp(x[xi + i]); }
    }

    static void log(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.log(x[xi + i]); }
    }

    static void sqrt(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.sqrt(x[xi + i]); }
    }

    static void sin(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.sin(x[xi + i]); }
    }

    static void cos(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.cos(x[xi + i]); }
    }

    static void tanh(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.tanh(x[xi + i]); }
    }

    static void sigmoid(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = ElementwiseKernels.sigmoid(x[xi + i]); }
    }

    // NOTE: Math.max(x, 0.0) is relu with relu(NaN) = NaN and relu(-0.0) = +0.0.
    static void relu(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.max(x[xi + i], 0.0); }
    }

    static void abs(double[] x, int xi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.abs(x[xi + i]); }
    }

    static void add(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] + y[yi + i]; }
    }

    static void sub(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] - y[yi + i]; }
    }

    static void mul(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] * y[yi + i]; }
    }

    static void div(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] / y[yi + i]; }
    }

    static void pow(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.pow(x[xi + i], y[yi + i]); }
    }

    static void maximum(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.max(x[xi + i], y[yi + i]); }
    }

    static void minimum(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.min(x[xi + i], y[yi + i]); }
    }

    static void chainMul(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = ElementwiseKernels.chainMul(x[xi + i], y[yi + i]); }
    }

    static void lt(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] < y[yi + i] ? 1 : 0; }
    }

    static void le(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] <= y[yi + i] ? 1 : 0; }
    }

    static void gt(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] > y[yi + i] ? 1 : 0; }
    }

    static void ge(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] >= y[yi + i] ? 1 : 0; }
    }

    static void eq(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] == y[yi + i] ? 1 : 0; }
    }

    static void ne(double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] != y[yi + i] ? 1 : 0; }
    }

    // ---- float -----------------------------------------------------------------------------------

    static void map(UnaryFn f, float[] x, int xi, float[] out, int oi, int n) {
        switch (f) {
            case NEG -> neg(x, xi, out, oi, n);
            case SQUARE -> square(x, xi, out, oi, n);
            case EXP -> exp(x, xi, out, oi, n);
            case LOG -> log(x, xi, out, oi, n);
            case SQRT -> sqrt(x, xi, out, oi, n);
            case SIN -> sin(x, xi, out, oi, n);
            case COS -> cos(x, xi, out, oi, n);
            case TANH -> tanh(x, xi, out, oi, n);
            case SIGMOID -> sigmoid(x, xi, out, oi, n);
            case RELU -> relu(x, xi, out, oi, n);
            case ABS -> abs(x, xi, out, oi, n);
        }
    }

    static void zip(BinaryFn f, float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        switch (f) {
            case ADD -> add(x, xi, y, yi, out, oi, n);
            case SUB -> sub(x, xi, y, yi, out, oi, n);
            case MUL -> mul(x, xi, y, yi, out, oi, n);
            case DIV -> div(x, xi, y, yi, out, oi, n);
            case POW -> pow(x, xi, y, yi, out, oi, n);
            case MAXIMUM -> maximum(x, xi, y, yi, out, oi, n);
            case MINIMUM -> minimum(x, xi, y, yi, out, oi, n);
            case CHAIN_MUL -> chainMul(x, xi, y, yi, out, oi, n);
            case LT -> lt(x, xi, y, yi, out, oi, n);
            case LE -> le(x, xi, y, yi, out, oi, n);
            case GT -> gt(x, xi, y, yi, out, oi, n);
            case GE -> ge(x, xi, y, yi, out, oi, n);
            case EQ -> eq(x, xi, y, yi, out, oi, n);
            case NE -> ne(x, xi, y, yi, out, oi, n);
        }
    }

    static void neg(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = -x[xi + i]; }
    }

    static void square(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] * x[xi + i]; }
    }

    static void exp(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) Math.exp(x[xi + i]); }
    }

    static void log(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) Math.log(x[xi + i]); }
    }

    static void sqrt(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) Math.sqrt(x[xi + i]); }
    }

    static void sin(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) Math.sin(x[xi + i]); }
    }

    static void cos(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) Math.cos(x[xi + i]); }
    }

    static void tanh(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) Math.tanh(x[xi + i]); }
    }

    static void sigmoid(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) ElementwiseKernels.sigmoid(x[xi + i]); }
    }

    static void relu(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.max(x[xi + i], 0.0f); }
    }

    static void abs(float[] x, int xi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.abs(x[xi + i]); }
    }

    static void add(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] + y[yi + i]; }
    }

    static void sub(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] - y[yi + i]; }
    }

    static void mul(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] * y[yi + i]; }
    }

    static void div(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] / y[yi + i]; }
    }

    static void pow(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = (float) Math.pow(x[xi + i], y[yi + i]); }
    }

    static void maximum(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.max(x[xi + i], y[yi + i]); }
    }

    static void minimum(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = Math.min(x[xi + i], y[yi + i]); }
    }

    static void chainMul(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = ElementwiseKernels.chainMul(x[xi + i], y[yi + i]); }
    }

    static void lt(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] < y[yi + i] ? 1 : 0; }
    }

    static void le(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] <= y[yi + i] ? 1 : 0; }
    }

    static void gt(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] > y[yi + i] ? 1 : 0; }
    }

    static void ge(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] >= y[yi + i] ? 1 : 0; }
    }

    static void eq(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] == y[yi + i] ? 1 : 0; }
    }

    static void ne(float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] != y[yi + i] ? 1 : 0; }
    }

    // ---- the chain-rule product with a constant factor ----------------------------------------------

    /** {@code out[oi + i] = chainMul(c x[xi + i], y[yi + i])}. */
    static void scaledChainMul(double c, double[] x, int xi, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = ElementwiseKernels.chainMul(c * x[xi + i], y[yi + i]); }
    }

    /** The float {@code chainMul(c x, y)}, in float. */
    static void scaledChainMul(float c, float[] x, int xi, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = ElementwiseKernels.chainMul(c * x[xi + i], y[yi + i]); }
    }

    /** {@code acc[ai + i] += chainMul(c x[xi + i], y[yi + i])}, the product rounded first. */
    static void addScaledChainMul(double c, double[] x, int xi, double[] y, int yi, double[] acc, int ai, int n) {
        for (int i = 0; i < n; i++) { acc[ai + i] = acc[ai + i] + ElementwiseKernels.chainMul(c * x[xi + i], y[yi + i]); }
    }

    /** The float {@code acc += chainMul(c x, y)}, in float. */
    static void addScaledChainMul(float c, float[] x, int xi, float[] y, int yi, float[] acc, int ai, int n) {
        for (int i = 0; i < n; i++) { acc[ai + i] = acc[ai + i] + ElementwiseKernels.chainMul(c * x[xi + i], y[yi + i]); }
    }

    /** {@code out[oi + i] = x[xi + i] + c y[yi + i]}, the product rounded first. */
    static void scaledAdd(double[] x, int xi, double c, double[] y, int yi, double[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] + c * y[yi + i]; }
    }

    /** The float {@code x + c y}, in float. */
    static void scaledAdd(float[] x, int xi, float c, float[] y, int yi, float[] out, int oi, int n) {
        for (int i = 0; i < n; i++) { out[oi + i] = x[xi + i] + c * y[yi + i]; }
    }
}
