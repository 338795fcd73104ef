package org.autodiff4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorGradCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The functional layers: known values, and gradcheck plus gradgradcheck for each. */
class FTest {

    private static final Tensor X = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.5, -0.7, 1.1}, 2, 3);

    /** A function of some inputs, checked to first and second order. */
    private record Case(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
    }

    static Stream<Case> cases() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor w = Tensor.randn(rng, 4, 3);
        Tensor b = Tensor.randn(rng, 4);
        Tensor gamma = Tensor.randn(rng, 3);
        Tensor beta = Tensor.randn(rng, 3);
        return Stream.of(
                new Case("linear", x -> F.linear(x.get(0), x.get(1), x.get(2)), List.of(X, w, b)),
                new Case("linear without bias", x -> F.linear(x.get(0), x.get(1), null), List.of(X, w)),
                new Case("relu (away from 0)", x -> F.relu(x.get(0)), List.of(X)),
                new Case("sigmoid", x -> F.sigmoid(x.get(0)), List.of(X)),
                new Case("tanh", x -> F.tanh(x.get(0)), List.of(X)),
                new Case("gelu", x -> F.gelu(x.get(0)), List.of(X)),
                new Case("softplus", x -> F.softplus(x.get(0)), List.of(X.mul(30))),
                new Case("softplus at 0", x -> F.softplus(x.get(0)), List.of(Tensor.zeros(3))),
                new Case("softmax", x -> F.softmax(x.get(0), 1), List.of(X)),
                new Case("logSoftmax", x -> F.logSoftmax(x.get(0), 0), List.of(X)),
                new Case("dropout (fixed mask)", x -> F.dropout(x.get(0), 0.4, true, new SplittableRandom(7)), List.of(X)),
                new Case("layerNorm", x -> F.layerNorm(x.get(0), new int[] {3}, x.get(1), x.get(2), 1e-5),
                        List.of(X, gamma, beta)),
                new Case("layerNorm over two dims", x -> F.layerNorm(x.get(0), new int[] {2, 3}, null, null, 1e-5),
                        List.of(X)));
    }

    @TestFactory
    Stream<DynamicTest> gradcheck() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> TensorGradCheck.gradcheck(c.f(), c.inputs(), new SplittableRandom(11)).requirePassed()));
    }

    @TestFactory
    Stream<DynamicTest> gradgradcheck() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> TensorGradCheck.gradgradcheck(c.f(), c.inputs(), new SplittableRandom(12)).requirePassed()));
    }

    @Test
    void linearIsXWTransposedPlusB() {
        Tensor x = Tensor.of(new double[] {1, 2}, new double[] {3, 4});
        Tensor w = Tensor.of(new double[] {1, 0}, new double[] {1, 1}, new double[] {0, 2});
        Tensor out = F.linear(x, w, Tensor.vector(10, 20, 30));
        assertThat(out.toDoubleArray()).containsExactly(11, 23, 34, 13, 27, 38);
        assertThatThrownBy(() -> F.linear(x, Tensor.ones(3, 5), null))
                .hasMessageContaining("[2, 2]").hasMessageContaining("[3, 5]");
    }

    @Test
    void activationsHaveKnownValues() {
        Tensor x = Tensor.vector(-1, 0, 2);
        assertThat(F.relu(x).toDoubleArray()).containsExactly(0, 0, 2);
        assertThat(F.gelu(x).get(1)).isZero();
        // tanh form of gelu at 2, and the erf form it approximates
        double tanhForm = 0.5 * 2 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (2 + 0.044715 * 8)));
        assertThat(F.gelu(x).get(2)).isCloseTo(tanhForm, within(1e-15)).isCloseTo(1.9544997361036416, within(5e-4));
        assertThat(F.softplus(Tensor.vector(0, 1000, -1000)).toDoubleArray()).containsExactly(Math.log(2), 1000, 0);
        Tensor big = Tensor.vector(1000, -1000).requiresGrad();
        F.softplus(big).sum().backward();
        assertThat(big.grad().toDoubleArray()).containsExactly(1, 0);
    }

    @Test
    void geluDerivativeAtZeroIsOneHalf() {
        Tensor x = Tensor.vector(0).requiresGrad();
        F.gelu(x).sum().backward();
        assertThat(x.grad().item()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void dropoutKeepsTheExpectationAndIsOffInEvaluation() {
        Tensor x = Tensor.ones(100_000);
        Tensor y = F.dropout(x, 0.3, true, new SplittableRandom(5));
        double[] v = y.toDoubleArray();
        long kept = java.util.Arrays.stream(v).filter(e -> e != 0).count();
        assertThat(kept / 1e5).isCloseTo(0.7, within(0.01));
        assertThat(java.util.Arrays.stream(v).filter(e -> e != 0).distinct().toArray()).containsExactly(1 / 0.7);
        assertThat(F.dropout(x, 0.3, false, new SplittableRandom(5))).isSameAs(x);
        assertThat(F.dropout(x, 1, true, new SplittableRandom(5)).sum().item()).isZero();
        assertThat(F.dropout(x, 0.3, true, new SplittableRandom(5)).toDoubleArray()).containsExactly(v);
        assertThatThrownBy(() -> F.dropout(x, 1.5, true, new SplittableRandom(5))).hasMessageContaining("1.5");
    }

    @Test
    void layerNormGivesMeanZeroAndUnitVariance() {
        Tensor y = F.layerNorm(X, new int[] {3}, null, null, 0);
        assertThat(y.mean(1).toDoubleArray()).containsExactly(new double[] {0, 0}, within(1e-15));
        assertThat(y.var(1).toDoubleArray()).containsExactly(new double[] {1, 1}, within(1e-14));
        assertThatThrownBy(() -> F.layerNorm(X, new int[] {2}, null, null, 1e-5))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[2]");
    }
}
