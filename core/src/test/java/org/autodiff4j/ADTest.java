package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The facade: Jacobians in both modes and across chunk boundaries, products, and its errors. */
class ADTest {

    /** f_r(x) = sum_i sin((r + 1) x_i) x_{(i+r) % n}: dense, with known partials. */
    private static VectorFn dense(int m) {
        return x -> {
            Real[] y = new Real[m];
            for (int r = 0; r < m; r++) {
                Real s = Real.of(0);
                for (int i = 0; i < x.length; i++) {
                    s = s.add(x[i].mul(r + 1).sin().mul(x[(i + r) % x.length]));
                }
                y[r] = s;
            }
            return y;
        };
    }

    @Test
    void forwardReverseAndAutomaticJacobiansAgreeAcrossChunkBoundaries() {
        for (int n : new int[] {1, 7, 8, 9, 17}) {
            for (int m : new int[] {1, 3, 20}) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 0.3 + 0.1 * i;
                }
                double[][] fwd = AD.jacfwd(dense(m), x);
                double[][] rev = AD.jacrev(dense(m), x);
                double[][] auto = AD.jacobian(dense(m), x);
                assertThat(fwd.length).isEqualTo(m);
                for (int r = 0; r < m; r++) {
                    assertThat(fwd[r]).hasSize(n);
                    assertThat(fwd[r]).containsExactly(rev[r], within(1e-12));
                    assertThat(auto[r]).containsExactly(rev[r], within(1e-12));
                }
                // spot-check against the closed form: for n = m = 1, f(x) = x sin x, f' = x cos x + sin x
                if (n == 1 && m == 1) {
                    assertThat(fwd[0][0]).isCloseTo(Math.cos(x[0]) * x[0] + Math.sin(x[0]), within(1e-15));
                }
            }
        }
    }

    @Test
    void jvpAndVjpAreTheProductsWithTheJacobian() {
        double[] x = {0.4, -1.1, 2};
        double[][] jac = AD.jacrev(dense(2), x);
        double[] v = {1, -2, 0.5};
        double[] w = {3, -1};
        double[] jv = AD.jvp(dense(2), x, v);
        double[] wj = AD.vjp(dense(2), x, w);
        for (int r = 0; r < 2; r++) {
            assertThat(jv[r]).isCloseTo(jac[r][0] * v[0] + jac[r][1] * v[1] + jac[r][2] * v[2], within(1e-12));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(wj[i]).isCloseTo(w[0] * jac[0][i] + w[1] * jac[1][i], within(1e-12));
        }
    }

    @Test
    void outputsThatDoNotDependOnTheInputsHaveZeroDerivatives() {
        assertThat(AD.grad(x -> Real.of(5), 1, 2)).containsExactly(0, 0);
        assertThat(AD.valueAndGrad(x -> Real.of(5), 1).value()).isEqualTo(5);
        assertThat(AD.derivative(x -> Real.of(5), 1)).isZero();
        assertThat(AD.jacobian(x -> new Real[] {x[0], Real.of(1)}, 2)).isDeepEqualTo(new double[][] {{1}, {0}});
        assertThat(AD.jacfwd(x -> new Real[] {x[0], Real.of(1)}, 2)).isDeepEqualTo(new double[][] {{1}, {0}});
        assertThat(AD.grad(x -> Real.of(1), new double[0])).isEmpty();
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> AD.grad(x -> null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f returned null");
        assertThatThrownBy(() -> AD.jacobian(x -> new Real[] {x[0], null}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output 1");
        assertThatThrownBy(() -> AD.jvp(dense(1), new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v has length 1, expected 2");
        assertThatThrownBy(() -> AD.vjp(dense(2), new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w has length 1, expected 2");
        assertThatThrownBy(() -> AD.grad(null, 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("f");
        assertThatThrownBy(() -> AD.grad(x -> x[0], (double[]) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("x");
        int[] calls = {0};
        VectorFn growing = x -> java.util.Collections.nCopies(++calls[0], Real.of(0)).toArray(Real[]::new);
        assertThatThrownBy(() -> AD.jacfwd(growing, new double[9])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same number");
    }

    @Test
    void aNumberLeakedFromAFinishedCallIsRejected() {
        Real[] leaked = new Real[1];
        AD.grad(x -> leaked[0] = x[0].mul(2), 1);
        assertThatThrownBy(() -> AD.grad(x -> x[0].add(leaked[0]), 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reset");
        assertThatThrownBy(() -> AD.grad(x -> leaked[0], 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void numbersOfTwoLevelsThatCannotCarryEachOtherAreAClearError() {
        // a Dual of an outer forward pass with a Var of an inner reverse pass: the Var holds doubles
        assertThatThrownBy(() -> AD.derivative(x -> Real.of(AD.grad(y -> y[0].mul(x), 1)[0]), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outer");
        // a user-level Dual with a zero tangent is a constant for anyone
        assertThat(AD.grad(y -> y[0].mul(Dual.constant(3)), 2)).containsExactly(3);
    }
}
