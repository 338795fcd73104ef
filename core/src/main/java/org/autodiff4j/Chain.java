package org.autodiff4j;

/**
 * The one product of the chain rule, {@code partial * tangent} (forward) or
 * {@code adjoint * partial} (reverse), shared by every number type so that all modes agree.
 */
final class Chain {

    private Chain() {
    }

    /**
     * {@code d * t}, except that a zero factor gives exactly 0 even when the other is infinite or
     * NaN.
     *
     * <p>NOTE: a zero partial or a zero tangent/adjoint means "no dependence", as JAX's symbolic
     * zeros. So {@code where(x > 0, sqrt(x), 0)} at x = 0 has gradient 0 (the unselected
     * {@code sqrt'(0) = inf} meets a zero adjoint), {@code 0 * sqrt(x)} has derivative 0 in every
     * mode, and pow's NaN partial in y for x &lt; 0 does not spoil a derivative in x alone. Forward
     * and reverse mode apply the same rule, so they agree at such points.
     */
    static double times(double d, double t) {
        double p = d * t;
        return p == p || (d != 0 && t != 0) ? p : 0;
    }

    /** {@code d * t} element-wise with the rule of {@link #times}, into a new array. */
    static double[] scale(double d, double[] t) {
        double[] out = new double[t.length];
        if (Double.isFinite(d) && d != 0) {
            // Fast path, which the JIT vectorizes: a finite non-zero d times a NaN t stays NaN, as in times().
            for (int j = 0; j < t.length; j++) {
                out[j] = d * t[j];
            }
        } else if (d != 0) {
            for (int j = 0; j < t.length; j++) {
                out[j] = times(d, t[j]);
            }
        }
        return out;
    }

    /** {@code dx * tx + dy * ty} element-wise with the rule of {@link #times}, into a new array. */
    static double[] combine(double dx, double[] tx, double dy, double[] ty) {
        double[] out = new double[tx.length];
        if (Double.isFinite(dx) && dx != 0 && Double.isFinite(dy) && dy != 0) {
            for (int j = 0; j < tx.length; j++) {
                out[j] = dx * tx[j] + dy * ty[j];
            }
        } else {
            for (int j = 0; j < tx.length; j++) {
                out[j] = times(dx, tx[j]) + times(dy, ty[j]);
            }
        }
        return out;
    }

    /** {@link #times(double, double)} on {@link Real}s, for {@link Nested}: same rule, and exact zeros stay constants. */
    static Real times(Real d, Real t) {
        if (isZero(d) || isZero(t)) {
            return Constant.ZERO;
        }
        Real p = d.mul(t);
        double v = p.value();
        return v == v || (d.value() != 0 && t.value() != 0) ? p : Constant.ZERO;
    }

    /** {@code a + b}, skipping an exact zero constant so nothing is recorded for it. */
    static Real plus(Real a, Real b) {
        return isZero(a) ? b : isZero(b) ? a : a.add(b);
    }

    /** True for a constant 0: a structural zero, with no derivative at any level. */
    static boolean isZero(Real r) {
        return r instanceof Constant(double c) && c == 0;
    }
}
