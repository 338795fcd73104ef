package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.junit.jupiter.api.Test;

class ImplicitTest {

    /** Relative rounding of a converged double solve, times a small condition-number allowance. */
    private static final double EPS = 1e-13;

    @Test
    void squareRootByNewtonHasTheDerivativeOneOverTwoRoot() {
        ScalarEquation f = (x, th) -> x.mul(x).sub(th[0]);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int trial = 0; trial < 50; trial++) {
            double theta = 0.01 + 100 * rnd.nextDouble();
            assertThat(Implicit.root(f, 1.0, Real.of(theta)).value()).isCloseTo(Math.sqrt(theta), within(EPS * Math.sqrt(theta)));
            double forward = AD.derivative(t -> Implicit.root(f, 1.0, t), theta);
            double reverse = AD.grad(t -> Implicit.root(f, 1.0, t[0]), theta)[0];
            double exact = 1 / (2 * Math.sqrt(theta));
            assertThat(forward).isCloseTo(exact, within(EPS * exact));
            assertThat(reverse).isCloseTo(exact, within(EPS * exact));
        }
    }

    @Test
    void theValueIsTheSolversRootExactlyInEveryMode() {
        ScalarEquation f = (x, th) -> x.mul(x).sub(th[0]);
        double plain = Implicit.root(f, 1.0, Real.of(2)).value();
        double[] seen = new double[2];
        AD.grad(t -> {
            Real y = Implicit.root(f, 1.0, t[0]);
            seen[0] = y.value();
            return y;
        }, 2);
        AD.derivative(t -> {
            Real y = Implicit.root(f, 1.0, t);
            seen[1] = y.value();
            return y;
        }, 2.0);
        assertThat(seen).containsExactly(plain, plain);
    }

    @Test
    void linearSystemMatchesTheClosedForm() {
        // A(t) x = b(t) with A = [[2 + t0, 1, 0], [1, 3, t1], [0, t1, 4]], b = [t0, 1, t1^2].
        VectorEquation f = (x, t) -> new Real[] {
            x[0].mul(t[0].add(2)).add(x[1]).sub(t[0]),
            x[0].add(x[1].mul(3)).add(x[2].mul(t[1])).sub(1),
            x[1].mul(t[1]).add(x[2].mul(4)).sub(t[1].mul(t[1])),
        };
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            double t0 = rnd.nextDouble(), t1 = rnd.nextDouble();
            double[][] a = {{2 + t0, 1, 0}, {1, 3, t1}, {0, t1, 4}};
            double[] x = new Lu(a).solve(new double[] {t0, 1, t1 * t1});
            // dx/dt_k = A^-1 (db/dt_k - dA/dt_k x)
            double[] d0 = new Lu(a).solve(new double[] {1 - x[0], 0, 0});
            double[] d1 = new Lu(a).solve(new double[] {0, -x[2], 2 * t1 - x[1]});
            for (int i = 0; i < 3; i++) {
                int row = i;
                double[] g = AD.grad(t -> Implicit.root(f, new double[3], t)[row], t0, t1);
                assertThat(g[0]).isCloseTo(d0[i], within(EPS));
                assertThat(g[1]).isCloseTo(d1[i], within(EPS));
                double[][] jac = AD.jacobian(t -> Implicit.root(f, new double[3], t), t0, t1);
                assertThat(jac[i][0]).isCloseTo(d0[i], within(EPS));
                assertThat(jac[i][1]).isCloseTo(d1[i], within(EPS));
            }
        }
    }

    @Test
    void agreesWithUnrolledDifferentiationOfTheFixedPointIteration() {
        // x = a cos(x) + b x / 4: a contraction (|G_x| <= a + b/4 < 1) for a, b in (0, 1).
        VectorEquation g = (x, t) -> new Real[] {
            x[0].cos().mul(t[0]).add(x[1].mul(t[1]).mul(0.25)),
            x[0].sin().mul(t[1]).mul(0.5).add(t[0].mul(0.1)),
        };
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 10; trial++) {
            double a = 0.2 + 0.6 * rnd.nextDouble(), b = 0.2 + 0.6 * rnd.nextDouble();
            double[][] implicit = AD.jacobian(t -> Implicit.fixedPoint(g, new double[2], t), a, b);
            // Unrolled: 300 iterations on the tape; the contraction factor < 0.9 makes the iterate's
            // derivative error below 0.9^300 ~ 1e-14.
            double[][] unrolled = AD.jacobian(t -> {
                Real[] x = {Real.of(0), Real.of(0)};
                for (int k = 0; k < 300; k++) {
                    x = g.apply(x, t);
                }
                return x;
            }, a, b);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertThat(implicit[i][j]).isCloseTo(unrolled[i][j], within(1e-12));
                }
            }
        }
    }

    @Test
    void agreesWithUnrolledNewton() {
        // Kepler's equation E - e sin E = M for the eccentric anomaly E(e, M).
        ScalarEquation kepler = (x, t) -> x.sub(x.sin().mul(t[0])).sub(t[1]);
        double e = 0.3, m = 1.1;
        double[] implicit = AD.grad(t -> Implicit.root(kepler, 1.0, t), e, m);
        double[] unrolled = AD.grad(t -> {
            Real x = Real.of(1.0);
            for (int k = 0; k < 30; k++) {
                Real fx = x.sub(x.sin().mul(t[0])).sub(t[1]);
                x = x.sub(fx.div(x.cos().mul(t[0]).neg().add(1)));
            }
            return x;
        }, e, m);
        double bigE = Implicit.root(kepler, 1.0, Real.of(e), Real.of(m)).value();
        double denom = 1 - e * Math.cos(bigE);
        assertThat(implicit[0]).isCloseTo(Math.sin(bigE) / denom, within(EPS));
        assertThat(implicit[1]).isCloseTo(1 / denom, within(EPS));
        assertThat(implicit[0]).isCloseTo(unrolled[0], within(EPS));
        assertThat(implicit[1]).isCloseTo(unrolled[1], within(EPS));
    }

    @Test
    void higherDerivativesOfTheSquareRoot() {
        ScalarEquation f = (x, th) -> x.mul(x).sub(th[0]);
        for (double theta : new double[] {0.3, 2, 50}) {
            double[] h = AD.hessian(t -> Implicit.root(f, 1.0, t[0]), theta)[0];
            assertThat(h[0]).isCloseTo(-0.25 * Math.pow(theta, -1.5), within(EPS * Math.pow(theta, -1.5)));
            // Taylor mode: sqrt's derivatives 1/2 t^-1/2, -1/4 t^-3/2, 3/8 t^-5/2, -15/16 t^-7/2
            double[] d = AD.derivatives(t -> Implicit.root(f, 1.0, t), theta, 4);
            double[] exact = {Math.sqrt(theta), 0.5 / Math.sqrt(theta), -0.25 * Math.pow(theta, -1.5),
                0.375 * Math.pow(theta, -2.5), -15.0 / 16 * Math.pow(theta, -3.5)};
            for (int k = 0; k <= 4; k++) {
                assertThat(d[k]).as("order %d at %s", k, theta).isCloseTo(exact[k], within(EPS * Math.abs(exact[k])));
            }
        }
    }

    @Test
    void hessianOfAVectorRootAgreesWithUnrolledNewton() {
        // x0^3 + x1 = a, x0 x1 = b: solved near (1, 1) for a = 2.3, b = 1.2
        VectorEquation f = (x, t) -> new Real[] {x[0].pow(3).add(x[1]).sub(t[0]), x[0].mul(x[1]).sub(t[1])};
        double[] at = {2.3, 1.2};
        double[][] implicit = AD.hessian(t -> Implicit.root(f, new double[] {1, 1}, t)[0], at);
        double[][] unrolled = AD.hessian(t -> {
            Real x0 = Real.of(1), x1 = Real.of(1);
            for (int k = 0; k < 40; k++) {
                // Newton for the 2 x 2 system, written out: J = [[3 x0^2, 1], [x1, x0]]
                Real f0 = x0.pow(3).add(x1).sub(t[0]), f1 = x0.mul(x1).sub(t[1]);
                Real det = x0.pow(3).mul(3).sub(x1);
                Real d0 = f0.mul(x0).sub(f1).div(det);
                Real d1 = x0.mul(x0).mul(3).mul(f1).sub(x1.mul(f0)).div(det);
                x0 = x0.sub(d0);
                x1 = x1.sub(d1);
            }
            return x0;
        }, at);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(implicit[i][j]).isCloseTo(unrolled[i][j], within(1e-12));
            }
        }
    }

    @Test
    void singularJacobianAndDivergenceAreReported() {
        assertThatThrownBy(() -> Implicit.root((x, th) -> x.mul(x).add(th[0]), 0.0, Real.of(1)))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("singular");
        assertThatThrownBy(() -> Implicit.fixedPoint((x, th) -> x.mul(2).add(th[0]), 1.0, Real.of(1)))
                .isInstanceOf(ArithmeticException.class);
    }
}
