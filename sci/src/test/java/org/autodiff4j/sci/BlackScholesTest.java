package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.junit.jupiter.api.Test;

/**
 * Black-Scholes Greeks of a European call by AD against the closed forms, and a Monte Carlo
 * pathwise (reparameterized) delta. The example of issue 8.
 */
class BlackScholesTest {

    private static final double K = 100;

    /** The call price at inputs {spot, volatility, maturity, rate}. */
    static Real call(Real[] in) {
        Real s = in[0], sigma = in[1], t = in[2], r = in[3];
        Real volRoot = sigma.mul(t.sqrt());
        Real d1 = s.div(K).log().add(r.add(sigma.mul(sigma).mul(0.5)).mul(t)).div(volRoot);
        Real d2 = d1.sub(volRoot);
        Real discount = r.mul(t).neg().exp();
        return s.mul(cdf(d1)).sub(discount.mul(K).mul(cdf(d2)));
    }

    /** The standard normal CDF, {@code (1 + erf(x / sqrt 2)) / 2}. */
    static Real cdf(Real x) {
        return x.div(Math.sqrt(2)).erf().add(1).mul(0.5);
    }

    static double cdf(double x) {
        return cdf(Real.of(x)).value();
    }

    static double pdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void greeksByAdMatchTheClosedForms() {
        SplittableRandom rnd = new SplittableRandom(2026);
        for (int trial = 0; trial < 50; trial++) {
            double s = 60 + 80 * rnd.nextDouble(), sigma = 0.05 + 0.6 * rnd.nextDouble();
            double t = 0.1 + 3 * rnd.nextDouble(), r = 0.1 * rnd.nextDouble();
            double root = Math.sqrt(t);
            double d1 = (Math.log(s / K) + (r + sigma * sigma / 2) * t) / (sigma * root);
            double d2 = d1 - sigma * root;
            double disc = Math.exp(-r * t);
            double delta = cdf(d1);
            double gamma = pdf(d1) / (s * sigma * root);
            double vega = s * pdf(d1) * root;
            double theta = -s * pdf(d1) * sigma / (2 * root) - r * K * disc * cdf(d2);
            double rho = K * t * disc * cdf(d2);

            double[] g = AD.grad(BlackScholesTest::call, s, sigma, t, r);
            double[][] h = AD.hessian(BlackScholesTest::call, s, sigma, t, r);
            // 1e-10 relative to each Greek's natural scale (the price scale K for vega, theta and rho):
            // the AD and closed-form expressions differ by rounding only, some 1e-14 of K.
            assertThat(g[0]).as("delta").isCloseTo(delta, within(1e-10));
            assertThat(h[0][0]).as("gamma").isCloseTo(gamma, within(1e-10));
            assertThat(g[1]).as("vega").isCloseTo(vega, within(1e-10 * K));
            // theta is minus the derivative in maturity (the option loses value as calendar time passes)
            assertThat(-g[2]).as("theta").isCloseTo(theta, within(1e-10 * K));
            assertThat(g[3]).as("rho").isCloseTo(rho, within(1e-10 * K));
        }
    }

    @Test
    void monteCarloPathwiseDeltaIsWithinFiveStandardErrors() {
        double s0 = 105, sigma = 0.25, t = 1.5, r = 0.03;
        double d1 = (Math.log(s0 / K) + (r + sigma * sigma / 2) * t) / (sigma * Math.sqrt(t));
        int n = 50_000;
        SplittableRandom rnd = new SplittableRandom(99);
        // S_T = S0 exp(X), X ~ N((r - sigma^2/2) t, sigma^2 t): reparameterized, so dS_T/dS0 = S_T / S0
        // and the pathwise delta is e^{-rt} 1[S_T > K] S_T / S0 per path.
        Normal logReturn = new Normal((r - sigma * sigma / 2) * t, sigma * Math.sqrt(t));
        var est = StochasticGradient.reparameterization(
                in -> new Normal(in[0].log().add(logReturn.mu()), logReturn.sigma()),
                logSpot -> logSpot.exp().sub(K).relu().mul(Math.exp(-r * t)),
                new double[] {s0}, n, rnd);
        assertThat(est.mean()[0]).isCloseTo(cdf(d1), within(5 * est.standardError()[0]));
        assertThat(est.standardError()[0]).isLessThan(0.01);
    }
}
