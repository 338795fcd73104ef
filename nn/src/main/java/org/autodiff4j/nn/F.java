package org.autodiff4j.nn;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Shape;
import org.autodiff4j.tensor.Tensor;

/**
 * Functional neural-network operations and losses, as PyTorch's {@code torch.nn.functional}: each is a
 * composite of tensor operations, so autograd differentiates it (to any order) with no rule of its own.
 *
 * <pre>{@code
 * Tensor h = F.relu(F.linear(x, w1, b1));
 * Tensor loss = F.crossEntropy(F.linear(h, w2, b2), labels);
 * loss.backward();
 * }</pre>
 *
 * <p>Class indices (for {@link #crossEntropy}, {@link #nllLoss}, {@link #oneHot}) are tensors of
 * whole numbers in {@code [0, classes)}, since tensors hold floating-point values only.
 */
public final class F {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private F() {
    }

    // ---- layers --------------------------------------------------------------------------------

    /**
     * The affine map {@code x w^T + b} over the last dimension of {@code x} ({@code [..., in]});
     * {@code w} is {@code [out, in]} (PyTorch's layout), {@code b} is {@code [out]} or null.
     * Derivatives: {@code g w} for x, {@code g^T x} for w, {@code g} summed over the batch for b.
     *
     * <pre>{@code F.linear(Tensor.ones(4, 3), Tensor.ones(2, 3), null);   // 4 x 2, all 3}</pre>
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        if (w.rank() != 2 || x.rank() == 0 || x.shape().dim(-1) != w.shape().dim(1)) {
            throw new IllegalArgumentException("linear: input " + x.shape() + " needs weight [out, "
                    + (x.rank() == 0 ? "in" : x.shape().dim(-1)) + "], got " + w.shape());
        }
        if (b != null && !b.shape().equals(Shape.of(w.shape().dim(0)))) {
            throw new IllegalArgumentException("linear: bias must have shape [" + w.shape().dim(0) + "], got " + b.shape());
        }
        Tensor out = x.matmul(w.mT());
        return b == null ? out : out.add(b);
    }

    /** {@code max(x, 0)}; derivative 1 where x &gt; 0, else 0 (also at 0). */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** The logistic function {@code 1 / (1 + e^-x)}; derivative {@code s(x)(1 - s(x))}. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /** {@code tanh x}; derivative {@code 1 - tanh^2 x}. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /**
     * The Gaussian error linear unit in its tanh form,
     * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} (PyTorch's {@code gelu(x, approximate="tanh")}).
     * {@code gelu(0) = 0}, {@code gelu'(0) = 0.5}.
     *
     * <p>NOTE: the tanh form, not the erf form {@code x Phi(x)} that is PyTorch's default: the two
     * differ by less than 5e-4. The erf form needs an {@code erf} tensor primitive, which the tensor
     * module does not have yet; switch the default to it then.
     */
    public static Tensor gelu(Tensor x) {
        Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI);
        return x.mul(0.5).mul(inner.tanh().add(1));
    }

    /**
     * {@code ln(1 + e^x)} without overflow; derivative {@code sigmoid(x)}.
     *
     * <p>NOTE: {@code x + ln(1 + e^-x)} for x &gt; 0 and {@code ln(1 + e^x)} elsewhere, joined with
     * {@code where}, so every derivative is exact at 0 (a form with {@code |x|} has a kink there that
     * breaks second derivatives) and the overflowing unselected branch gets an exact zero gradient.
     * Without a {@code log1p} primitive, values below about -37 round to 0 (absolute error below 1e-16).
     */
    public static Tensor softplus(Tensor x) {
        Tensor positive = x.add(x.neg().exp().add(1).log());
        Tensor other = x.exp().add(1).log();
        return Tensor.where(x.gt(0), positive, other);
    }

    /**
     * Softmax along {@code dim}: {@code e^x / sum(e^x)}, shifted so nothing overflows; Jacobian
     * {@code diag(s) - s s^T}. Same as {@link Tensor#softmax}.
     */
    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    /** {@code x - logSumExp(x)} along {@code dim}; same as {@link Tensor#logSoftmax}. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /**
     * Inverted dropout: in training, each element is zeroed with probability {@code p} (drawn with
     * {@code rng}) and the others are scaled by {@code 1/(1-p)}, so the expectation is unchanged;
     * outside training, {@code x} itself. Derivative: the same mask and scale. {@code p = 1} gives zeros.
     *
     * <pre>{@code F.dropout(h, 0.5, model.isTraining(), rng);}</pre>
     *
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    public static Tensor dropout(Tensor x, double p, boolean training, RandomGenerator rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0);
        }
        Tensor keep = Tensor.rand(rng, x.shape().toArray()).ge(p).to(x.dtype());
        return x.mul(keep.mul(1 / (1 - p)));
    }

    /**
     * Layer normalization over the trailing dimensions {@code normalizedShape}:
     * {@code (x - mean) / sqrt(var + eps) * weight + bias}, with the biased (population) variance as
     * PyTorch; {@code weight} and {@code bias} (shaped {@code normalizedShape}) may be null.
     *
     * <pre>{@code F.layerNorm(x, new int[] {64}, gamma, beta, 1e-5);   // x is [batch, 64]}</pre>
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        int[] dims = x.shape().toArray();
        if (k == 0 || k > dims.length
                || !Arrays.equals(Arrays.copyOfRange(dims, dims.length - k, dims.length), normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: input " + x.shape() + " does not end with the normalized shape "
                    + Arrays.toString(normalizedShape));
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = dims.length - k + i;
        }
        Tensor centred = x.sub(x.mean(axes, true));
        Tensor out = centred.div(centred.square().mean(axes, true).add(eps).sqrt());
        if (weight != null) {
            out = out.mul(weight);
        }
        return bias == null ? out : out.add(bias);
    }

    // ---- losses --------------------------------------------------------------------------------

    /** {@link #mseLoss(Tensor, Tensor, Reduction)} with the mean. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /**
     * The squared error {@code (input - target)^2}, reduced; derivative {@code 2 (input - target)}
     * (divided by n for the mean). Input and target must have the same shape.
     *
     * <pre>{@code F.mseLoss(Tensor.vector(1, 2), Tensor.vector(0, 0));   // 2.5}</pre>
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        sameShape("mseLoss", input, target);
        return reduction.apply(input.sub(target).square());
    }

    /** {@link #huberLoss(Tensor, Tensor, double, Reduction)} with delta 1 and the mean. */
    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, 1, Reduction.MEAN);
    }

    /**
     * The Huber loss of {@code d = input - target}: {@code d^2 / 2} where {@code |d| < delta}, else
     * {@code delta (|d| - delta / 2)}, reduced; derivative {@code d} inside, {@code delta sign(d)}
     * outside (continuous at the seam).
     *
     * @throws IllegalArgumentException if delta is not positive
     */
    public static Tensor huberLoss(Tensor input, Tensor target, double delta, Reduction reduction) {
        sameShape("huberLoss", input, target);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huberLoss: delta must be positive, got " + delta);
        }
        Tensor d = input.sub(target);
        Tensor a = d.abs();
        Tensor quadratic = d.square().mul(0.5);
        Tensor linear = a.sub(delta / 2).mul(delta);
        return reduction.apply(Tensor.where(a.lt(delta), quadratic, linear));
    }

    /** {@link #binaryCrossEntropyWithLogits(Tensor, Tensor, Reduction)} with the mean. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        return binaryCrossEntropyWithLogits(logits, target, Reduction.MEAN);
    }

    /**
     * The binary cross-entropy of {@code sigmoid(logits)} against probabilities {@code target},
     * {@code -(t ln s(x) + (1 - t) ln(1 - s(x)))}, computed as {@code softplus(x) - t x} so it stays
     * finite for any logit; derivative {@code sigmoid(x) - t}.
     *
     * <pre>{@code F.binaryCrossEntropyWithLogits(Tensor.vector(0), Tensor.vector(1));   // ln 2}</pre>
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        sameShape("binaryCrossEntropyWithLogits", logits, target);
        return reduction.apply(softplus(logits).sub(target.mul(logits)));
    }

    /** {@link #crossEntropy(Tensor, Tensor, Reduction, double)} with the mean and no label smoothing. */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, Reduction.MEAN, 0);
    }

    /**
     * The cross-entropy of {@code softmax(logits)} (shape {@code [n, classes]}) against class indices
     * {@code target} (shape {@code [n]}): {@code -logSoftmax(logits)[i, target[i]]} per row, reduced
     * ({@code NONE} gives shape [n]). With label smoothing {@code e} the target distribution is
     * {@code (1 - e)} on the class plus {@code e / classes} on every class, as PyTorch. Derivative:
     * {@code softmax(logits) - q} per row, q the target distribution.
     *
     * <pre>{@code F.crossEntropy(Tensor.zeros(1, 2), Tensor.vector(1));   // ln 2}</pre>
     *
     * @throws IllegalArgumentException for wrong shapes, indices that are not whole numbers in
     *     {@code [0, classes)}, or smoothing outside [0, 1]
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Reduction reduction, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        checkClassShapes("crossEntropy", logits, target);
        Tensor logp = logits.logSoftmax(1);
        Tensor nll = picked(logp, target).neg();
        if (labelSmoothing == 0) {
            return reduction.apply(nll);
        }
        Tensor uniform = logp.mean(1).neg();
        return reduction.apply(nll.mul(1 - labelSmoothing).add(uniform.mul(labelSmoothing)));
    }

    /** {@link #nllLoss(Tensor, Tensor, Reduction)} with the mean. */
    public static Tensor nllLoss(Tensor logProbabilities, Tensor target) {
        return nllLoss(logProbabilities, target, Reduction.MEAN);
    }

    /**
     * The negative log-likelihood {@code -logProbabilities[i, target[i]]} per row of an
     * {@code [n, classes]} tensor of log-probabilities (as {@link #logSoftmax} gives), reduced;
     * derivative {@code -1} at the target class, 0 elsewhere.
     */
    public static Tensor nllLoss(Tensor logProbabilities, Tensor target, Reduction reduction) {
        checkClassShapes("nllLoss", logProbabilities, target);
        return reduction.apply(picked(logProbabilities, target).neg());
    }

    /**
     * One-hot rows: {@code out[..., c] = 1} where {@code c = indices[...]}, 0 elsewhere, shape
     * {@code indices.shape + [classes]}, F64; a constant (no gradient).
     *
     * <pre>{@code F.oneHot(Tensor.vector(2, 0), 3);   // [[0, 0, 1], [1, 0, 0]]}</pre>
     *
     * @throws IllegalArgumentException if an index is not a whole number in {@code [0, classes)}
     */
    public static Tensor oneHot(Tensor indices, int classes) {
        double[] idx = indices.toDoubleArray();
        double[] out = new double[idx.length * classes];
        for (int i = 0; i < idx.length; i++) {
            double c = idx[i];
            if (c != Math.rint(c) || c < 0 || c >= classes) {
                throw new IllegalArgumentException("class index " + c + " at position " + i
                        + " is not a whole number in [0, " + classes + ")");
            }
            out[i * classes + (int) c] = 1;
        }
        int[] dims = Arrays.copyOf(indices.shape().toArray(), indices.rank() + 1);
        dims[indices.rank()] = classes;
        return Tensor.of(out, dims);
    }

    /**
     * {@code x[i, target[i]]} for each row i.
     *
     * <p>NOTE: a one-hot mask multiplied and summed, O(n classes); replace with the tensor module's
     * {@code gather} once it exists.
     */
    private static Tensor picked(Tensor x, Tensor target) {
        return x.mul(oneHot(target, x.shape().dim(1)).to(x.dtype())).sum(1);
    }

    private static void checkClassShapes(String op, Tensor scores, Tensor target) {
        Objects.requireNonNull(scores, op + ": input is null");
        Objects.requireNonNull(target, op + ": target is null");
        if (scores.rank() != 2 || target.rank() != 1 || target.shape().dim(0) != scores.shape().dim(0)) {
            throw new IllegalArgumentException(op + ": expected input [n, classes] and target [n] of class indices, got "
                    + scores.shape() + " and " + target.shape());
        }
    }

    private static void sameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(op + ": input and target must have the same shape, got "
                    + input.shape() + " and " + target.shape());
        }
    }
}
