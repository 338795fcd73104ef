/**
 * autodiff4j sci: where AD meets physics, finance and probabilistic programming. Implicit
 * differentiation of roots and fixed points ({@code Implicit}), ODE solvers with gradients by
 * backpropagation through the steps or by the adjoint method ({@code Odeint}), and probability
 * distributions with reparameterized samples for stochastic gradients. All in
 * {@code org.autodiff4j.sci}, written against {@link org.autodiff4j.Real} so that every AD mode runs them.
 */
module org.autodiff4j.sci {
    requires transitive org.autodiff4j.nn;
    exports org.autodiff4j.sci;
}
