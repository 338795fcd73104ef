package org.autodiff4j;

/**
 * The Taylor recurrences behind {@link Jet}: each takes the coefficients {@code x[0..K]} of an
 * argument {@code x(t) = sum x_k t^k} and returns those of {@code f(x(t))}, in O(K^2) operations
 * and without recursion (Griewank and Walther, "Evaluating Derivatives", 2nd ed., ch. 13).
 *
 * <p>Most recurrences come from an ordinary differential equation the result satisfies, such as
 * {@code y' = y x'} for {@code y = e^x}: matching the coefficients of {@code t^(k-1)} on both sides
 * gives {@code y_k} from {@code y_0 .. y_(k-1)}. The first coefficient {@code y_0} is passed in by
 * the caller (it is the registry's value, {@link Op#value}); arrays are not modified.
 */
final class Taylor {

    private Taylor() {
    }

    /** {@code x * y}: the Cauchy product {@code z_k = sum_j x_j y_(k-j)}. */
    static double[] mul(double[] x, double[] y) {
        double[] z = new double[x.length];
        for (int k = 0; k < z.length; k++) {
            double s = 0;
            for (int j = 0; j <= k; j++) {
                s += x[j] * y[k - j];
            }
            z[k] = s;
        }
        return z;
    }

    /** {@code x / y} with value z0: {@code z y = x} gives {@code z_k = (x_k - sum_(j<k) z_j y_(k-j)) / y_0}. */
    static double[] div(double[] x, double[] y, double z0) {
        double[] z = new double[x.length];
        z[0] = z0;
        for (int k = 1; k < z.length; k++) {
            double s = x[k];
            for (int j = 0; j < k; j++) {
                s -= z[j] * y[k - j];
            }
            z[k] = s / y[0];
        }
        return z;
    }

