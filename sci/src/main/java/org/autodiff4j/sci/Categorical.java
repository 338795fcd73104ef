package org.autodiff4j.sci;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.Real;

/**
 * The categorical distribution on {@code 0 .. k-1} with probabilities {@code probs} (normalized to sum 1).
 * Discrete: no reparameterized samples.
 *
 * <pre>{@code
 * Categorical c = Categorical.ofLogits(Real.of(0), Real.of(1), Real.of(2));   // softmax of the logits
 * c.logProb(2);                                                              // 2 - log(1 + e + e^2)
 * }</pre>
 *
 * @param probs the probabilities, normalized; differentiable in whatever produced them
 */
public record Categorical(Real[] probs) implements Distribution {

    /**
     * Normalizes {@code weights} (non-negative, not all 0) to probabilities.
     *
     * @throws IllegalArgumentException if a weight is negative or not finite, or all are 0
     */
    public Categorical {
        Objects.requireNonNull(probs, "Categorical: probs must not be null");
        if (probs.length == 0) {
            throw new IllegalArgumentException("Categorical: probs is empty");
        }
        Real sum = Real.of(0);
        for (int i = 0; i < probs.length; i++) {
            double v = Objects.requireNonNull(probs[i], "Categorical: probs[" + i + "] is null").value();
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Categorical: probs[" + i + "] is " + v + "; weights must be >= 0 and finite");
            }
            sum = sum.add(probs[i]);
        }
        if (!(sum.value() > 0)) {
            throw new IllegalArgumentException("Categorical: the weights sum to 0");
        }
        Real[] normalized = new Real[probs.length];
        for (int i = 0; i < probs.length; i++) {
            normalized[i] = probs[i].div(sum);
        }
        probs = normalized;
    }

    /** The categorical distribution with probabilities {@code softmax(logits)}. */
    public static Categorical ofLogits(Real... logits) {
        Objects.requireNonNull(logits, "Categorical: logits must not be null");
        double max = Double.NEGATIVE_INFINITY;
        for (Real l : logits) {
            max = Math.max(max, l.value());
        }
        Real[] w = new Real[logits.length];
        for (int i = 0; i < logits.length; i++) {
            // NOTE: shifted by the largest logit (a constant) so exp cannot overflow; softmax is shift-invariant.
            w[i] = logits[i].sub(max).exp();
        }
        return new Categorical(w);
    }

    /** The index k with probability {@code probs[k]}, by the inverse CDF. */
    @Override
    public double sample(RandomGenerator rnd) {
        double u = rnd.nextDouble();
        double c = 0;
        for (int k = 0; k < probs.length; k++) {
            c += probs[k].value();
            if (u < c) {
                return k;
            }
        }
        // rounding left the cumulative sum just under 1: the last outcome with positive probability
        for (int k = probs.length - 1; ; k--) {
            if (probs[k].value() > 0) {
                return k;
            }
        }
    }

    /** Unsupported: the outcome is not a differentiable function of the probabilities. */
    @Override
    public Real rsample(RandomGenerator rnd) {
        throw new UnsupportedOperationException("Categorical has no reparameterized sample; use sample and the"
                + " score-function estimator (StochasticGradient.scoreFunction)");
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    /** {@code log probs[x]} for x in {@code 0 .. k-1}, -infinity elsewhere. */
    @Override
    public Real logProb(Real x) {
        double v = x.value();
        if (v != Math.rint(v) || v < 0 || v >= probs.length) {
            return Real.of(Double.NEGATIVE_INFINITY);
        }
        return probs[(int) v].log();
    }

    /** {@code -sum p log p}, with {@code 0 log 0 = 0}. */
    @Override
    public Real entropy() {
        Real h = Real.of(0);
        for (Real p : probs) {
            if (p.value() > 0) {
                h = h.sub(p.mul(p.log()));
            }
        }
        return h;
    }

    /** The normalized probabilities (a copy). */
    @Override
    public Real[] probs() {
        return probs.clone();
    }

    /** The number of outcomes. */
    public int size() {
        return probs.length;
    }
}
