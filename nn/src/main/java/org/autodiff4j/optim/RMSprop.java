package org.autodiff4j.optim;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;

/**
 * RMSprop (Hinton's lecture 6e) with PyTorch's formulas: {@code g = grad + wd p};
 * {@code v = alpha v + (1 - alpha) g^2}; centred: {@code a = alpha a + (1 - alpha) g} and the
 * denominator {@code sqrt(v - a^2) + eps}, else {@code sqrt(v) + eps}; with momentum
 * {@code b = mu b + g / denom}, {@code p = p - lr b}, else {@code p = p - lr g / denom}.
 * Defaults: alpha 0.99, eps 1e-8, no momentum, not centred.
 *
 * <pre>{@code Optimizer opt = new RMSprop(model.parameters(), 0.01).momentum(0.9);}</pre>
 */
public final class RMSprop extends Optimizer {

    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum;
    private double weightDecay;
    private boolean centered;
    private final Tensor[] square;
    private final Tensor[] average;
    private final Tensor[] buffers;

    /** RMSprop with learning rate {@code lr} and the default hyperparameters. */
    public RMSprop(List<Parameter> params, double lr) {
        super(params, lr);
        int n = this.params.size();
        this.square = new Tensor[n];
        this.average = new Tensor[n];
        this.buffers = new Tensor[n];
    }

    /** Sets the smoothing constant alpha in [0, 1) (default 0.99) and returns this optimizer. */
    public RMSprop alpha(double alpha) {
        require(alpha >= 0 && alpha < 1, "RMSprop: alpha must be in [0, 1)", alpha);
        this.alpha = alpha;
        return this;
    }

    /** Sets eps (default 1e-8) and returns this optimizer. */
    public RMSprop eps(double eps) {
        require(eps >= 0 && eps < Double.POSITIVE_INFINITY, "RMSprop: eps must be finite and >= 0", eps);
        this.eps = eps;
        return this;
    }

    /** Sets the momentum (default 0) and returns this optimizer. */
    public RMSprop momentum(double mu) {
        require(mu >= 0 && mu < Double.POSITIVE_INFINITY, "RMSprop: momentum must be finite and >= 0", mu);
        this.momentum = mu;
        return this;
    }

    /** Sets the L2 weight decay (default 0) and returns this optimizer. */
    public RMSprop weightDecay(double wd) {
        require(wd >= 0 && wd < Double.POSITIVE_INFINITY, "RMSprop: weight decay must be finite and >= 0", wd);
        this.weightDecay = wd;
        return this;
    }

    /** Normalizes by the estimated variance instead of the second moment when on, and returns this optimizer. */
    public RMSprop centered(boolean on) {
        this.centered = on;
        return this;
    }

    @Override
    protected Tensor update(int i, Tensor p, Tensor g) {
        Tensor grad = weightDecay == 0 ? g : g.add(p.mul(weightDecay));
        square[i] = (square[i] == null ? grad.square().mul(1 - alpha)
                : square[i].mul(alpha).add(grad.square().mul(1 - alpha)));
        Tensor variance = square[i];
        if (centered) {
            average[i] = average[i] == null ? grad.mul(1 - alpha) : average[i].mul(alpha).add(grad.mul(1 - alpha));
            variance = variance.sub(average[i].square());
        }
        Tensor step = grad.div(variance.sqrt().add(eps));
        if (momentum > 0) {
            buffers[i] = buffers[i] == null ? step : buffers[i].mul(momentum).add(step);
            step = buffers[i];
        }
        return p.add(step, -lr());
    }
}
