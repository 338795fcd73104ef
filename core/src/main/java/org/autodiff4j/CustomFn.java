package org.autodiff4j;

/**
 * A block whose value and vector-Jacobian product the user supplies, for {@link AD#customGradient}:
 * a call into an external solver, a hand-optimized kernel, a function AD should not look inside.
 *
 * <pre>{@code
 * CustomFn norm = new CustomFn() {
 *     public double[] value(double[] x) { return new double[] {Math.hypot(x[0], x[1])}; }
 *     public double[] vjp(double[] x, double[] y, double[] w) {
 *         return new double[] {w[0] * x[0] / y[0], w[0] * x[1] / y[0]};
 *     }
 * };
 * Real[] r = AD.customGradient(norm, a, b);
 * }</pre>
 *
 * Check a custom gradient with {@link org.autodiff4j.check.GradCheck}.
 */
public interface CustomFn {

    /** The outputs y at x. */
    double[] value(double[] x);

    /** The vector-Jacobian product {@code w^T J(x)}, given the outputs {@code y = value(x)}; length x.length. */
    double[] vjp(double[] x, double[] y, double[] w);
}
