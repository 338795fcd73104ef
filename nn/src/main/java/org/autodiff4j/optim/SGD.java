package org.autodiff4j.optim;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay, with
 * PyTorch's formulas: {@code g = grad + wd p}; with momentum {@code b = g} on the first step, then
 * {@code b = mu b + (1 - dampening) g}; the direction is {@code g + mu b} (Nesterov) or {@code b};
 * {@code p = p - lr direction}.
 *
 * <pre>{@code Optimizer opt = new SGD(model.parameters(), 0.1).momentum(0.9).nesterov(true).weightDecay(5e-4);}</pre>
 */
public final class SGD extends Optimizer {

    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;
    private final Tensor[] buffers;

    /** Plain gradient descent {@code p = p - lr grad}. */
    public SGD(List<Parameter> params, double lr) {
        super(params, lr);
        this.buffers = new Tensor[this.params.size()];
    }

    /** Sets the momentum factor mu (default 0) and returns this optimizer. */
    public SGD momentum(double mu) {
        require(mu >= 0 && mu < Double.POSITIVE_INFINITY, "SGD: momentum must be finite and >= 0", mu);
        this.momentum = mu;
        return this;
    }

    /** Sets the dampening of the momentum (default 0) and returns this optimizer. */
    public SGD dampening(double dampening) {
        require(dampening >= 0 && dampening <= 1, "SGD: dampening must be in [0, 1]", dampening);
        this.dampening = dampening;
        return this;
    }

    /** Turns Nesterov momentum on or off (default off; needs momentum &gt; 0 and no dampening) and returns this optimizer. */
    public SGD nesterov(boolean on) {
        this.nesterov = on;
        return this;
    }

    /** Sets the L2 weight decay wd (default 0), added to the gradient as {@code wd p}, and returns this optimizer. */
    public SGD weightDecay(double wd) {
        require(wd >= 0 && wd < Double.POSITIVE_INFINITY, "SGD: weight decay must be finite and >= 0", wd);
        this.weightDecay = wd;
        return this;
    }

    @Override
    protected Tensor update(int i, Tensor p, Tensor g) {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalStateException("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got "
                    + momentum + " and " + dampening);
        }
        Tensor d = weightDecay == 0 ? g : g.add(p.mul(weightDecay));
        if (momentum != 0) {
            buffers[i] = buffers[i] == null ? d : buffers[i].mul(momentum).add(d.mul(1 - dampening));
            d = nesterov ? d.add(buffers[i].mul(momentum)) : buffers[i];
        }
        return p.add(d, -lr());
    }
}
