package org.autodiff4j.sci;

import org.autodiff4j.Real;

/**
 * The right-hand side {@code dy/dt = f(t, y, p)} of an ODE with state {@code y} and parameters
 * {@code p}, written against {@link Real} so that the solvers of {@link Odeint} can run on any number
 * type. Exponential decay: {@code OdeFn decay = (t, y, p) -> new Real[] {p[0].neg().mul(y[0])};}.
 * It must return as many derivatives as there are states.
 */
@FunctionalInterface
public interface OdeFn {
    /** The derivatives {@code dy/dt} at time {@code t}; one per state, none null. */
    Real[] apply(Real t, Real[] y, Real[] p);
}
