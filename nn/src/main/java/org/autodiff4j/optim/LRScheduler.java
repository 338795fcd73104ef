package org.autodiff4j.optim;

import java.util.Objects;

/**
 * Sets an optimizer's learning rate as a function of the epoch, as PyTorch's {@code LRScheduler}:
 * call {@link #step()} once per epoch, after the optimizer's steps.
 *
 * <pre>{@code
 * LRScheduler schedule = new CosineAnnealingLR(opt, epochs, 0);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     trainOneEpoch(opt);
 *     schedule.step();
 * }
 * }</pre>
 */
public abstract class LRScheduler {

    private final Optimizer optimizer;
    private final double baseLr;
    private int epoch;

    /** A schedule for {@code optimizer}, starting from its current learning rate. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer must not be null");
        this.baseLr = optimizer.lr();
    }

    /** Advances one epoch and sets the optimizer's learning rate to {@link #lrAt}(epoch). */
    public final void step() {
        epoch++;
        optimizer.setLr(lrAt(epoch));
    }

    /** The number of {@link #step()} calls so far. */
    public final int epoch() {
        return epoch;
    }

    /** The learning rate the optimizer had when the schedule was created. */
    public final double baseLr() {
        return baseLr;
    }

    /** The learning rate for {@code epoch} (0 is the start), in closed form. */
    public abstract double lrAt(int epoch);
}
