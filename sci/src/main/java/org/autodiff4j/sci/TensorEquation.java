package org.autodiff4j.sci;

import org.autodiff4j.tensor.Tensor;

/**
 * An equation {@code F(x, theta)} on tensors: {@code x} of any shape, {@code F} of the same shape (one
 * equation per element of x), parameters {@code theta}. Used by
 * {@link Implicit#root(TensorEquation, Tensor, Tensor...)}:
 * {@code TensorEquation sqrt = (x, th) -> x.square().sub(th[0]);}.
 */
@FunctionalInterface
public interface TensorEquation {
    /** The residual at {@code (x, theta)}, shaped as x; it must not return null. */
    Tensor apply(Tensor x, Tensor[] theta);
}
