package org.autodiff4j.tensor.kernel;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The scalar reference element-wise loops, which the tests compare {@link ElementwiseKernels}
 * against and which run functions that have no loop of their own (a {@code DoubleUnaryOperator}
 * call per element). Each operand is given as its flat array plus either a base position (the
 * operand is dense, element i at {@code base + i}) or, when {@code offsets} is non-null, the flat
 * position of every element ({@link Strides#offsets}, broadcasting included). The dense case is a
 * plain loop the JIT can unroll; the general one a gather.
 *
 * <p>F32 loops evaluate the function in double and round each result once. Inputs are not
 * modified; {@code out} is.
 */
public final class ElementwiseReference {

    private ElementwiseReference() {
    }

    /** {@code out[i] = f(x[i])}. */
    public static void map(DoubleUnaryOperator f, double[] x, int xBase, int[] xOff, double[] out) {
        if (xOff == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[xBase + i]);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[xOff[i]]);
            }
        }
    }

    /** {@code out[i] = f(x[i])} in float storage. */
    public static void map(DoubleUnaryOperator f, float[] x, int xBase, int[] xOff, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(x[xOff == null ? xBase + i : xOff[i]]);
        }
    }

    /** {@code out[i] = f(x[i], y[i])}. */
    public static void zip(DoubleBinaryOperator f, double[] x, int xBase, int[] xOff,
                           double[] y, int yBase, int[] yOff, double[] out) {
        if (xOff == null && yOff == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[xBase + i], y[yBase + i]);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(x[xOff == null ? xBase + i : xOff[i]], y[yOff == null ? yBase + i : yOff[i]]);
            }
        }
    }

    /** {@code out[i] = f(x[i], y[i])} in float storage. */
    public static void zip(DoubleBinaryOperator f, float[] x, int xBase, int[] xOff,
                           float[] y, int yBase, int[] yOff, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(x[xOff == null ? xBase + i : xOff[i]], y[yOff == null ? yBase + i : yOff[i]]);
        }
    }

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}: a selection, never arithmetic, so the unselected value cannot leak. */
    public static void select(double[] mask, int[] mOff, double[] a, int[] aOff, double[] b, int[] bOff, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[mOff[i]] != 0 ? a[aOff[i]] : b[bOff[i]];
        }
    }

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]} in float storage. */
    public static void select(float[] mask, int[] mOff, float[] a, int[] aOff, float[] b, int[] bOff, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[mOff[i]] != 0 ? a[aOff[i]] : b[bOff[i]];
        }
    }
}
