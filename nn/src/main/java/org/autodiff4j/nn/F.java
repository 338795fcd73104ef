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

    // ---- convolution and pooling ([N, C, H, W]) -------------------------------------------------

    /**
     * The 2-D convolution (cross-correlation, as every deep-learning library) of images {@code x}
     * {@code [N, C, H, W]} with filters {@code w} {@code [out, C / groups, kh, kw]}, plus
     * {@code bias} {@code [out]} (or null): {@code out[n, o, y, x] = b[o] + sum_{c, i, j} w[o, c, i, j]
     * x[n, g C/groups + c, y sh - ph + i dh, x sw - pw + j dw]} over the filter's group g, zero
     * padding. Output {@code [N, out, oh, ow]}, {@code oh = (H + 2 ph - dh (kh - 1) - 1) / sh + 1}.
     * Computed as im2col ({@link Tensor#unfold2d}) and one matrix product per group (the packed
     * GEMM), so derivatives come from those: for x a transposed convolution, for w the windows times g.
     *
     * <pre>{@code F.conv2d(images, filters, bias, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);}</pre>
     *
     * @param stride {@code {rows, columns}}, each at least 1
     * @param padding zeros added on both sides, {@code {rows, columns}}
     * @param dilation the spacing of the filter's taps, {@code {rows, columns}}, each at least 1
     * @param groups the channel groups: input and output channels split into this many, each filter seeing one
     * @throws IllegalArgumentException for shapes or groups that do not fit
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(x, w, bias, stride, padding, dilation, groups);
    }

    /** {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)} with stride 1, no padding, dilation 1, one group. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias) {
        return conv2d(x, w, bias, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1);
    }

    /**
     * The transposed convolution (the gradient of {@link #conv2d} with respect to its input, as
     * PyTorch's {@code conv_transpose2d}): {@code x} {@code [N, C, H, W]}, {@code w}
     * {@code [C, out / groups, kh, kw]} (conv2d's weight layout read the other way), {@code bias}
     * {@code [out]} or null. Output {@code [N, out, H', W']},
     * {@code H' = (H - 1) sh - 2 ph + dh (kh - 1) + outputPadding[0] + 1}. Computed as a matrix
     * product and col2im ({@link Tensor#fold2d}); derivative for x: conv2d of g.
     *
     * @throws IllegalArgumentException for shapes that do not fit, or output padding not below the stride or dilation
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                         int groups, int[] dilation) {
        return Convolution.convTranspose2d(x, w, bias, stride, padding, outputPadding, dilation, groups);
    }

    /**
     * The maximum over each {@code kernel} window of {@code [N, C, H, W]}, with the given stride,
     * padding (by {@code -inf}, at most half the kernel) and dilation; output as for {@link #conv2d}.
     * Derivative: g to the window's maximum. NOTE: at a tie within a window the gradient is split
     * evenly (the tensor max's convention); PyTorch gives it all to the first maximum.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Convolution.maxPool2d(x, kernel, stride, padding, dilation);
    }

    /** {@link #maxPool2d(Tensor, int[], int[], int[], int[])} of square {@code k x k} windows with stride k: {@code maxPool2d(x, 2)} halves H and W. */
    public static Tensor maxPool2d(Tensor x, int k) {
        return maxPool2d(x, new int[] {k, k}, new int[] {k, k}, new int[] {0, 0}, new int[] {1, 1});
    }

    /**
     * The mean over each {@code kernel} window of {@code [N, C, H, W]}, zero padding included in the
     * count (PyTorch's default {@code count_include_pad=True}); derivative {@code g / (kh kw)} to each
     * element of the window.
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        return Convolution.avgPool2d(x, kernel, stride, padding);
    }

    /**
     * The mean over windows chosen to give an {@code outputSize} result, as PyTorch's
     * {@code adaptive_avg_pool2d}: output cell i of extent H averages rows
     * {@code floor(i H / oh)} to {@code ceil((i + 1) H / oh) - 1}. {@code adaptiveAvgPool2d(x, new int[] {1, 1})}
     * is the global average pool.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) {
        return Convolution.adaptiveAvgPool2d(x, outputSize);
    }

    // ---- normalization, embedding, attention ---------------------------------------------------

    /**
     * Batch normalization of {@code x} ({@code [N, C]} or {@code [N, C, ...]}) per channel (dimension 1):
     * {@code (x - mean) / sqrt(var + eps) * weight + bias}. In training, mean and (biased) variance are
     * the batch's over every dimension but 1, and gradients flow through them; otherwise they are
     * {@code runningMean} and {@code runningVar} ({@code [C]}), constants. {@code weight} and
     * {@code bias} ({@code [C]}) may be null.
     *
     * <p>NOTE: tensors are immutable, so unlike PyTorch this cannot update the running statistics in
     * place; {@link BatchNorm2d} keeps them as buffers and updates them with {@link #batchStatistics}.
     *
     * @throws IllegalArgumentException if not training and the running statistics are missing
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double eps) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm needs an input [N, C, ...], got shape " + x.shape());
        }
        int[] shape = channelShape(x);
        Tensor mean;
        Tensor var;
        if (training) {
            int[] axes = batchAxes(x);
            mean = x.mean(axes, true);
            var = x.sub(mean).square().mean(axes, true);
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("batchNorm in evaluation needs the running mean and variance");
            }
            mean = runningMean.reshape(shape);
            var = runningVar.reshape(shape);
        }
        Tensor out = x.sub(mean).div(var.add(eps).sqrt());
        if (weight != null) {
            out = out.mul(weight.reshape(shape));
        }
        return bias == null ? out : out.add(bias.reshape(shape));
    }

    /**
     * The per-channel mean and unbiased variance of a batch ({@code [C]} each, detached), as PyTorch
     * blends into its running statistics: {@code running = (1 - momentum) running + momentum stat}.
     *
     * @return {@code {mean, var}}
     */
    public static Tensor[] batchStatistics(Tensor x) {
        Tensor d = x.detach();
        int[] axes = batchAxes(d);
        int c = d.shape().dim(1);
        return new Tensor[] {d.mean(axes, false).reshape(c), d.var(axes, false, 1).reshape(c)};
    }

    private static int[] batchAxes(Tensor x) {
        int[] axes = new int[x.rank() - 1];
        for (int i = 0, a = 0; i < x.rank(); i++) {
            if (i != 1) {
                axes[a++] = i;
            }
        }
        return axes;
    }

    private static int[] channelShape(Tensor x) {
        int[] shape = new int[x.rank()];
        Arrays.fill(shape, 1);
        shape[1] = x.shape().dim(1);
        return shape;
    }

    /**
     * The rows of {@code weight} ({@code [numEmbeddings, dim]}) named by {@code indices} (whole numbers,
     * any shape): output {@code indices.shape + [dim]}. Derivative for weight: g's rows added back
     * at their indices (repeats accumulate); indices get none.
     *
     * <pre>{@code F.embedding(Tensor.vector(2, 0), table);   // rows 2 and 0 of the table}</pre>
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, numEmbeddings)}
     */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("embedding needs a weight [numEmbeddings, dim], got " + weight.shape());
        }
        int[] dims = Arrays.copyOf(indices.shape().toArray(), indices.rank() + 1);
        dims[indices.rank()] = weight.shape().dim(1);
        return weight.indexSelect(0, indices.reshape(-1)).reshape(dims);
    }

    /**
     * Attention {@code softmax(q k^T / sqrt(d) where mask) v} over the last two dimensions:
     * {@code q} {@code [..., Lq, d]}, {@code k} {@code [..., Lk, d]}, {@code v} {@code [..., Lk, dv]}
     * (leading dimensions broadcast), {@code mask} broadcastable to {@code [..., Lq, Lk]} with non-zero
     * where a query may attend a key (PyTorch's boolean {@code attn_mask}), or null. Composed of
     * matmul, where and softmax, so every derivative is theirs; masked keys get an exact zero gradient.
     * NOTE: a query whose keys are all masked gets NaN, as PyTorch.
     *
     * <pre>{@code F.scaledDotProductAttention(q, k, v, F.causalMask(n));}</pre>
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask) {
        if (q.rank() < 2 || k.rank() < 2 || v.rank() < 2 || q.shape().dim(-1) != k.shape().dim(-1)
                || k.shape().dim(-2) != v.shape().dim(-2)) {
            throw new IllegalArgumentException("scaledDotProductAttention needs q [..., Lq, d], k [..., Lk, d] and"
                    + " v [..., Lk, dv], got " + q.shape() + ", " + k.shape() + " and " + v.shape());
        }
        Tensor scores = q.matmul(k.mT()).mul(1 / Math.sqrt(q.shape().dim(-1)));
        if (mask != null) {
            scores = Tensor.where(mask, scores, Tensor.scalar(scores.dtype(), Double.NEGATIVE_INFINITY));
        }
        return scores.softmax(-1).matmul(v);
    }

    /** The causal mask {@code [n, n]}: 1 where key j &lt;= query i, so position i attends only to the past. */
    public static Tensor causalMask(int n) {
        return Tensor.ones(n, n).tril(0);
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

    /** {@code x[i, target[i]]} for each row i: a gather, whose gradient scatters g back to the picked classes. */
    private static Tensor picked(Tensor x, Tensor target) {
        int n = x.shape().dim(0);
        int classes = x.shape().dim(1);
        double[] idx = target.toDoubleArray();
        for (int i = 0; i < idx.length; i++) {
            double c = idx[i];
            if (c != Math.rint(c) || c < 0 || c >= classes) {
                throw new IllegalArgumentException("class index " + c + " at position " + i
                        + " is not a whole number in [0, " + classes + ")");
            }
        }
        return x.gather(1, target.reshape(n, 1)).reshape(n);
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
