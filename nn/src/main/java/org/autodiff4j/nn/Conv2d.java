package org.autodiff4j.nn;

import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Tensor;

/**
 * The 2-D convolution layer ({@link F#conv2d}) over {@code [N, C, H, W]} images, with {@code weight}
 * {@code [out, in / groups, kh, kw]} and {@code bias} {@code [out]}, named as in PyTorch's
 * {@code nn.Conv2d}, so state dicts carry over.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 16, 3, 1, 1, rng);    // 3x3 filters, stride 1, padding 1
 * Tensor h = conv.forward(images);                  // [N, 1, 28, 28] -> [N, 16, 28, 28]
 * }</pre>
 *
 * <p>Initialization as PyTorch: weight and bias uniform in {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]},
 * {@code fanIn = in / groups * kh * kw} (Kaiming-uniform with {@code a = sqrt(5)}), drawn from {@code rng}.
 */
public final class Conv2d extends Module {

    private final int in;
    private final int out;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /** Square {@code k x k} filters with the given stride and padding, dilation 1, one group, with a bias. */
    public Conv2d(int in, int out, int k, int stride, int padding, RandomGenerator rng) {
        this(in, out, new int[] {k, k}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, 1,
                true, rng);
    }

    /**
     * A layer from {@code in} to {@code out} channels; {@code kernel}, {@code stride}, {@code padding}
     * and {@code dilation} are {@code {rows, columns}}; with a bias if {@code withBias}.
     *
     * @throws IllegalArgumentException if a size is not positive or the groups do not divide the channels
     */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean withBias,
                  RandomGenerator rng) {
        if (in < 1 || out < 1 || groups < 1 || in % groups != 0 || out % groups != 0 || kernel.length != 2
                || kernel[0] < 1 || kernel[1] < 1) {
            throw new IllegalArgumentException("Conv2d needs positive channels divisible by the groups and a positive"
                    + " kernel, got " + in + " -> " + out + ", groups " + groups + ", kernel " + java.util.Arrays.toString(kernel));
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        int fanIn = in / groups * kernel[0] * kernel[1];
        double bound = 1 / Math.sqrt(fanIn);
        this.weight = registerParameter("weight",
                new Parameter(Linear.uniform(rng, bound, out, in / groups, kernel[0], kernel[1])));
        this.bias = withBias ? registerParameter("bias", new Parameter(Linear.uniform(rng, bound, out))) : null;
    }

    /** The convolution of {@code x} ({@code [N, in, H, W]}) with the filters, plus the bias. */
    @Override
    public Tensor forward(Tensor x) {
        return F.conv2d(x, weight.value(), bias == null ? null : bias.value(), stride, padding, dilation, groups);
    }

    /** The filters, {@code [out, in / groups, kh, kw]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [out]}, or null. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "Conv2d(" + in + " -> " + out + ", " + kernel[0] + "x" + kernel[1] + ", stride " + stride[0]
                + ", padding " + padding[0] + (groups > 1 ? ", groups " + groups : "") + (bias == null ? ", no bias)" : ")");
    }
}
