package org.autodiff4j.bench;

import java.util.Random;
import org.autodiff4j.Real;

/**
 * The functions the benchmarks differentiate, each written twice with the same operations in the
 * same order: once on {@code double}s (the baseline) and once on {@link Real}s (any AD mode).
 */
final class Objectives {

    private Objectives() {
    }

    /** {@code n} numbers uniform in [-1, 1] from a fixed seed: the same inputs in every fork. */
    static double[] uniform(long seed, int n) {
        Random rng = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = 2 * rng.nextDouble() - 1;
        }
        return out;
    }

    /** {@code d} rounded to float, element by element. */
    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** {@code sum_i log(1 + exp(a_i x_i)) + x_i^2}. */
    static double softplusSquares(double[] a, double[] x) {
        double s = Math.log(1 + Math.exp(a[0] * x[0])) + x[0] * x[0];
        for (int i = 1; i < x.length; i++) {
            s += Math.log(1 + Math.exp(a[i] * x[i])) + x[i] * x[i];
        }
        return s;
    }

    /** {@link #softplusSquares(double[], double[])} on Reals: 7 ops per input (6 for the first). */
    static Real softplusSquares(double[] a, Real[] x) {
        Real s = x[0].mul(a[0]).exp().add(1).log().add(x[0].mul(x[0]));
        for (int i = 1; i < x.length; i++) {
            s = s.add(x[i].mul(a[i]).exp().add(1).log().add(x[i].mul(x[i])));
        }
        return s;
    }

    /**
     * Rosenbrock {@code sum_{i<n-1} 100 (x_{i+1} - x_i^2)^2 + (x_i - 1)^2}; {@code (x_i - 1)^2} is
     * bit for bit {@code (1 - x_i)^2}.
     */
    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double t = x[i + 1] - x[i] * x[i];
            double u = x[i] - 1;
            s += 100 * (t * t) + u * u;
        }
        return s;
    }

    /** {@link #rosenbrock(double[])} on Reals: 8 ops per term (7 for the first). */
    static Real rosenbrock(Real[] x) {
        Real s = null;
        for (int i = 0; i < x.length - 1; i++) {
            Real t = x[i + 1].sub(x[i].mul(x[i]));
            Real u = x[i].sub(1);
            Real term = t.mul(t).mul(100).add(u.mul(u));
            s = s == null ? term : s.add(term);
        }
        return s;
    }
}
