package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sparsity detection with {@link Tracer}: the rule of each kind of op, levels, and errors. */
class TracerTest {

    private static int[][] jac(VectorFn f, double... x) {
        return Tracer.jacobianPattern(f, x);
    }

    private static int[][] hes(ScalarFn f, double... x) {
        return Tracer.hessianPattern(f, x);
    }

    @Test
    void eachOutputDependsOnTheInputsItWasComputedFrom() {
        assertThat(jac(x -> new Real[] {x[0].mul(x[1]), x[2].sin(), Real.of(4), x[1].sub(x[1])}, 1, 2, 3))
                .isDeepEqualTo(new int[][] {{0, 1}, {2}, {}, {1}});
        // a chain of unary ops shares one set
        assertThat(jac(x -> new Real[] {x[3].exp().log().sqrt().neg()}, 1, 2, 3, 4)).isDeepEqualTo(new int[][] {{3}});
    }

    @Test
    void valuesAreThoseOfThePlainComputationSoControlFlowFollowsThem() {
        VectorFn f = x -> new Real[] {x[0].gt(x[1]) ? x[0].mul(x[2]) : x[1].pow(2)};
        assertThat(jac(f, 3, 1, 5)).isDeepEqualTo(new int[][] {{0, 2}});
        assertThat(jac(f, 1, 3, 5)).isDeepEqualTo(new int[][] {{1}});
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (Op op : Op.values()) {
            double[] p = op.domain().sample(rng);
            Real[] y = new Real[1];
            jac(x -> new Real[] {y[0] = Modes.fn(op).apply(x)}, p);
            assertThat(y[0].value()).as(op.symbol()).isEqualTo(Modes.plain(op, p));
        }
    }

    @Test
    void piecewiseLinearOpsDropAnOperandWhosePartialIsZeroHere() {
        assertThat(jac(x -> new Real[] {x[0].max(x[1]), x[0].min(x[1]), x[1].max(Real.of(5))}, 3, 1))
                .isDeepEqualTo(new int[][] {{0}, {1}, {}});
        assertThat(jac(x -> new Real[] {x[0].max(x[1])}, 2, 2)).as("a tie splits the gradient").isDeepEqualTo(new int[][] {{0, 1}});
        assertThat(jac(x -> new Real[] {x[0].relu(), x[1].relu(), x[0].abs(), x[2].abs()}, -1, 2, 0))
                .as("relu of a negative number, abs at 0").isDeepEqualTo(new int[][] {{}, {1}, {0}, {}});
        assertThat(jac(x -> new Real[] {x[0].floor(), x[0].ceil(), x[0].round(), x[0].sign()}, 1.3))
                .isDeepEqualTo(new int[][] {{}, {}, {}, {}});
        // but a NaN partial does not stop the derivative
        assertThat(jac(x -> new Real[] {x[0].max(Real.of(Double.NaN))}, 1)).isDeepEqualTo(new int[][] {{0}});
    }

    @Test
    void hessianPatternsFollowTheSecondOrderChainRule() {
        assertThat(hes(x -> x[0].mul(x[1]).add(x[2].sin()), 1, 2, 3)).isDeepEqualTo(new int[][] {{1}, {0}, {2}});
        assertThat(hes(x -> x[0].mul(x[0]), 1)).isDeepEqualTo(new int[][] {{0}});
        assertThat(hes(x -> x[0].div(x[1]), 1, 2)).as("x/y is linear in x").isDeepEqualTo(new int[][] {{1}, {0, 1}});
        assertThat(hes(x -> x[0].pow(x[1]), 1, 2)).isDeepEqualTo(new int[][] {{0, 1}, {0, 1}});
        assertThat(hes(x -> x[0].add(x[1]).mul(x[2]), 1, 2, 3)).isDeepEqualTo(new int[][] {{2}, {2}, {0, 1}});
        assertThat(hes(x -> x[0].add(x[1]).exp(), 1, 2)).isDeepEqualTo(new int[][] {{0, 1}, {0, 1}});
        assertThat(hes(x -> Real.of(3).div(x[0]).add(x[1].pow(2.0)), 1, 2)).isDeepEqualTo(new int[][] {{0}, {1}});
        // linear and piecewise-linear ops, products with constants: no curvature
        assertThat(hes(x -> x[0].mul(3).sub(x[1].div(2)).neg().add(x[0].abs()).max(x[1].relu()), 1, 2))
                .isDeepEqualTo(new int[][] {{}, {}});
    }

