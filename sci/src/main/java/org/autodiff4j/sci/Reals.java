package org.autodiff4j.sci;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff4j.Real;

/** Conversions between {@code double[]} and {@code Real[]} shared by the package. */
final class Reals {

    private Reals() {
    }

    /** The values as constants (derivative 0 in every mode). */
    static Real[] constants(double[] x) {
        Objects.requireNonNull(x, "array must not be null");
        Real[] c = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = Real.of(x[i]);
        }
        return c;
    }

    /** The values of the numbers, without derivatives. */
    static double[] values(Real[] y) {
        double[] v = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            v[i] = y[i].value();
        }
        return v;
    }

    /** {@code a} followed by {@code b}. */
    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
