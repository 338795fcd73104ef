package org.autodiff4j.optim;

/**
 * Anneals the learning rate from its base value to {@code etaMin} along half a cosine over
 * {@code tMax} epochs: {@code lr = etaMin + (base - etaMin)(1 + cos(pi epoch / tMax)) / 2}
 * (Loshchilov and Hutter, SGDR, without restarts), as PyTorch's {@code CosineAnnealingLR}.
 *
 * <pre>{@code new CosineAnnealingLR(opt, 100, 0);   // base at epoch 0, base/2 at 50, 0 at 100}</pre>
 *
 * <p>NOTE: the closed form; PyTorch updates recursively, which gives the same values up to rounding
 * when only this scheduler changes the learning rate. Past tMax the cosine continues (rising again), as
 * PyTorch's closed form does.
 */
public final class CosineAnnealingLR extends LRScheduler {

    private final int tMax;
    private final double etaMin;

    /**
     * The schedule for {@code optimizer}.
     *
     * @throws IllegalArgumentException if tMax &lt; 1 or etaMin is negative
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        Optimizer.require(tMax >= 1, "CosineAnnealingLR: tMax must be >= 1", tMax);
        Optimizer.require(etaMin >= 0, "CosineAnnealingLR: etaMin must be >= 0", etaMin);
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    public double lrAt(int epoch) {
        return etaMin + (baseLr() - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