    /** {@code y = e^u} with value y0: {@code y' = y u'}, so {@code y_k = (1/k) sum_(j=1..k) j u_j y_(k-j)}. */
    static double[] exp(double[] u, double y0) {
        double[] y = new double[u.length];
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += j * u[j] * y[k - j];
            }
            y[k] = s / k;
        }
        return y;
    }

    /**
     * {@code y = ln x} with value y0, where {@code x0} is the argument's value as the caller wants it
     * divided by ({@code 1 + x_0} for log1p): {@code x y' = x'}, so
     * {@code y_k = (x_k - (1/k) sum_(j=1..k-1) j y_j x_(k-j)) / x0}.
     */
    static double[] log(double[] x, double x0, double y0) {
        double[] y = new double[x.length];
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            double s = 0;
            for (int j = 1; j < k; j++) {
                s += j * y[j] * x[k - j];
            }
            y[k] = (x[k] - s / k) / x0;
        }
        return y;
    }

    /** {@code y = sqrt x} with value y0 != 0: {@code y y = x}, so {@code y_k = (x_k - sum_(j=1..k-1) y_j y_(k-j)) / (2 y_0)}. */
    static double[] sqrt(double[] x, double y0) {
        double[] y = new double[x.length];
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            double s = x[k];
            for (int j = 1; j < k; j++) {
                s -= y[j] * y[k - j];
            }
            y[k] = s / (2 * y0);
        }
        return y;
    }

    /**
     * {@code y = x^c} for a constant c, with value y0 and {@code x_0 != 0}: {@code x y' = c x' y}, so
     * {@code y_k = 1/(k x_0) sum_(j=0..k-1) (c (k-j) - j) x_(k-j) y_j}. Valid for {@code x_0 < 0}
     * wherever {@code y0} is (integer c, or c = 1/3 with the real cube root).
     */
    static double[] pow(double[] x, double c, double y0) {
        double[] y = new double[x.length];
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += (c * (k - j) - j) * x[k - j] * y[j];
            }
            y[k] = s / (k * x[0]);
        }
        return y;
    }

    /**
     * The coupled pair {@code s = sin x, c = cos x} (sign -1) or {@code s = sinh x, c = cosh x}
     * (sign +1), from {@code s' = c x'} and {@code c' = sign s x'}; returns {@code {s, c}}.
     */
    static double[][] sinCos(double[] x, double s0, double c0, double sign) {
        int n = x.length;
        double[] s = new double[n];
        double[] c = new double[n];
        s[0] = s0;
        c[0] = c0;
        for (int k = 1; k < n; k++) {
            double ss = 0;
            double cs = 0;
            for (int j = 1; j <= k; j++) {
                ss += j * x[j] * c[k - j];
                cs += j * x[j] * s[k - j];
            }
            s[k] = ss / k;
            c[k] = sign * cs / k;
        }
        return new double[][] {s, c};
    }

    /**
     * {@code y} with value y0 and {@code y' = p x'}, where p is a quadratic in y whose coefficients
     * after the first are {@code p_k = b1 y_k + gamma sum_(i=1..k-1) y_i y_(k-i)} and whose first is
     * p0 (the registry's derivative): tan ({@code p = 1 + y^2}), tanh ({@code 1 - y^2}) and sigmoid
     * ({@code y - y^2}). The caller passes {@code b1} so that it can be computed without cancellation.
     */
    static double[] riccati(double[] x, double y0, double p0, double b1, double gamma) {
        int n = x.length;
        double[] y = new double[n];
        double[] p = new double[n];
        y[0] = y0;
        p[0] = p0;
        for (int k = 1; k < n; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += j * x[j] * p[k - j];
            }
            y[k] = s / k;
            double q = 0;
            for (int i = 1; i < k; i++) {
                q += y[i] * y[k - i];
            }
            p[k] = b1 * y[k] + gamma * q;
        }
        return y;
    }

    /**
     * {@code y} with value y0 and {@code y' = g x'}, given the series g of the derivative
     * {@code f'(x(t))} to order K-1: {@code y_k = (1/k) sum_(j=1..k) j x_j g_(k-j)}.
     */
    static double[] integrate(double[] x, double[] g, double y0) {
        double[] y = new double[x.length];
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += j * x[j] * g[k - j];
            }
            y[k] = s / k;
        }
        return y;
    }

    /** The binary form of {@link #integrate}: {@code z' = gx x' + gy y'}. */
    static double[] integrate(double[] x, double[] gx, double[] y, double[] gy, double z0) {
        double[] z = new double[x.length];
        z[0] = z0;
        for (int k = 1; k < z.length; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += j * (x[j] * gx[k - j] + y[j] * gy[k - j]);
            }
            z[k] = s / k;
        }
        return z;
    }

    /**
     * {@code h = sqrt(x^2 + y^2)} with value h0 != 0: {@code h' = a x' + b y'} with the direction
     * cosines {@code a = x/h}, {@code b = y/h}, whose series come from {@code a h = x}, {@code b h = y}
     * alongside: {@code h_k = (1/k) sum_(j=1..k) j (x_j a_(k-j) + y_j b_(k-j))}, then
     * {@code a_k = (x_k - sum_(j<k) a_j h_(k-j)) / h_0}.
     *
     * <p>NOTE: no square of x or y is formed, so arguments beyond 1e154, whose squares overflow,
     * are fine, as in {@link Math#hypot} (the textbook recurrence from {@code h^2 = x^2 + y^2} is not).
     */
    static double[] hypot(double[] x, double[] y, double h0) {
        int n = x.length;
        double[] h = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        h[0] = h0;
        a[0] = x[0] / h0;
        b[0] = y[0] / h0;
        for (int k = 1; k < n; k++) {
            double s = 0;
            for (int j = 1; j <= k; j++) {
                s += j * (x[j] * a[k - j] + y[j] * b[k - j]);
            }
            h[k] = s / k;
            double sa = x[k];
            double sb = y[k];
            for (int j = 0; j < k; j++) {
                sa -= a[j] * h[k - j];
                sb -= b[j] * h[k - j];
            }
            a[k] = sa / h0;
            b[k] = sb / h0;
        }
        return h;
    }

    /** The first k at which x[k] is not 0 (NaN counts as not 0), or x.length if none. */
    static int firstNonZero(double[] x) {
        int m = 0;
        while (m < x.length && x[m] == 0) {
            m++;
        }
        return m;
    }
}
