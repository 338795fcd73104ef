package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.junit.jupiter.api.Test;

class OdeintTest {

    static final OdeFn DECAY = (t, y, p) -> new Real[] {p[0].neg().mul(y[0])};
    /** x' = v, v' = -w^2 x. */
    static final OdeFn OSCILLATOR = (t, y, p) -> new Real[] {y[1], p[0].mul(p[0]).mul(y[0]).neg()};
    /** Lotka-Volterra: x' = a x - b x y, y' = d x y - g y. */
    static final OdeFn LOTKA_VOLTERRA = (t, y, p) -> new Real[] {
        y[0].mul(p[0]).sub(y[0].mul(y[1]).mul(p[1])),
        y[0].mul(y[1]).mul(p[2]).sub(y[1].mul(p[3])),
    };
    static final ScalarFn FIRST = y -> y[0];

    @Test
    void exponentialDecayMatchesTheClosedForm() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 10; trial++) {
            double y0 = 0.5 + rnd.nextDouble(), k = 0.1 + rnd.nextDouble(), t1 = 2;
            double exact = y0 * Math.exp(-k * t1);
            // RK4 global error ~ (k h)^4 k t1 / 120 per unit: with k h <= 0.011 it is below 1e-9 relative.
            double rk4 = Odeint.solve(DECAY, new double[] {y0}, new double[] {k}, 0, t1, Solver.rk4(200))[0];
            double dp = Odeint.solve(DECAY, new double[] {y0}, new double[] {k}, 0, t1, Solver.dopri5(1e-12, 1e-14))[0];
            assertThat(rk4).isCloseTo(exact, within(1e-9 * exact));
            assertThat(dp).isCloseTo(exact, within(1e-10 * exact));
            for (Solver s : new Solver[] {Solver.rk4(200), Solver.dopri5(1e-12, 1e-14)}) {
                for (OdeGradient g : new OdeGradient[] {
                    Odeint.backprop(DECAY, new double[] {y0}, new double[] {k}, 0, t1, FIRST, s),
                    Odeint.adjoint(DECAY, new double[] {y0}, new double[] {k}, 0, t1, FIRST, s),
                }) {
                    assertThat(g.loss()).isCloseTo(exact, within(1e-9 * exact));
                    assertThat(g.initialStateGradient()[0]).isCloseTo(Math.exp(-k * t1), within(1e-9));
                    assertThat(g.parameterGradient()[0]).isCloseTo(-t1 * exact, within(1e-9 * t1 * exact));
                }
            }
        }
    }

    @Test
    void harmonicOscillatorGradientsMatchTheClosedForm() {
        double x0 = 0.7, v0 = -0.3, w = 1.9, t1 = 3;
        double c = Math.cos(w * t1), s = Math.sin(w * t1);
        double x1 = x0 * c + v0 / w * s;
        double[] dState = {c, s / w};
        double dW = -x0 * t1 * s + v0 * (t1 * c / w - s / (w * w));
        // h w = 0.0057 with 1000 RK4 steps: error ~ (h w)^4 w t1 ~ 1e-8 times the amplitude.
        for (Solver solver : new Solver[] {Solver.rk4(1000), Solver.dopri5(1e-11, 1e-13)}) {
            for (OdeGradient g : new OdeGradient[] {
                Odeint.backprop(OSCILLATOR, new double[] {x0, v0}, new double[] {w}, 0, t1, FIRST, solver),
                Odeint.adjoint(OSCILLATOR, new double[] {x0, v0}, new double[] {w}, 0, t1, FIRST, solver),
            }) {
                assertThat(g.loss()).isCloseTo(x1, within(1e-8));
                assertThat(g.initialStateGradient()[0]).isCloseTo(dState[0], within(1e-8));
                assertThat(g.initialStateGradient()[1]).isCloseTo(dState[1], within(1e-8));
                assertThat(g.parameterGradient()[0]).isCloseTo(dW, within(1e-7));
            }
        }
    }

    @Test
    void lotkaVolterraGradientsMatchFiniteDifferencesAndEachOther() {
        double[] y0 = {1.0, 0.5};
        double[] p = {1.1, 0.4, 0.1, 0.4};
        ScalarFn loss = y -> y[0].mul(y[0]).add(y[1].log());
        double t1 = 5;
        Solver solver = Solver.rk4(2000);
        OdeGradient bp = Odeint.backprop(LOTKA_VOLTERRA, y0, p, 0, t1, loss, solver);
        OdeGradient adj = Odeint.adjoint(LOTKA_VOLTERRA, y0, p, 0, t1, loss, solver);
        // Central differences of the same discrete solver, at h and h/2, extrapolated (Richardson). The
        // tolerance is derived, not tuned: |D(h) - D(h/2)| bounds the truncation error of both, plus
        // rounding, about eps |L| / h each.
        double h = 1e-4;
        double[] all = Reals.concat(y0, p);
        for (int i = 0; i < all.length; i++) {
            double d1 = central(all, i, h, loss, solver);
            double d2 = central(all, i, h / 2, loss, solver);
            double fd = (4 * d2 - d1) / 3;
            double tol = Math.abs(d1 - d2) + 100 * Math.ulp(1.0) * (1 + Math.abs(bp.loss())) / h;
            double g = i < 2 ? bp.initialStateGradient()[i] : bp.parameterGradient()[i - 2];
            double a = i < 2 ? adj.initialStateGradient()[i] : adj.parameterGradient()[i - 2];
            assertThat(g).as("backprop, input %d", i).isCloseTo(fd, within(tol));
            // The adjoint differentiates the continuous problem: it agrees to RK4's relative error,
            // (h |f_y|)^4 with h = 2.5e-3 and |f_y| ~ 2: about 1e-9, so 1e-7 relative.
            assertThat(a).as("adjoint, input %d", i).isCloseTo(g, within(1e-7 * (1 + Math.abs(g))));
        }
        OdeGradient adaptive = Odeint.adjoint(LOTKA_VOLTERRA, y0, p, 0, t1, loss, Solver.dopri5(1e-11, 1e-13));
        for (int i = 0; i < p.length; i++) {
            assertThat(adaptive.parameterGradient()[i]).isCloseTo(bp.parameterGradient()[i],
                    within(1e-6 * (1 + Math.abs(bp.parameterGradient()[i]))));
        }
    }

    @Test
    void backwardIntegrationReturnsToTheStart() {
        double[] y0 = {1.0, 0.5};
        double[] p = {1.1, 0.4, 0.1, 0.4};
        Solver s = Solver.dopri5(1e-12, 1e-14);
        double[] back = Odeint.solve(LOTKA_VOLTERRA, Odeint.solve(LOTKA_VOLTERRA, y0, p, 0, 4, s), p, 4, 0, s);
        assertThat(back[0]).isCloseTo(y0[0], within(1e-9));
        assertThat(back[1]).isCloseTo(y0[1], within(1e-9));
    }

    private static double central(double[] all, int i, double h, ScalarFn loss, Solver solver) {
        double[] up = all.clone(), down = all.clone();
        up[i] += h;
        down[i] -= h;
        return (lossAt(up, loss, solver) - lossAt(down, loss, solver)) / (2 * h);
    }

    private static double lossAt(double[] all, ScalarFn loss, Solver solver) {
        double[] y1 = Odeint.solve(LOTKA_VOLTERRA, new double[] {all[0], all[1]},
                new double[] {all[2], all[3], all[4], all[5]}, 0, 5, solver);
        return loss.apply(Reals.constants(y1)).value();
    }
}
