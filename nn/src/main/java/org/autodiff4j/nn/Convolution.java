package org.autodiff4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.autodiff4j.tensor.Tensor;

/**
 * Convolution and pooling over {@code [N, C, H, W]} tensors, composed from the tensor module's
 * im2col pair ({@link Tensor#unfold2d}, {@link Tensor#fold2d}) and matmul, max and mean, so they
 * need no gradient rule of their own and differentiate to any order. {@link F} is the public face.
 */
final class Convolution {

    private Convolution() {
    }

    /** {@link F#conv2d}: the filters times the unfolded windows, one matrix product per group. */
    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException("conv2d needs input [N, C, H, W] and weight [out, C / groups, kh, kw], got "
                    + x.shape() + " and " + w.shape());
        }
        int n = x.shape().dim(0);
        int cin = x.shape().dim(1);
        int cout = w.shape().dim(0);
        if (groups < 1 || cin % groups != 0 || cout % groups != 0 || w.shape().dim(1) * groups != cin) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " with " + groups + " groups needs weight"
                    + " [out, " + (groups >= 1 ? cin / groups : "C / groups") + ", kh, kw] with out divisible by the"
                    + " groups, got " + w.shape());
        }
        checkBias("conv2d", bias, cout);
        int[] kernel = {w.shape().dim(2), w.shape().dim(3)};
        Tensor cols = x.unfold2d(kernel, stride, padding, dilation);          // [N, C kh kw, L]
        int k = cin / groups * kernel[0] * kernel[1];
        int l = cols.shape().dim(2);
        // NOTE: one product per example and group, [out / G, K] x [K, L], written straight into the
        // output's layout: no copies of the windows or of the output (a permute to one product over
        // the whole batch, [K, N L], copied both, and their gradients, each step). The matmul shares
        // the N products among the cores.
        Tensor out = w.reshape(groups, cout / groups, k).matmul(cols.reshape(n, groups, k, l));   // [N, G, out / G, L]
        int oh = (x.shape().dim(2) + 2 * padding[0] - dilation[0] * (kernel[0] - 1) - 1) / stride[0] + 1;
        out = out.reshape(n, cout, oh, l / oh);
        return bias == null ? out : out.add(bias.reshape(1, cout, 1, 1));
    }

    /** {@link F#convTranspose2d}: the filters' transpose times the input, folded back into images. */
    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                  int[] dilation, int groups) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException("convTranspose2d needs input [N, C, H, W] and weight [C, out / groups, kh, kw],"
                    + " got " + x.shape() + " and " + w.shape());
        }
        int n = x.shape().dim(0);
        int cin = x.shape().dim(1);
        if (groups < 1 || w.shape().dim(0) != cin || cin % groups != 0) {
            throw new IllegalArgumentException("convTranspose2d: input " + x.shape() + " with " + groups + " groups needs"
                    + " weight [" + cin + ", out / groups, kh, kw], got " + w.shape());
        }
        if (outputPadding == null || outputPadding.length != 2 || outputPadding[0] < 0 || outputPadding[1] < 0
                || outputPadding[0] >= Math.max(stride[0], dilation[0]) || outputPadding[1] >= Math.max(stride[1], dilation[1])) {
            throw new IllegalArgumentException("convTranspose2d: outputPadding must be two values in [0, max(stride,"
                    + " dilation)), got " + Arrays.toString(outputPadding));
        }
        int coutG = w.shape().dim(1);
        int cout = coutG * groups;
        checkBias("convTranspose2d", bias, cout);
        int[] kernel = {w.shape().dim(2), w.shape().dim(3)};
        int h = x.shape().dim(2);
        int wd = x.shape().dim(3);
        int[] size = {
            (h - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kernel[0] - 1) + outputPadding[0] + 1,
            (wd - 1) * stride[1] - 2 * padding[1] + dilation[1] * (kernel[1] - 1) + outputPadding[1] + 1,
        };
        int k = coutG * kernel[0] * kernel[1];
        Tensor cols = w.reshape(groups, cin / groups, k).mT()
                .matmul(x.reshape(n, groups, cin / groups, h * wd));            // [N, G, out / G kh kw, H W]
        Tensor out = cols.reshape(n, groups * k, h * wd).fold2d(size, kernel, stride, padding, dilation);
        return bias == null ? out : out.add(bias.reshape(1, cout, 1, 1));
    }

    /**
     * {@link F#maxPool2d}: the maximum of each unfolded window. NOTE: padding is {@code -inf}, as
     * PyTorch, added before unfolding (unfold pads with zeros, which could win the max).
     */
    static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        requireImages("maxPool2d", x);
        if (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2) {
            throw new IllegalArgumentException("maxPool2d: padding " + Arrays.toString(padding) + " must be at most half"
                    + " the kernel " + Arrays.toString(kernel));
        }
        Tensor padded = padding[0] == 0 && padding[1] == 0 ? x
                : x.pad(new int[] {padding[1], padding[1], padding[0], padding[0]}, Double.NEGATIVE_INFINITY);
        return pool(padded, kernel, stride, new int[] {0, 0}, dilation, true);
    }

    /** {@link F#avgPool2d}: the mean of each unfolded window, zero padding counted (PyTorch's default). */
    static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        requireImages("avgPool2d", x);
        return pool(x, kernel, stride, padding, new int[] {1, 1}, false);
    }

    private static Tensor pool(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean max) {
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        Tensor cols = x.unfold2d(kernel, stride, padding, dilation);
        int l = cols.shape().dim(2);
        Tensor windows = cols.reshape(n, c, kernel[0] * kernel[1], l);
        Tensor out = max ? windows.max(2) : windows.mean(2);
        int oh = (x.shape().dim(2) + 2 * padding[0] - dilation[0] * (kernel[0] - 1) - 1) / stride[0] + 1;
        return out.reshape(n, c, oh, l / oh);
    }

    /**
     * {@link F#adaptiveAvgPool2d}: window i of an extent {@code h} covers {@code [floor(i h / oh),
     * ceil((i + 1) h / oh))}, as PyTorch. When both extents divide evenly that is an average pool;
     * otherwise the windows differ in size and each output is the mean of a slice (then stacked).
     */
    static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) {
        requireImages("adaptiveAvgPool2d", x);
        if (outputSize == null || outputSize.length != 2 || outputSize[0] < 1 || outputSize[1] < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: outputSize must be two values >= 1, got "
                    + Arrays.toString(outputSize));
        }
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        int oh = outputSize[0];
        int ow = outputSize[1];
        if (h % oh == 0 && w % ow == 0) {
            int[] k = {h / oh, w / ow};
            return avgPool2d(x, k, k, new int[] {0, 0});
        }
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < oh; i++) {
            Tensor band = x.slice(2, i * h / oh, Math.ceilDiv((i + 1) * h, oh));
            List<Tensor> cells = new ArrayList<>();
            for (int j = 0; j < ow; j++) {
                cells.add(band.slice(3, j * w / ow, Math.ceilDiv((j + 1) * w, ow)).mean(new int[] {2, 3}, false));
            }
            rows.add(Tensor.stack(2, cells));
        }
        return Tensor.stack(2, rows);
    }

    private static void requireImages(String op, Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + " needs an input [N, C, H, W], got shape " + x.shape());
        }
    }

    private static void checkBias(String op, Tensor bias, int cout) {
        if (bias != null && (bias.rank() != 1 || bias.shape().dim(0) != cout)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + cout + "], got " + bias.shape());
        }
    }
}
