package org.autodiff4j.tensor;

import java.util.Arrays;
import org.autodiff4j.tensor.kernel.Im2col;

/**
 * Sliding windows over the last two dimensions of {@code [N, C, H, W]} tensors. Two primitives,
 * each the other's adjoint (as {@code gather} and {@code scatterAdd}): {@link Unfold} (im2col)
 * copies every window into a column, {@link Fold} (col2im) adds columns back into an image. Their
 * VJPs are each other, so convolutions and pooling composed from them (with matmul, max, mean)
 * are differentiable to any order.
 */
final class Windows {

    private Windows() {
    }

    /**
     * The window geometry of an image of {@code c x h x w}: kernel {@code kh x kw}, stride, zero
     * padding on both sides and dilation, per direction; {@code oh x ow} windows.
     */
    record Geometry(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        int oh() {
            return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        }

        int ow() {
            return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        }

        Im2col.Geometry kernel() {
            return new Im2col.Geometry(c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh(), ow());
        }

        Shape columns(int n) {
            return Shape.of(n, c * kh * kw, oh() * ow());
        }

        Shape image(int n) {
            return Shape.of(n, c, h, w);
        }

        @Override public String toString() {
            return "kernel " + kh + "x" + kw + ", stride " + sh + "x" + sw + ", padding " + ph + "x" + pw
                    + ", dilation " + dh + "x" + dw;
        }
    }

    /** {@code [N, C, H, W] -> [N, C kh kw, L]}: the windows as columns; VJP: fold of g. */
    record Unfold(Geometry geo) implements Primitive {
        @Override public Tensor forward(Tensor... x) {
            int n = x[0].shape().dim(0);
            Shape shape = geo.columns(n);
            if (x[0].dtype() == DType.F64) {
                double[] out = new double[shape.size()];
                Im2col.columns(Values.denseF64(x[0]), geo.kernel(), out, n);
                return Tensor.dense(out, shape);
            }
            float[] out = new float[shape.size()];
            Im2col.columns(Values.denseF32(x[0]), geo.kernel(), out, n);
            return Tensor.dense(out, shape);
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            return new Fold(geo).apply(g);
        }
        @Override public String toString() { return "unfold[" + geo + "]"; }
    }

    /** {@code [N, C kh kw, L] -> [N, C, H, W]}: each column added back at its window; VJP: unfold of g. */
    record Fold(Geometry geo) implements Primitive {
        @Override public Tensor forward(Tensor... x) {
            int n = x[0].shape().dim(0);
            double[] out = new double[geo.image(n).size()];
            if (x[0].dtype() == DType.F64) {
                Im2col.image(Values.denseF64(x[0]), geo.kernel(), out, n);
                return Tensor.dense(out, geo.image(n));
            }
            Im2col.image(Values.denseF32(x[0]), geo.kernel(), out, n);
            float[] f = new float[out.length];
            for (int p = 0; p < f.length; p++) {
                f[p] = (float) out[p];
            }
            return Tensor.dense(f, geo.image(n));
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            return new Unfold(geo).apply(g);
        }
        @Override public String toString() { return "fold[" + geo + "]"; }
    }

    /** {@link Tensor#unfold2d}: checks the arguments. */
    static Tensor unfold(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("unfold2d needs an input [N, C, H, W], got shape " + x.shape());
        }
        Geometry geo = geometry("unfold2d", x.shape().dim(1), x.shape().dim(2), x.shape().dim(3),
                kernel, stride, padding, dilation);
        return new Unfold(geo).apply(x);
    }

    /** {@link Tensor#fold2d}: checks the arguments. */
    static Tensor fold(Tensor x, int[] outputSize, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        pair("fold2d", "outputSize", outputSize, 1);
        if (x.rank() != 3) {
            throw new IllegalArgumentException("fold2d needs an input [N, C kh kw, L], got shape " + x.shape());
        }
        pair("fold2d", "kernel", kernel, 1);
        int k = kernel[0] * kernel[1];
        if (x.shape().dim(1) % k != 0) {
            throw new IllegalArgumentException("fold2d: dimension 1 of shape " + x.shape() + " is not a multiple of the"
                    + " kernel's " + kernel[0] + "x" + kernel[1] + " = " + k + " elements");
        }
        Geometry geo = geometry("fold2d", x.shape().dim(1) / k, outputSize[0], outputSize[1],
                kernel, stride, padding, dilation);
        if (x.shape().dim(2) != geo.oh() * geo.ow()) {
            throw new IllegalArgumentException("fold2d: " + geo + " over " + outputSize[0] + "x" + outputSize[1]
                    + " gives " + geo.oh() * geo.ow() + " windows, but the input of shape " + x.shape() + " has "
                    + x.shape().dim(2));
        }
        return new Fold(geo).apply(x);
    }

    private static Geometry geometry(String op, int c, int h, int w, int[] kernel, int[] stride, int[] padding,
                                     int[] dilation) {
        pair(op, "kernel", kernel, 1);
        pair(op, "stride", stride, 1);
        pair(op, "padding", padding, 0);
        pair(op, "dilation", dilation, 1);
        Geometry geo = new Geometry(c, h, w, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1],
                dilation[0], dilation[1]);
        if (h + 2 * padding[0] < dilation[0] * (kernel[0] - 1) + 1 || w + 2 * padding[1] < dilation[1] * (kernel[1] - 1) + 1) {
            throw new IllegalArgumentException(op + ": the " + geo + " does not fit an image of " + h + "x" + w);
        }
        return geo;
    }

    private static void pair(String op, String what, int[] v, int min) {
        if (v == null || v.length != 2 || v[0] < min || v[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " must be two values >= " + min + ", got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
    }
}
