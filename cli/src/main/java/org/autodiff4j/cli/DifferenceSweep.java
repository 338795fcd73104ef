package org.autodiff4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Finite differences against an exact (AD) gradient over a sweep of steps {@code h = 1e-1 ...
 * 1e-13}: for each step the largest error of the forward difference {@code (f(x + h e_i) - f(x)) / h}
 * and of the central difference {@code (f(x + h e_i) - f(x - h e_i)) / 2h} over the components.
 *
 * <p>The textbook picture: truncation error falls with h (as h for forward, h^2 for central) until
 * round-off, about eps |f| / h, takes over and the error rises again. The best step is near
 * sqrt(eps) = 1.5e-8 for forward and cbrt(eps) = 6e-6 for central differences (for f and its
 * derivatives of order one).
 *
 * <pre>{@code
 * var sweep = DifferenceSweep.of(x -> Math.sin(x[0]), new double[] {1}, new double[] {Math.cos(1)});
 * sweep.rows().get(7);     // h = 1e-8: forward error about 1e-8, central about 1e-8 (round-off)
 * }</pre>
 */
record DifferenceSweep(List<Row> rows) {

    /** The smallest and the largest exponent of the sweep: {@code h = 10^-1 ... 10^-13}. */
    static final int FIRST = 1;
    static final int LAST = 13;

    /** One step: {@code h}, and the largest absolute error of each difference quotient. */
    record Row(double h, double forwardError, double centralError) {
    }

    /** The sweep for {@code f} at {@code x}, whose exact gradient is {@code gradient}. */
    static DifferenceSweep of(ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
        double fx = f.applyAsDouble(x);
        List<Row> rows = new ArrayList<>();
        for (int k = FIRST; k <= LAST; k++) {
            double h = Math.pow(10, -k);
            double forward = 0;
            double central = 0;
            for (int i = 0; i < x.length; i++) {
                double up = f.applyAsDouble(shifted(x, i, h));
                double down = f.applyAsDouble(shifted(x, i, -h));
                forward = Math.max(forward, Math.abs((up - fx) / h - gradient[i]));
                central = Math.max(central, Math.abs((up - down) / (2 * h) - gradient[i]));
            }
            rows.add(new Row(h, forward, central));
        }
        return new DifferenceSweep(rows);
    }

    private static double[] shifted(double[] x, int i, double h) {
        double[] y = x.clone();
        y[i] += h;
        return y;
    }

    /** The row with the smallest forward-difference error. */
    Row bestForward() {
        return rows.stream().min((a, b) -> Double.compare(a.forwardError(), b.forwardError())).orElseThrow();
    }

    /** The row with the smallest central-difference error. */
    Row bestCentral() {
        return rows.stream().min((a, b) -> Double.compare(a.centralError(), b.centralError())).orElseThrow();
    }
}
