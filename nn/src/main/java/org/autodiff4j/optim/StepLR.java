package org.autodiff4j.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs:
 * {@code lr = base gamma^floor(epoch / stepSize)}, as PyTorch's {@code StepLR}.
 *
 * <pre>{@code new StepLR(opt, 30, 0.1);   // 0.1 for epochs 0-29, 0.01 for 30-59, ...}</pre>
 */
public final class StepLR extends LRScheduler {

    private final int stepSize;
    private final double gamma;

    /**
     * The schedule for {@code optimizer}.
     *
     * @throws IllegalArgumentException if stepSize &lt; 1 or gamma is negative
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        Optimizer.require(stepSize >= 1, "StepLR: stepSize must be >= 1", stepSize);
        Optimizer.require(gamma >= 0 && gamma < Double.POSITIVE_INFINITY, "StepLR: gamma must be finite and >= 0", gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double lrAt(int epoch) {
        return baseLr() * Math.pow(gamma, epoch / stepSize);
    }
}
