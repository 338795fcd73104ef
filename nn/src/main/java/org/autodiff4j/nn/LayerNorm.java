package org.autodiff4j.nn;

import java.util.Arrays;
import org.autodiff4j.tensor.Tensor;

/**
 * Layer normalization ({@link F#layerNorm}) over the trailing dimensions {@code normalizedShape},
 * with a learned scale {@code weight} (initially 1) and shift {@code bias} (initially 0) of that
 * shape, as PyTorch's {@code nn.LayerNorm}.
 *
 * <pre>{@code new LayerNorm(64).forward(x);   // x is [batch, 64]: each row to mean 0, variance 1}</pre>
 */
public final class LayerNorm extends Module {

    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /** Normalization over the trailing {@code normalizedShape}, eps 1e-5, with scale and shift. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /**
     * Normalization over the trailing {@code normalizedShape} with {@code eps} added to the variance;
     * with a learned scale and shift if {@code elementwiseAffine}.
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || !(eps >= 0)) {
            throw new IllegalArgumentException("LayerNorm needs a non-empty shape and eps >= 0, got "
                    + Arrays.toString(normalizedShape) + " and " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", new Parameter(Tensor.ones(normalizedShape))) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", new Parameter(Tensor.zeros(normalizedShape))) : null;
    }

    /** {@code x} normalized over its trailing dimensions, scaled and shifted. */
    @Override
    public Tensor forward(Tensor x) {
        return F.layerNorm(x, normalizedShape, weight == null ? null : weight.value(),
                bias == null ? null : bias.value(), eps);
    }

    @Override
    protected String describe() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ")";
    }
}
