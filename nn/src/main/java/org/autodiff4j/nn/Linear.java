package org.autodiff4j.nn;

import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Tensor;

/**
 * The affine layer {@code y = x W^T + b} ({@link F#linear}) with {@code W} of shape
 * {@code [out, in]} and {@code b} of shape {@code [out]}, named {@code weight} and {@code bias} as
 * in PyTorch, so state dicts carry over.
 *
 * <pre>{@code
 * Linear layer = new Linear(784, 128, new SplittableRandom(1));
 * Tensor h = layer.forward(images);      // [batch, 784] -> [batch, 128]
 * }</pre>
 *
 * <p>Initialization as PyTorch: W and b uniform in {@code [-1/sqrt(in), 1/sqrt(in)]}, which is
 * Kaiming-uniform with {@code a = sqrt(5)} for W; drawn from {@code rng}, so seeded runs repeat.
 */
public final class Linear extends Module {

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /** A layer from {@code in} to {@code out} features with a bias, initialized from {@code rng}. */
    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, true, rng);
    }

    /**
     * A layer from {@code in} to {@code out} features, with a bias if {@code withBias}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int in, int out, boolean withBias, RandomGenerator rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear needs positive sizes, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        this.weight = registerParameter("weight", new Parameter(uniform(rng, bound, out, in)));
        this.bias = withBias ? registerParameter("bias", new Parameter(uniform(rng, bound, out))) : null;
    }

    /** Values uniform in {@code [-bound, bound)}. */
    static Tensor uniform(RandomGenerator rng, double bound, int... shape) {
        return Tensor.rand(rng, shape).mul(2 * bound).sub(bound);
    }

    /** {@code x W^T + b} for {@code x} of shape {@code [..., in]}. */
    @Override
    public Tensor forward(Tensor x) {
        return F.linear(x, weight.value(), bias == null ? null : bias.value());
    }

    /** The weight, {@code [out, in]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [out]}, or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "Linear(" + in + " -> " + out + (bias == null ? ", no bias)" : ")");
    }
}
