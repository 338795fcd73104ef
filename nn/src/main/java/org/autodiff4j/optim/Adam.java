package org.autodiff4j.optim;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;

/**
 * Adam (Kingma and Ba, 2015) with PyTorch's formulas: {@code g = grad + wd p};
 * {@code m = b1 m + (1 - b1) g}; {@code v = b2 v + (1 - b2) g^2};
 * {@code p = p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)} at step t = 1, 2, ...
 * Defaults: betas 0.9, 0.999, eps 1e-8, no weight decay. {@link AdamW} decouples the weight decay.
 *
 * <pre>{@code Optimizer opt = new Adam(model.parameters(), 1e-3);}</pre>
 */
public class Adam extends Optimizer {

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    /** The weight decay: added to the gradient (Adam) or applied to the parameter (AdamW). */
    double weightDecay;
    private final Tensor[] m;
    private final Tensor[] v;

    /** Adam with learning rate {@code lr} and the default hyperparameters. */
    public Adam(List<Parameter> params, double lr) {
        super(params, lr);
        this.m = new Tensor[this.params.size()];
        this.v = new Tensor[this.params.size()];
    }

    /** Sets the moment decay rates (default 0.9, 0.999), each in [0, 1), and returns this optimizer. */
    public Adam betas(double beta1, double beta2) {
        require(beta1 >= 0 && beta1 < 1, "Adam: beta1 must be in [0, 1)", beta1);
        require(beta2 >= 0 && beta2 < 1, "Adam: beta2 must be in [0, 1)", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets eps (default 1e-8), added to the denominator, and returns this optimizer. */
    public Adam eps(double eps) {
        require(eps >= 0 && eps < Double.POSITIVE_INFINITY, "Adam: eps must be finite and >= 0", eps);
        this.eps = eps;
        return this;
    }

    /** Sets the weight decay (default 0 for Adam, 0.01 for AdamW) and returns this optimizer. */
    public Adam weightDecay(double wd) {
        require(wd >= 0 && wd < Double.POSITIVE_INFINITY, getClass().getSimpleName() + ": weight decay must be finite and >= 0", wd);
        this.weightDecay = wd;
        return this;
    }

    /** The parameter after decoupled weight decay: p itself for Adam, {@code p (1 - lr wd)} for AdamW. */
    Tensor decay(Tensor p) {
        return p;
    }

    /** The gradient the moments see: with the L2 term {@code wd p} for Adam, the plain gradient for AdamW. */
    Tensor effectiveGradient(Tensor p, Tensor g) {
        return weightDecay == 0 ? g : g.add(p.mul(weightDecay));
    }

    @Override
    protected final Tensor update(int i, Tensor p, Tensor g) {
        long t = steps() + 1;
        Tensor grad = effectiveGradient(p, g);
        m[i] = m[i] == null ? grad.mul(1 - beta1) : m[i].mul(beta1).add(grad, 1 - beta1);
        v[i] = v[i] == null ? grad.square().mul(1 - beta2) : v[i].mul(beta2).add(grad.square(), 1 - beta2);
        double bias1 = 1 - Math.pow(beta1, t);
        double bias2 = 1 - Math.pow(beta2, t);
        Tensor denom = v[i].sqrt().div(Math.sqrt(bias2)).add(eps);
        return decay(p).add(m[i].div(denom), -(lr() / bias1));
    }
}
