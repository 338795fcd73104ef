package org.autodiff4j.optim;

import org.autodiff4j.tensor.Tensor;

/**
 * Computes the loss of the current parameters as a scalar tensor, recording the graph; for
 * optimizers that evaluate the loss several times per step ({@link LBFGS}, {@link Newton}).
 *
 * <pre>{@code
 * Closure closure = () -> F.mseLoss(model.forward(x), y);
 * lbfgs.step(closure);
 * }</pre>
 *
 * <p>NOTE: unlike PyTorch's closures, this one does not call {@code zeroGrad()} or
 * {@code backward()}: the optimizer differentiates the loss itself (with {@code Autograd.grad}), so
 * forgetting to clear gradients cannot corrupt a step, and {@link Newton} can keep the graph for
 * Hessian-vector products.
 */
@FunctionalInterface
public interface Closure {

    /** The loss at the parameters' current values: a one-element tensor, recorded for autograd. */
    Tensor loss();
}
