package org.autodiff4j.sci;

import java.util.random.RandomGenerator;
import org.autodiff4j.Real;

/**
 * A probability distribution whose parameters are {@link Real}s, so that log-densities, entropies and
 * reparameterized samples can be differentiated with respect to them, as PyTorch's
 * {@code torch.distributions}.
 *
 * <pre>{@code
 * AD.grad(th -> new Normal(th[0], th[1]).rsample(rnd).pow(2), 1, 2);    // one reparameterized sample of d E[z^2]
 * AD.grad(th -> new Normal(th[0], th[1]).logProb(Real.of(0.3)), 1, 2); // the score at z = 0.3
 * }</pre>
 *
 * <p>{@link #sample} draws a plain number (no derivatives); {@link #rsample} draws
 * {@code z = g(theta, eps)} with parameter-free noise {@code eps}, so that {@code dz/dtheta} exists
 * (the reparameterization trick, Kingma and Welling 2014). Discrete distributions have no
 * reparameterization: their {@link #rsample} throws, and the score-function estimator
 * ({@link StochasticGradient#scoreFunction}) is the way to their gradients.
 */
public sealed interface Distribution permits Normal, LogNormal, Uniform, Exponential, Bernoulli, Categorical {

    /** A sample, as a plain double; discrete distributions return the outcome's index (0, 1, ...). */
    double sample(RandomGenerator rnd);

    /**
     * A reparameterized sample, differentiable in the parameters.
     *
     * @throws UnsupportedOperationException if the distribution is discrete ({@link #hasRsample()} is false)
     */
    Real rsample(RandomGenerator rnd);

    /** Whether {@link #rsample} is available. */
    boolean hasRsample();

    /**
     * The log-density (or log-mass) at {@code x}, differentiable in the parameters and in x;
     * {@code -infinity} (a constant) outside the support.
     */
    Real logProb(Real x);

    /** {@link #logProb(Real)} at a plain number. */
    default Real logProb(double x) {
        return logProb(Real.of(x));
    }

    /** The (differential) entropy {@code -E[log p(z)]}, in nats. */
    Real entropy();

    /** {@code log(2 pi) / 2}, shared by the Gaussian families. */
    double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
}
