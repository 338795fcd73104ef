package org.autodiff4j;

import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Where an op is smooth and finite, for the tests that sweep the registry: a box of arguments and
 * the points near a kink (where finite differences straddle a non-differentiable point) to avoid.
 *
 * <pre>{@code
 * Domain d = Domain.of(-3, 3).avoiding(p -> Math.abs(p[0]) < 0.05);   // abs, away from 0
 * double[] point = d.sample(rng);
 * }</pre>
 *
 * @param lo lower bound of each argument
 * @param hi upper bound of each argument
 * @param nearKink true for points too close to a kink for finite differences to be meaningful
 */
public record Domain(double[] lo, double[] hi, Predicate<double[]> nearKink) {

    /** The box {@code [lo, hi]} for a unary op. */
    public static Domain of(double lo, double hi) {
        return new Domain(new double[] {lo}, new double[] {hi}, p -> false);
    }

    /** The box {@code [lo, hi] x [lo2, hi2]} for a binary op. */
    public static Domain of(double lo, double hi, double lo2, double hi2) {
        return new Domain(new double[] {lo, lo2}, new double[] {hi, hi2}, p -> false);
    }

    /** This box without the points for which {@code nearKink} is true. */
    public Domain avoiding(Predicate<double[]> nearKink) {
        return new Domain(lo, hi, nearKink);
    }

    /** A uniformly random point of the box that is not near a kink. */
    public double[] sample(RandomGenerator rng) {
        while (true) {
            double[] p = new double[lo.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = lo[i] + (hi[i] - lo[i]) * rng.nextDouble();
            }
            if (!nearKink.test(p)) {
                return p;
            }
        }
    }

    /** True if {@code x} is within {@code margin} of a multiple of {@code step} shifted by {@code offset}. */
    static boolean nearGrid(double x, double step, double offset, double margin) {
        double r = Math.IEEEremainder(x - offset, step);
        return Math.abs(r) < margin;
    }
}
