package org.autodiff4j.tensor;

import java.util.random.RandomGenerator;

/**
 * Where the registry tests sample an argument of a primitive: uniformly in {@code [lo, hi]}, or,
 * when {@code lattice} is a number, near the points {@code k/2 + lattice} (within 0.05) so that
 * finite differences never straddle a kink (relu and abs at 0, maximum and minimum at a tie).
 */
record Domain(double lo, double hi, double lattice) {

    static Domain of(double lo, double hi) {
        return new Domain(lo, hi, Double.NaN);
    }

    static Domain lattice(double lo, double hi, double lattice) {
        return new Domain(lo, hi, lattice);
    }

    double sample(RandomGenerator rng) {
        double u = lo + (hi - lo) * rng.nextDouble();
        if (Double.isNaN(lattice)) {
            return u;
        }
        return Math.round(2 * u) / 2.0 + lattice + 0.1 * (rng.nextDouble() - 0.5);
    }
}
