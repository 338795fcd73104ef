package org.autodiff4j.optim;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), as PyTorch's {@code AdamW}:
 * {@code p = p (1 - lr wd)}, then Adam's update from the plain gradient. Default weight decay 0.01.
 *
 * <pre>{@code Optimizer opt = new AdamW(model.parameters(), 1e-3).weightDecay(0.05);}</pre>
 */
public final class AdamW extends Adam {

    /** AdamW with learning rate {@code lr}, weight decay 0.01 and Adam's other defaults. */
    public AdamW(List<Parameter> params, double lr) {
        super(params, lr);
        this.weightDecay = 0.01;
    }

    @Override
    Tensor decay(Tensor p) {
        return weightDecay == 0 ? p : p.mul(1 - lr() * weightDecay);
    }

    @Override
    Tensor effectiveGradient(Tensor p, Tensor g) {
        return g;
    }
}
