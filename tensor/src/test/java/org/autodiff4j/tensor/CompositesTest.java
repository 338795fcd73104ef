package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The composites: known values, known derivatives, stability, and gradchecks through their primitives. */
class CompositesTest {

    @Test
    void softmaxJacobianIsDiagSMinusSST() {
        Tensor x = Tensor.vector(0.3, -1.2, 2.0, 0.5).requiresGrad();
        Tensor s = x.softmax(0);
        double[] sv = s.toDoubleArray();
        for (int i = 0; i < 4; i++) {
            double[] seed = new double[4];
            seed[i] = 1;
            Tensor row = Autograd.grad(List.of(s), List.of(Tensor.vector(seed)), List.of(x), false, true).get(0);
            for (int j = 0; j < 4; j++) {
                double expected = (i == j ? sv[i] : 0) - sv[i] * sv[j];
                assertThat(row.get(j)).as("d s%d / d x%d", i, j).isCloseTo(expected, within(1e-15));
            }
        }
        assertThat(Tensor.vector(sv).sum().item()).isCloseTo(1, within(1e-15));
    }

    @Test
    void logSumExpIsStableAt1e308() {
        Tensor x = Tensor.vector(1e308, 1e308, -1e308).requiresGrad();
        Tensor y = x.logSumExp();
        assertThat(y.item()).isEqualTo(1e308 + Math.log(2)).isFinite();
        y.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.5, 0.5, 0);
        assertThat(Tensor.vector(-1e308, -1e308).logSumExp().item()).isEqualTo(-1e308);
        assertThat(Tensor.vector(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY).logSumExp().item())
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Tensor.vector(1000, 0).softmax(0).toDoubleArray()).containsExactly(1, 0);
        assertThat(Tensor.vector(1000, 0).logSoftmax(0).toDoubleArray()).containsExactly(0, -1000);
    }

    @Test
    void statisticsHaveKnownValues() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, new double[] {4, 6, 8});
        assertThat(x.mean().item()).isEqualTo(4);
        assertThat(x.mean(1).toDoubleArray()).containsExactly(2, 6);
        assertThat(x.mean(new int[] {1}, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(x.var(1).toDoubleArray()).containsExactly(2.0 / 3, 8.0 / 3);
        assertThat(x.std(0).toDoubleArray()).containsExactly(1.5, 2, 2.5);
        assertThat(x.prod(1).toDoubleArray()).containsExactly(6, 192);
        assertThat(x.prod().item()).isEqualTo(1152);
        assertThat(x.max(0).toDoubleArray()).containsExactly(4, 6, 8);
        assertThat(x.min().item()).isEqualTo(1);
        assertThat(x.sum(new int[] {0, 1}, true).shape()).isEqualTo(Shape.of(1, 1));
        assertThat(Tensor.zeros(3, 0).prod(1).toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(Tensor.zeros(3, 0).sum(1).toDoubleArray()).containsExactly(0, 0, 0);
        // NOTE: far from 0, the two-pass variance keeps its digits; mean(x^2) - mean(x)^2 would give 0 or worse.
        assertThat(Tensor.vector(1e9 + 1, 1e9 + 2, 1e9 + 3).var().item()).isCloseTo(2.0 / 3, within(1e-6));
    }

    @Test
    void prodGradientIsExactAtZeros() {
        Tensor x = Tensor.vector(2, 0, 3, 0.5, 4).requiresGrad();
        x.prod().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 12, 0, 0, 0);
        Tensor y = Tensor.vector(2, 0, 3).requiresGrad();
        y.prod().backward();
        assertThat(y.grad().toDoubleArray()).containsExactly(0, 6, 0);
    }

    @Test
    void clampPassesTheGradientInsideIncludingTheEnds() {
        Tensor x = Tensor.vector(-2, -1, 0, 1, 2).requiresGrad();
        Tensor y = x.clamp(-1, 1);
        assertThat(y.toDoubleArray()).containsExactly(-1, -1, 0, 1, 1);
        y.sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 1, 1, 1, 0);
        assertThatThrownBy(() -> x.clamp(1, 0)).hasMessageContaining("lo");
    }

    @Test
    void maxAndMaximumSplitTiesEvenly() {
        Tensor x = Tensor.vector(3, 1, 3).requiresGrad();
        x.max().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.5, 0, 0.5);
        Tensor a = Tensor.vector(1, 2).requiresGrad();
        Tensor b = Tensor.vector(1, 0).requiresGrad();
        a.maximum(b).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(0.5, 1);
        assertThat(b.grad().toDoubleArray()).containsExactly(0.5, 0);
        Tensor r = Tensor.vector(-1, 0, 2).requiresGrad();
        r.relu().add(r.abs()).sum().backward();
        assertThat(r.grad().toDoubleArray()).containsExactly(-1, 0, 2);
    }

    @Test
    void matmulOfVectorsAndOuter() {
        Tensor m = Tensor.of(new double[] {1, 2}, new double[] {3, 4});
        Tensor v = Tensor.vector(1, 1);
        assertThat(m.matmul(v).toDoubleArray()).containsExactly(3, 7);
        assertThat(v.matmul(m).toDoubleArray()).containsExactly(4, 6);
        assertThat(v.matmul(v).shape()).isEqualTo(Shape.of());
        assertThat(v.matmul(v).item()).isEqualTo(2);
        assertThat(Tensor.vector(1, 2).outer(Tensor.vector(3, 4, 5)).toDoubleArray()).containsExactly(3, 4, 5, 6, 8, 10);
        Tensor batch = Tensor.arange(8).reshape(2, 2, 2);
        assertThat(batch.matmul(Tensor.eye(2)).toDoubleArray()).containsExactly(batch.toDoubleArray());
    }

    @TestFactory
    Stream<DynamicTest> compositesPassGradcheckAndGradgradcheck() {
        SplittableRandom rng = new SplittableRandom(7);
        Tensor a = Tensor.randn(rng, 2, 3);
        Tensor pos = Tensor.rand(rng, 2, 3).add(0.5);
        Tensor v3 = Tensor.randn(rng, 3);
        Tensor m = Tensor.randn(rng, 3, 2);
        List<Object[]> cases = List.of(
                new Object[] {"mean", (Function<List<Tensor>, Tensor>) x -> x.get(0).mean(1), List.of(a)},
                new Object[] {"var", (Function<List<Tensor>, Tensor>) x -> x.get(0).var(new int[] {0}, true), List.of(a)},
                new Object[] {"std", (Function<List<Tensor>, Tensor>) x -> x.get(0).std(1), List.of(a)},
                new Object[] {"prod", (Function<List<Tensor>, Tensor>) x -> x.get(0).prod(1), List.of(a)},
                new Object[] {"prod all", (Function<List<Tensor>, Tensor>) x -> x.get(0).prod(), List.of(a)},
                new Object[] {"logSumExp", (Function<List<Tensor>, Tensor>) x -> x.get(0).logSumExp(1), List.of(a)},
                new Object[] {"softmax", (Function<List<Tensor>, Tensor>) x -> x.get(0).softmax(0), List.of(a)},
                new Object[] {"logSoftmax", (Function<List<Tensor>, Tensor>) x -> x.get(0).logSoftmax(-1), List.of(a)},
                new Object[] {"clamp", (Function<List<Tensor>, Tensor>) x -> x.get(0).clamp(-0.5, 0.5).mul(x.get(0)), List.of(a)},
                new Object[] {"add alpha", (Function<List<Tensor>, Tensor>) x -> x.get(0).add(x.get(1), -0.75).mul(x.get(1)),
                        List.of(a, pos)},
                new Object[] {"add alpha broadcast", (Function<List<Tensor>, Tensor>) x -> x.get(0).add(x.get(1), 2.5),
                        List.of(a, v3)},
                new Object[] {"outer", (Function<List<Tensor>, Tensor>) x -> x.get(0).outer(x.get(1)), List.of(v3, v3.mul(2))},
                new Object[] {"matmul vector", (Function<List<Tensor>, Tensor>) x -> x.get(0).matmul(x.get(1)), List.of(v3, m)},
                new Object[] {"pow log", (Function<List<Tensor>, Tensor>) x -> x.get(0).pow(x.get(0)).log().sum(0), List.of(pos)},
                new Object[] {"mlp", (Function<List<Tensor>, Tensor>) x -> x.get(0).matmul(x.get(1)).tanh().sigmoid().sum(),
                        List.of(a, m)});
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c[0], () -> {
            @SuppressWarnings("unchecked")
            Function<List<Tensor>, Tensor> f = (Function<List<Tensor>, Tensor>) c[1];
            @SuppressWarnings("unchecked")
            List<Tensor> in = (List<Tensor>) c[2];
            TensorGradCheck.gradcheck(f, in, rng).requirePassed();
            TensorGradCheck.gradgradcheck(f, in, rng).requirePassed();
        }));
    }

    @Test
    void addWithAlphaGivesTheBitsOfTheComposition() {
        SplittableRandom rng = new SplittableRandom(11);
        for (DType dtype : DType.values()) {
            for (int[] shape : new int[][] {{0}, {1}, {7}, {3, 37}, {256, 33}}) {
                Tensor x = Tensor.randn(rng, shape).to(dtype);
                Tensor y = Tensor.randn(rng, shape).mul(1e3).to(dtype);
                for (double alpha : new double[] {-0.01, 1, 0, -3e300}) {
                    double[] expected = x.add(y.mul(alpha)).toDoubleArray();
                    double[] fused;
                    try (NoGrad _ = NoGrad.enter()) {
                        fused = x.add(y, alpha).toDoubleArray();
                    }
                    double[] plain = x.add(y, alpha).toDoubleArray();
                    for (int i = 0; i < expected.length; i++) {
                        String what = dtype + " " + java.util.Arrays.toString(shape) + " alpha " + alpha + " at " + i;
                        assertThat(Double.doubleToLongBits(fused[i])).as(what).isEqualTo(Double.doubleToLongBits(expected[i]));
                        assertThat(Double.doubleToLongBits(plain[i])).as(what).isEqualTo(Double.doubleToLongBits(expected[i]));
                    }
                }
            }
        }
        assertThat(Tensor.of(new double[] {1, 2}, 2).add(Tensor.of(new double[] {10, 20}, 2), 0.5).toDoubleArray())
                .containsExactly(6, 12);
        try (NoGrad _ = NoGrad.enter()) {
            assertThat(Tensor.of(new double[] {1, 2, 3}, 3).add(Tensor.ones(2, 3), -1).toDoubleArray())
                    .containsExactly(0, 1, 2, 0, 1, 2);
            assertThat(Tensor.of(new double[] {1, 2}, new double[] {3, 4}).transpose(0, 1).add(Tensor.ones(2, 2), 1)
                    .toDoubleArray()).containsExactly(2, 4, 3, 5);
        }
        assertThatThrownBy(() -> Tensor.ones(2).add(Tensor.ones(3), 2)).hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.ones(2).add(null, 2)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("y must not be null");
    }

    @Test
    void addWithAlphaHasGradientsOneAndAlpha() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor y = Tensor.vector(3, 4).requiresGrad();
        x.add(y, -0.25).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(1, 1);
        assertThat(y.grad().toDoubleArray()).containsExactly(-0.25, -0.25);
    }
}
