package org.autodiff4j.nn;

import org.autodiff4j.tensor.NoGrad;
import org.autodiff4j.tensor.Tensor;

/**
 * Batch normalization ({@link F#batchNorm}) of {@code [N, C, H, W]} images per channel, as PyTorch's
 * {@code nn.BatchNorm2d}: a learned scale {@code weight} (initially 1) and shift {@code bias}
 * (initially 0), and buffers {@code running_mean} (initially 0) and {@code running_var} (initially 1)
 * that each training step blends with the batch's mean and unbiased variance,
 * {@code running = (1 - momentum) running + momentum batch}; evaluation normalizes with them.
 * Buffer names are PyTorch's, so state dicts carry over.
 *
 * <pre>{@code new Sequential(new Conv2d(1, 16, 3, 1, 1, rng), new BatchNorm2d(16), new ReLU());}</pre>
 */
public final class BatchNorm2d extends Module {

    private final int channels;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter bias;

    /** Normalization of {@code channels} channels, eps 1e-5, momentum 0.1, with scale and shift. */
    public BatchNorm2d(int channels) {
        this(channels, 1e-5, 0.1);
    }

    /**
     * Normalization of {@code channels} channels with {@code eps} added to the variance and the
     * running statistics' {@code momentum} in [0, 1].
     */
    public BatchNorm2d(int channels, double eps, double momentum) {
        if (channels < 1 || !(eps >= 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm2d needs channels >= 1, eps >= 0 and momentum in [0, 1], got "
                    + channels + ", " + eps + ", " + momentum);
        }
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = registerParameter("weight", new Parameter(Tensor.ones(channels)));
        this.bias = registerParameter("bias", new Parameter(Tensor.zeros(channels)));
        registerBuffer("running_mean", Tensor.zeros(channels));
        registerBuffer("running_var", Tensor.ones(channels));
    }

    /**
     * {@code x} normalized per channel: in training with the batch's statistics (and the running
     * statistics updated), in evaluation with the running ones.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code [N, channels, H, W]}
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.shape().dim(1) != channels) {
            throw new IllegalArgumentException("BatchNorm2d(" + channels + ") needs an input [N, " + channels
                    + ", H, W], got " + x.shape());
        }
        if (isTraining()) {
            try (NoGrad _ = NoGrad.enter()) {
                Tensor[] stats = F.batchStatistics(x);
                setBuffer("running_mean", runningMean().mul(1 - momentum).add(stats[0].mul(momentum)));
                setBuffer("running_var", runningVar().mul(1 - momentum).add(stats[1].mul(momentum)));
            }
        }
        return F.batchNorm(x, runningMean(), runningVar(), weight.value(), bias.value(), isTraining(), eps);
    }

    /** The running mean, {@code [channels]}. */
    public Tensor runningMean() {
        return buffer("running_mean");
    }

    /** The running (unbiased) variance, {@code [channels]}. */
    public Tensor runningVar() {
        return buffer("running_var");
    }

    @Override
    protected String describe() {
        return "BatchNorm2d(" + channels + ")";
    }
}
