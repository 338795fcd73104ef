package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.junit.jupiter.api.Test;

class DistributionTest {

    /** Composite Simpson with 20,000 panels on smooth integrands: error far below this. */
    private static final double QUADRATURE = 1e-9;
    private static final int N = 100_000;

    @Test
    void continuousDensitiesIntegrateToOneAndMatchTheirEntropy() {
        checkDensity(new Normal(0.3, 1.7), 0.3 - 15 * 1.7, 0.3 + 15 * 1.7, false);
        checkDensity(new Exponential(1.7), 0, 40 / 1.7, false);
        checkDensity(new Uniform(-0.5, 2.5), -0.5, 2.5 - 1e-12, false);
        // log-normal: integrate over u = log x, where the integrand is smooth
        checkDensity(new LogNormal(0.2, 0.5), 0.2 - 15 * 0.5, 0.2 + 15 * 0.5, true);
    }

    private static void checkDensity(Distribution d, double a, double b, boolean logScale) {
        DoubleUnaryOperator p = u -> {
            double x = logScale ? Math.exp(u) : u;
            double lp = d.logProb(x).value();
            return Math.exp(lp) * (logScale ? x : 1);
        };
        DoubleUnaryOperator plogp = u -> {
            double x = logScale ? Math.exp(u) : u;
            double lp = d.logProb(x).value();
            return lp == Double.NEGATIVE_INFINITY ? 0 : -Math.exp(lp) * lp * (logScale ? x : 1);
        };
        assertThat(simpson(p, a, b)).as("%s integrates to 1", d).isCloseTo(1, within(QUADRATURE));
        assertThat(simpson(plogp, a, b)).as("%s entropy", d).isCloseTo(d.entropy().value(), within(QUADRATURE));
    }

    @Test
    void sampleMeansAreWithinFiveStandardErrors() {
        checkMean(new Normal(0.3, 1.7), 0.3, 1.7 * 1.7);
        double m = Math.exp(0.2 + 0.125), v = (Math.exp(0.25) - 1) * Math.exp(0.4 + 0.25);
        checkMean(new LogNormal(0.2, 0.5), m, v);
        checkMean(new Uniform(-0.5, 2.5), 1, 9.0 / 12);
        checkMean(new Exponential(1.7), 1 / 1.7, 1 / (1.7 * 1.7));
        checkMean(new Bernoulli(0.3), 0.3, 0.21);
        Categorical c = new Categorical(new Real[] {Real.of(1), Real.of(2), Real.of(7)});
        double mean = 0.2 + 2 * 0.7;
        checkMean(c, mean, 0.2 + 4 * 0.7 - mean * mean);
    }

    private static void checkMean(Distribution d, double mean, double variance) {
        SplittableRandom rnd = new SplittableRandom(7);
        double sum = 0;
        double rsum = 0;
        for (int i = 0; i < N; i++) {
            sum += d.sample(rnd);
            if (d.hasRsample()) {
                rsum += d.rsample(rnd).value();
            }
        }
        double se = Math.sqrt(variance / N);
        assertThat(sum / N).as("%s sample mean", d).isCloseTo(mean, within(5 * se));
        if (d.hasRsample()) {
            assertThat(rsum / N).as("%s rsample mean", d).isCloseTo(mean, within(5 * se));
        }
    }

    @Test
    void reparameterizedSamplesHaveThePathwiseDerivatives() {
        double mu = 0.3, sigma = 1.7, rate = 1.7;
        for (long seed = 0; seed < 20; seed++) {
            double z = new Normal(mu, sigma).rsample(new SplittableRandom(seed)).value();
            long s = seed;
            double[] g = AD.grad(th -> new Normal(th[0], th[1]).rsample(new SplittableRandom(s)), mu, sigma);
            assertThat(g[0]).isEqualTo(1);
            assertThat(g[1]).isCloseTo((z - mu) / sigma, within(1e-15));
            double e = new Exponential(rate).rsample(new SplittableRandom(seed)).value();
            assertThat(AD.derivative(r -> new Exponential(r).rsample(new SplittableRandom(s)), rate))
                    .isCloseTo(-e / rate, within(1e-14));
            double ln = new LogNormal(mu, sigma).rsample(new SplittableRandom(seed)).value();
            assertThat(AD.grad(th -> new LogNormal(th[0], th[1]).rsample(new SplittableRandom(s)), mu, sigma)[0])
                    .isCloseTo(ln, within(1e-14 * ln));
        }
    }

    @Test
    void logProbGradientsMatchTheClosedForms() {
        double mu = 0.3, sigma = 1.7, x = -0.4;
        double[] g = AD.grad(th -> new Normal(th[0], th[1]).logProb(th[2]), mu, sigma, x);
        double u = (x - mu) / sigma;
        assertThat(g[0]).isCloseTo(u / sigma, within(1e-15));
        assertThat(g[1]).isCloseTo((u * u - 1) / sigma, within(1e-15));
        assertThat(g[2]).isCloseTo(-u / sigma, within(1e-15));

        // d log softmax_k / d logits = e_k - softmax
        double[] logits = {0.5, -1, 2};
        double z = Math.exp(0.5) + Math.exp(-1) + Math.exp(2);
        double[] gc = AD.grad(l -> Categorical.ofLogits(l).logProb(2), logits);
        for (int i = 0; i < 3; i++) {
            assertThat(gc[i]).isCloseTo((i == 2 ? 1 : 0) - Math.exp(logits[i]) / z, within(1e-15));
        }
        assertThat(Categorical.ofLogits(Real.of(0.5), Real.of(-1), Real.of(2)).logProb(2).value())
                .isCloseTo(2 - Math.log(z), within(1e-15));

        double p = 0.3;
        assertThat(AD.derivative(q -> new Bernoulli(q).logProb(0), p)).isCloseTo(-1 / (1 - p), within(1e-15));
        assertThat(AD.derivative(q -> new Bernoulli(q).entropy(), p)).isCloseTo(Math.log((1 - p) / p), within(1e-15));
        assertThat(new Bernoulli(0).entropy().value()).isZero();
        assertThat(new Bernoulli(0.5).logProb(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void discreteDistributionsRefuseRsample() {
        assertThatThrownBy(() -> new Bernoulli(0.5).rsample(new SplittableRandom(1)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("score-function");
        assertThatThrownBy(() -> new Normal(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double simpson(DoubleUnaryOperator f, double a, double b) {
        int n = 20_000;
        double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return s * h / 3;
    }
}