    @Test
    void interactionsWithAnInputTheOutputDoesNotDependOnAreLeftOut() {
        int[][] p = hes(x -> {
            x[1].mul(x[2]).exp(); // computed, then dropped
            return x[0].mul(x[0]).add(x[1]);
        }, 1, 2, 3);
        // (1, 2) is left out: the output does not depend on x2. (1, 1) stays, the price of one
        // shared set: the output depends on x1, and the set cannot tell which computation it came from.
        assertThat(p).isDeepEqualTo(new int[][] {{0}, {1}, {}});
    }

    @Test
    void aTracerRunsUnderNestedDifferentiationAndThePatternOfTheGradientIsTheHessians() {
        ScalarFn f = x -> x[0].mul(x[1]).sin().add(x[2].mul(x[2])).add(x[3]);
        int[][] gradientPattern = jac(x -> AD.grad(f, x), 0.5, 1, 2, 3);
        assertThat(gradientPattern).isDeepEqualTo(new int[][] {{0, 1}, {0, 1}, {2}, {}});
        assertThat(hes(f, 0.5, 1, 2, 3)).isDeepEqualTo(gradientPattern);
    }

    @Test
    void anyNumberOfAnEnclosingDifferentiationIsAConstantForATracer() {
        // the tracer is the inner, higher level: an outer Dual with a tangent is a constant for it
        double d = AD.derivative(t -> {
            int[][] p = jac(x -> new Real[] {x[0].mul(t), t.add(x[1]), t.sin()}, 1, 2);
            assertThat(p).isDeepEqualTo(new int[][] {{0}, {1}, {}});
            return t.mul(t);
        }, 3);
        assertThat(d).isEqualTo(6);
        assertThat(jac(x -> new Real[] {Dual.variable(2).mul(x[0]), x[0].atan2(Dual.variable(1))}, 1))
                .isDeepEqualTo(new int[][] {{0}, {0}});
    }

    @Test
    void aTracerThatDependsOnItsInputsCannotEnterAnInnerDifferentiationOfPlainDoubles() {
        assertThatThrownBy(() -> jac(x -> new Real[] {Real.of(AD.derivative(t -> t.mul(x[0]), 1.0))}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Tracer of an outer");
        // one without dependencies is a constant for anyone
        assertThat(jac(x -> new Real[] {Real.of(AD.derivative(t -> t.mul(x[0].floor()), 1.0))}, 2))
                .isDeepEqualTo(new int[][] {{}});
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> jac(x -> null, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f returned null");
        assertThatThrownBy(() -> jac(x -> new Real[] {x[0], null}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output 1");
        assertThatThrownBy(() -> hes(x -> null, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f returned null");
        assertThatThrownBy(() -> jac(null, 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("f");
        assertThatThrownBy(() -> hes(x -> x[0], (double[]) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("x");
        Real[] inner = new Real[1];
        assertThatThrownBy(() -> jac(x -> {
            jac(y -> new Real[] {inner[0] = y[0].mul(2)}, 1);
            return new Real[] {inner[0]};
        }, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another differentiation");
        assertThatThrownBy(() -> Tracer.jacobianPattern(x -> new Real[] {x[0].apply(Op.ADD)}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 2 arguments");
    }

    @Test
    void dependenciesAndToStringShowTheSet() {
        Real[] y = new Real[1];
        jac(x -> new Real[] {y[0] = x[2].mul(x[0])}, 1, 2, 3);
        assertThat(((Tracer) y[0]).dependencies()).containsExactly(0, 2);
        assertThat(y[0]).hasToString("Tracer(3.0, [0, 2])");
    }
}
