package org.autodiff4j.sci;

import org.autodiff4j.tensor.Tensor;

/**
 * The right-hand side {@code dy/dt = f(t, y, p)} of an ODE whose state is a tensor of any shape, with
 * tensor parameters: {@code TensorOdeFn decay = (t, y, p) -> y.mul(p[0]).neg();}. It must return a
 * tensor shaped as y. Used by {@link Odeint#solve(TensorOdeFn, Tensor, Tensor[], double, double, Solver)}
 * and {@link Odeint#adjoint(TensorOdeFn, Tensor, Tensor[], double, double, java.util.function.Function, Solver)}.
 */
@FunctionalInterface
public interface TensorOdeFn {
    /** {@code dy/dt} at time t, shaped as y. */
    Tensor apply(double t, Tensor y, Tensor[] p);
}
