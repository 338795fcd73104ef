package org.autodiff4j.sci;

/**
 * A loss of an ODE's final state and its gradient, from {@link Odeint#adjoint} or {@link Odeint#backprop}.
 *
 * @param loss the loss {@code L(y(t1))}
 * @param finalState the state {@code y(t1)}
 * @param initialStateGradient {@code dL/dy(t0)}
 * @param parameterGradient {@code dL/dp}
 */
public record OdeGradient(double loss, double[] finalState, double[] initialStateGradient, double[] parameterGradient) {
}
