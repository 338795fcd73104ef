package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.autodiff4j.Real;
import org.junit.jupiter.api.Test;

/**
 * Both estimators of {@code d/dtheta E[f(z)]} against closed forms. Tolerance: 5 standard errors, the
 * standard error computed from the samples themselves (a false failure has probability about 6e-7
 * per component for a normal estimate); the seeds are fixed, so the tests are deterministic.
 */
class StochasticGradientTest {

    private static final Function<Real[], Distribution> GAUSSIAN = th -> new Normal(th[0], th[1]);
    private static final int SAMPLES = 20_000;

    @Test
    void squareOfAGaussian() {
        // E[z^2] = mu^2 + sigma^2: gradient (2 mu, 2 sigma)
        double mu = 0.7, sigma = 1.3;
        double[] exact = {2 * mu, 2 * sigma};
        var rep = StochasticGradient.reparameterization(GAUSSIAN, z -> z.mul(z), new double[] {mu, sigma}, SAMPLES,
                new SplittableRandom(11));
        var score = StochasticGradient.scoreFunction(GAUSSIAN, z -> z * z, new double[] {mu, sigma}, SAMPLES,
                new SplittableRandom(12));
        for (int i = 0; i < 2; i++) {
            assertThat(rep.mean()[i]).isCloseTo(exact[i], within(5 * rep.standardError()[i]));
            assertThat(score.mean()[i]).isCloseTo(exact[i], within(5 * score.standardError()[i]));
            // the reason to reparameterize: a smaller variance for the same samples
            assertThat(rep.standardError()[i]).isLessThan(score.standardError()[i]);
        }
    }

    @Test
    void sineOfAGaussian() {
        // E[sin z] = sin(mu) exp(-sigma^2 / 2)
        double mu = 0.4, sigma = 0.9;
        double damp = Math.exp(-sigma * sigma / 2);
        double[] exact = {Math.cos(mu) * damp, -sigma * Math.sin(mu) * damp};
        var rep = StochasticGradient.reparameterization(GAUSSIAN, Real::sin, new double[] {mu, sigma}, SAMPLES,
                new SplittableRandom(13));
        var score = StochasticGradient.scoreFunction(GAUSSIAN, Math::sin, new double[] {mu, sigma}, SAMPLES,
                new SplittableRandom(14));
        for (int i = 0; i < 2; i++) {
            assertThat(rep.mean()[i]).isCloseTo(exact[i], within(5 * rep.standardError()[i]));
            assertThat(score.mean()[i]).isCloseTo(exact[i], within(5 * score.standardError()[i]));
        }
    }

    @Test
    void scoreFunctionOnDiscreteDistributions() {
        // Bernoulli: E[f(z)] = p f(1) + (1 - p) f(0), derivative f(1) - f(0) = 3
        var b = StochasticGradient.scoreFunction(th -> new Bernoulli(th[0]), z -> 1 + 3 * z, new double[] {0.3},
                SAMPLES, new SplittableRandom(15));
        assertThat(b.mean()[0]).isCloseTo(3, within(5 * b.standardError()[0]));
        // Categorical of logits, f(k) = k^2: d E / d l_i = p_i (f(i) - E f)
        double[] logits = {0.2, -0.5, 1.0};
        double z = 0;
        for (double l : logits) {
            z += Math.exp(l);
        }
        double ef = 0;
        for (int k = 0; k < 3; k++) {
            ef += Math.exp(logits[k]) / z * k * k;
        }
        var c = StochasticGradient.scoreFunction(Categorical::ofLogits, k -> k * k, logits, SAMPLES, new SplittableRandom(16));
        for (int i = 0; i < 3; i++) {
            double exact = Math.exp(logits[i]) / z * (i * i - ef);
            assertThat(c.mean()[i]).isCloseTo(exact, within(5 * c.standardError()[i]));
        }
    }
}
