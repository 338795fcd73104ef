package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * Max pooling ({@link F#maxPool2d}) over {@code [N, C, H, W]} images, as PyTorch's {@code nn.MaxPool2d}.
 *
 * <pre>{@code new MaxPool2d(2).forward(x);   // [N, C, 28, 28] -> [N, C, 14, 14]}</pre>
 */
public final class MaxPool2d extends Module {

    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** {@code k x k} windows with stride k (PyTorch's default stride), no padding. */
    public MaxPool2d(int k) {
        this(k, k, 0);
    }

    /** {@code k x k} windows with the given stride and padding (at most k / 2). */
    public MaxPool2d(int k, int stride, int padding) {
        if (k < 1 || stride < 1 || padding < 0 || padding > k / 2) {
            throw new IllegalArgumentException("MaxPool2d needs k >= 1, stride >= 1 and padding in [0, k/2], got "
                    + k + ", " + stride + ", " + padding);
        }
        this.kernel = new int[] {k, k};
        this.stride = new int[] {stride, stride};
        this.padding = new int[] {padding, padding};
    }

    /** The maximum of each window. */
    @Override
    public Tensor forward(Tensor x) {
        return F.maxPool2d(x, kernel, stride, padding, new int[] {1, 1});
    }

    @Override
    protected String describe() {
        return "MaxPool2d(" + kernel[0] + ", stride " + stride[0] + (padding[0] > 0 ? ", padding " + padding[0] : "") + ")";
    }
}
