package org.autodiff4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** L-BFGS and Newton: first steps against the textbook formulas, and convergence on Rosenbrock. */
class SecondOrderOptimizersTest {

    private static final double[] START = {-1.2, 1};

    @Test
    void lbfgsFirstTwoStepsWithoutLineSearchAreGradientThenBfgsSteps() {
        for (Problems problem : Problems.values()) {
            Parameter p = new Parameter(Tensor.vector(START));
            LBFGS opt = new LBFGS(List.of(p), 0.5).maxIter(1).lineSearch(false);
            double[] x0 = START.clone();
            double[] g0 = problem.grad(x0);
            opt.step(problem.closure(p));
            // first step: steepest descent, scaled by min(1, 1/|g|_1) lr
            double t0 = Math.min(1, 1 / (Math.abs(g0[0]) + Math.abs(g0[1]))) * 0.5;
            double[] x1 = {x0[0] - t0 * g0[0], x0[1] - t0 * g0[1]};
            assertClose(p.value().toDoubleArray(), x1, problem + " step 1");
            // second step: -H g with H the BFGS update of H0 = (s.y / y.y) I by the pair (s, y)
            opt.step(problem.closure(p));
            double[] g1 = problem.grad(x1);
            double[] s = {x1[0] - x0[0], x1[1] - x0[1]};
            double[] y = {g1[0] - g0[0], g1[1] - g0[1]};
            double sy = s[0] * y[0] + s[1] * y[1];
            double gamma = sy / (y[0] * y[0] + y[1] * y[1]);
            double rho = 1 / sy;
            double[][] h = new double[2][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    // H = (I - rho s y^T) gamma I (I - rho y s^T) + rho s s^T
                    double sum = 0;
                    for (int k = 0; k < 2; k++) {
                        double left = (i == k ? 1 : 0) - rho * s[i] * y[k];
                        double right = (k == j ? 1 : 0) - rho * y[k] * s[j];
                        sum += left * gamma * right;
                    }
                    h[i][j] = sum + rho * s[i] * s[j];
                }
            }
            double[] x2 = {x1[0] - 0.5 * (h[0][0] * g1[0] + h[0][1] * g1[1]),
                    x1[1] - 0.5 * (h[1][0] * g1[0] + h[1][1] * g1[1])};
            assertClose(p.value().toDoubleArray(), x2, problem + " step 2");
        }
    }

    @Test
    void lbfgsReachesTheRosenbrockMinimum() {
        Parameter p = new Parameter(Tensor.vector(START));
        LBFGS opt = new LBFGS(List.of(p)).toleranceGrad(1e-14).toleranceChange(0);
        for (int i = 0; i < 10; i++) {
            opt.step(Problems.ROSENBROCK.closure(p));
        }
        assertClose(p.value().toDoubleArray(), new double[] {1, 1}, 1e-8, "LBFGS minimum");
        assertThat(opt.iterations()).isLessThanOrEqualTo(100);
        assertThat(opt.evaluations()).isLessThanOrEqualTo(200);
    }

    @Test
    void lbfgsSolvesTheQuadraticInAFewIterations() {
        Parameter p = new Parameter(Tensor.vector(START));
        LBFGS opt = new LBFGS(List.of(p)).toleranceGrad(1e-13).toleranceChange(0);
        opt.step(Problems.QUADRATIC.closure(p));
        double[] min = Problems.solve(Problems.QUADRATIC.hessian(null), new double[] {1, -2});
        // NOTE: 1e-8, not 1e-12: the minimum value is -2.8, so near it the line search's loss
        // comparisons are resolved only to about sqrt(machine epsilon) in x.
        assertClose(p.value().toDoubleArray(), min, 1e-8, "quadratic minimum");
        assertThat(opt.iterations()).isLessThanOrEqualTo(20);
    }

    @Test
    void newtonFirstStepIsTheDampedNewtonStep() {
        for (Problems problem : Problems.values()) {
            Parameter p = new Parameter(Tensor.vector(START));
            Newton opt = new Newton(List.of(p)).damping(0.25);
            opt.step(problem.closure(p));
            double[][] h = problem.hessian(START);
            h[0][0] += 0.25;
            h[1][1] += 0.25;
            double[] g = problem.grad(START);
            double[] d = Problems.solve(h, new double[] {-g[0], -g[1]});
            assertClose(p.value().toDoubleArray(), new double[] {START[0] + d[0], START[1] + d[1]}, problem + " Newton step");
        }
    }

    @Test
    void newtonWithoutDampingSolvesTheQuadraticInOneStep() {
        Parameter p = new Parameter(Tensor.vector(START));
        new Newton(List.of(p)).damping(0).step(Problems.QUADRATIC.closure(p));
        double[] min = Problems.solve(Problems.QUADRATIC.hessian(null), new double[] {1, -2});
        assertClose(p.value().toDoubleArray(), min, 1e-14, "quadratic minimum");
    }

    @Test
    void newtonReachesTheRosenbrockMinimum() {
        Parameter p = new Parameter(Tensor.vector(START));
        Newton opt = new Newton(List.of(p));
        int iterations = 0;
        while (iterations < 100 && distanceToOne(p) > 1e-10) {
            opt.step(Problems.ROSENBROCK.closure(p));
            iterations++;
        }
        assertClose(p.value().toDoubleArray(), new double[] {1, 1}, 1e-8, "Newton minimum");
        assertThat(iterations).isLessThanOrEqualTo(40);
    }

    @Test
    void newtonFindsItsWayOutOfNegativeCurvature() {
        // at (0, 1) Rosenbrock's Hessian has eigenvalues of both signs
        Parameter p = new Parameter(Tensor.vector(0, 1));
        Newton opt = new Newton(List.of(p)).damping(0);
        double before = Problems.ROSENBROCK.loss(p.value()).item();
        opt.step(Problems.ROSENBROCK.closure(p));
        assertThat(Problems.ROSENBROCK.loss(p.value()).item()).isLessThan(before);
        assertThat(opt.damping()).isPositive();
    }

    @Test
    void closureOptimizersRefuseAPlainStep() {
        List<Parameter> ps = List.of(new Parameter(Tensor.zeros(2)));
        assertThatThrownBy(() -> new LBFGS(ps).step()).hasMessageContaining("closure");
        assertThatThrownBy(() -> new Newton(ps).step()).hasMessageContaining("closure");
        assertThatThrownBy(() -> new LBFGS(ps).step(() -> ps.get(0).value())).hasMessageContaining("[2]");
    }

    private static double distanceToOne(Parameter p) {
        double[] v = p.value().toDoubleArray();
        return Math.max(Math.abs(v[0] - 1), Math.abs(v[1] - 1));
    }

    private static void assertClose(double[] got, double[] expected, String what) {
        assertClose(got, expected, 1e-12, what);
    }

    private static void assertClose(double[] got, double[] expected, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(got[i]).as("%s, component %d", what, i)
                    .isCloseTo(expected[i], within(tol * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
