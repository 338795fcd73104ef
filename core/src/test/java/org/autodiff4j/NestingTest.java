package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Derivatives inside derivatives: levels keep them apart (no perturbation confusion). */
class NestingTest {

    /** Siskind and Pearlmutter, "Perturbation confusion and referential transparency" (2005). */
    @Test
    void siskindPearlmutterExampleGivesOneNotTwo() {
        double d = AD.derivative(x -> x.mul(AD.derivative(y -> x.add(y), Real.of(1))), 1.0);
        assertThat(d).isEqualTo(1.0);
        // the same with reverse mode outside
        assertThat(AD.grad(x -> x[0].mul(AD.derivative(y -> x[0].add(y), Real.of(1))), 1.0)).containsExactly(1.0);
        // and when the inner derivative does depend on x: d/dx [x * d/dy (x y)] = d/dx x^2 = 2x
        assertThat(AD.derivative(x -> x.mul(AD.derivative(y -> x.mul(y), Real.of(1))), 3.0)).isEqualTo(6.0);
    }

    @Test
    void derivativesOfDerivatives() {
        UnaryFn sin = Real::sin;
        double x = 0.7;
        assertThat(AD.derivative(a -> AD.derivative(sin, a), x)).isCloseTo(-Math.sin(x), within(1e-15));
        UnaryFn third = a -> AD.derivative(b -> AD.derivative(sin, b), a);
        assertThat(AD.derivative(third, x)).isCloseTo(-Math.cos(x), within(1e-15));
        // fourth derivative of exp(2x) = 16 exp(2x), four levels deep
        UnaryFn e = a -> a.mul(2).exp();
        UnaryFn d2 = a -> AD.derivative(b -> AD.derivative(e, b), a);
        assertThat(AD.derivative(a -> AD.derivative(d2, a), 0.3)).isCloseTo(16 * Math.exp(0.6), within(1e-13));
    }

    @Test
    void gradientOfAFunctionThatCallsGrad() {
        // g(x) = x0^2 x1; f(x) = |grad g|^2 = (2 x0 x1)^2 + x0^4; df/dx0 = 8 x0 x1^2 + 4 x0^3, df/dx1 = 8 x0^2 x1
        ScalarFn g = x -> x[0].mul(x[0]).mul(x[1]);
        ScalarFn f = x -> {
            Real[] gg = AD.grad(g, x);
            return gg[0].mul(gg[0]).add(gg[1].mul(gg[1]));
        };
        double x0 = 1.5;
        double x1 = -0.5;
        double[] expected = {8 * x0 * x1 * x1 + 4 * x0 * x0 * x0, 8 * x0 * x0 * x1};
        assertThat(AD.grad(f, x0, x1)).containsExactly(expected, within(1e-13));
        assertThat(AD.jacfwd(x -> new Real[] {f.apply(x)}, x0, x1)[0]).containsExactly(expected, within(1e-13));
        Real[] nested = AD.grad(f, Real.of(x0), Real.of(x1));
        assertThat(nested[0].value()).isCloseTo(expected[0], within(1e-13));
    }

    @Test
    void nestedJvpAndHvpWithRealInputs() {
        ScalarFn f = x -> x[0].mul(x[0]).mul(x[1]).add(x[1].sin());
        Real[] x = {Real.of(1.2), Real.of(0.4)};
        Real[] v = {Real.of(1), Real.of(-2)};
        Real[] jv = AD.jvp(a -> new Real[] {f.apply(a)}, x, v);
        assertThat(jv[0].value()).isCloseTo(2 * 1.2 * 0.4 - 2 * (1.2 * 1.2 + Math.cos(0.4)), within(1e-14));
        // H = {{2 x1, 2 x0}, {2 x0, -sin x1}}
        Real[] hv = AD.hvp(f, x, v);
        assertThat(hv[0].value()).isCloseTo(2 * 0.4 - 2 * 2 * 1.2, within(1e-14));
        assertThat(hv[1].value()).isCloseTo(2 * 1.2 + 2 * Math.sin(0.4), within(1e-14));
        assertThat(AD.hvp(f, new double[] {1.2, 0.4}, new double[] {1, -2}))
                .containsExactly(new double[] {hv[0].value(), hv[1].value()}, within(1e-14));
    }

    @Test
    void mixedPartialsOfAnyOrder() {
        ScalarFn f = x -> x[0].mul(x[0]).mul(x[1].pow(3)).add(x[0].sin().mul(x[1]));
        double x = 0.8;
        double y = -1.3;
        // d^3/dx dy^2 (x^2 y^3 + y sin x) = 12 x y
        assertThat(AD.partial(f, new double[] {x, y}, 1, 2)).isCloseTo(12 * x * y, within(1e-13));
        // d^4/dx^3 dy = -cos x
        assertThat(AD.partial(f, new double[] {x, y}, 3, 1)).isCloseTo(-Math.cos(x), within(1e-13));
        assertThat(AD.partial(f, new double[] {x, y}, 0, 0)).isCloseTo(x * x * y * y * y + y * Math.sin(x), within(1e-14));
        assertThatThrownBy(() -> AD.partial(f, new double[] {x, y}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 orders for 2 inputs");
        assertThatThrownBy(() -> AD.partial(f, new double[] {x, y}, -1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 0");
    }

    @Test
    void theDoubleValuedInnerCallCannotSilentlyDropTheOuterDerivative() {
        // d/dx [d/dy (x y) at y = 1] = 1; the double overload cannot carry x, so it must refuse, not return 0
        assertThatThrownBy(() -> AD.derivative(x -> Real.of(AD.derivative(y -> x.mul(y), 1.0)), 2.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Real overloads");
    }
}
