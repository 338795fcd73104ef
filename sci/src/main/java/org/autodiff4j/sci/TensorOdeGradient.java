package org.autodiff4j.sci;

import java.util.List;
import org.autodiff4j.tensor.Tensor;

/**
 * A loss of a tensor ODE's final state and its gradient by the adjoint method, from
 * {@link Odeint#adjoint(TensorOdeFn, Tensor, Tensor[], double, double, java.util.function.Function, Solver)}.
 *
 * @param loss the loss {@code L(y(t1))}
 * @param finalState {@code y(t1)}, shaped as y0
 * @param initialStateGradient {@code dL/dy0}, shaped as y0
 * @param parameterGradients {@code dL/dp_k}, each shaped as {@code p_k}
 */
public record TensorOdeGradient(double loss, Tensor finalState, Tensor initialStateGradient,
        List<Tensor> parameterGradients) {
}
