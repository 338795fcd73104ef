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

/** The losses against values computed by hand, their gradients, and gradcheck and gradgradcheck. */
class LossesTest {

    private static final Tensor LOGITS = Tensor.of(new double[] {1, 2, 3}, new double[] {0.5, -1, 0});
    private static final Tensor LABELS = Tensor.vector(2, 0);

    @Test
    void mseLoss() {
        Tensor x = Tensor.vector(1, 2);
        Tensor t = Tensor.vector(0, 0);
        assertThat(F.mseLoss(x, t).item()).isEqualTo(2.5);
        assertThat(F.mseLoss(x, t, Reduction.SUM).item()).isEqualTo(5);
        assertThat(F.mseLoss(x, t, Reduction.NONE).toDoubleArray()).containsExactly(1, 4);
        assertThatThrownBy(() -> F.mseLoss(x, Tensor.zeros(3))).hasMessageContaining("[2]").hasMessageContaining("[3]");
    }

    @Test
    void huberLoss() {
        Tensor d = Tensor.vector(0.5, 2, -3);
        Tensor zero = Tensor.zeros(3);
        assertThat(F.huberLoss(d, zero, 1, Reduction.NONE).toDoubleArray()).containsExactly(0.125, 1.5, 2.5);
        assertThat(F.huberLoss(d, zero).item()).isEqualTo(4.125 / 3);
        assertThat(F.huberLoss(d, zero, 2, Reduction.SUM).item()).isEqualTo(0.125 + 2 + 4);
        Tensor x = Tensor.vector(0.5, 2, -3).requiresGrad();
        F.huberLoss(x, zero, 1, Reduction.SUM).backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0.5, 1, -1);
    }

    @Test
    void crossEntropyFromLogits() {
        double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        double row1 = Math.log(Math.exp(0.5) + Math.exp(-1) + Math.exp(0)) - 0.5;
        assertThat(F.crossEntropy(LOGITS, LABELS, Reduction.NONE, 0).toDoubleArray())
                .containsExactly(new double[] {row0, row1}, within(1e-15));
        assertThat(F.crossEntropy(LOGITS, LABELS).item()).isCloseTo((row0 + row1) / 2, within(1e-15));
        assertThat(F.crossEntropy(Tensor.zeros(1, 2), Tensor.vector(1)).item())
                .isCloseTo(Math.log(2), within(1e-16));
        // gradient: (softmax - one-hot) / n
        Tensor z = LOGITS.detach().requiresGrad();
        F.crossEntropy(z, LABELS).backward();
        double[] s = LOGITS.softmax(1).toDoubleArray();
        double[] expected = {s[0] / 2, s[1] / 2, (s[2] - 1) / 2, (s[3] - 1) / 2, s[4] / 2, s[5] / 2};
        assertThat(z.grad().toDoubleArray()).containsExactly(expected, within(1e-16));
    }

    @Test
    void crossEntropyWithLabelSmoothing() {
        double e = 0.1;
        double[] lse = {Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)),
                Math.log(Math.exp(0.5) + Math.exp(-1) + Math.exp(0))};
        double[][] z = {{1, 2, 3}, {0.5, -1, 0}};
        int[] y = {2, 0};
        double total = 0;
        for (int i = 0; i < 2; i++) {
            double smooth = 0;
            for (int c = 0; c < 3; c++) {
                double q = (c == y[i] ? 1 - e : 0) + e / 3;
                smooth += -q * (z[i][c] - lse[i]);
            }
            total += smooth;
        }
        assertThat(F.crossEntropy(LOGITS, LABELS, Reduction.SUM, e).item()).isCloseTo(total, within(1e-14));
        assertThatThrownBy(() -> F.crossEntropy(LOGITS, LABELS, Reduction.SUM, -0.1)).hasMessageContaining("-0.1");
    }

    @Test
    void classIndicesAreChecked() {
        assertThatThrownBy(() -> F.crossEntropy(LOGITS, Tensor.vector(3, 0))).hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> F.crossEntropy(LOGITS, Tensor.vector(0.5, 0))).hasMessageContaining("0.5");
        assertThatThrownBy(() -> F.crossEntropy(LOGITS, Tensor.vector(1))).hasMessageContaining("[2, 3]");
        assertThat(F.oneHot(Tensor.vector(2, 0), 3).toDoubleArray()).containsExactly(0, 0, 1, 1, 0, 0);
    }

    @Test
    void nllLoss() {
        Tensor logp = Tensor.of(new double[] {-1, -2}, new double[] {-3, -4});
        assertThat(F.nllLoss(logp, Tensor.vector(1, 0)).item()).isEqualTo(2.5);
        assertThat(F.nllLoss(logp, Tensor.vector(1, 0), Reduction.NONE).toDoubleArray()).containsExactly(2, 3);
        assertThat(F.nllLoss(LOGITS.logSoftmax(1), LABELS).item())
                .isCloseTo(F.crossEntropy(LOGITS, LABELS).item(), within(1e-15));
    }

    @Test
    void binaryCrossEntropyWithLogitsIsStable() {
        assertThat(F.binaryCrossEntropyWithLogits(Tensor.vector(0), Tensor.vector(1)).item())
                .isCloseTo(Math.log(2), within(1e-16));
        double p = 1 / (1 + Math.exp(-2));
        assertThat(F.binaryCrossEntropyWithLogits(Tensor.vector(2), Tensor.vector(0.3)).item())
                .isCloseTo(-(0.3 * Math.log(p) + 0.7 * Math.log(1 - p)), within(1e-15));
        assertThat(F.binaryCrossEntropyWithLogits(Tensor.vector(1000, -1000, 1000), Tensor.vector(0, 1, 1),
                Reduction.NONE).toDoubleArray()).containsExactly(1000, 1000, 0);
        Tensor x = Tensor.vector(0, 1000, -1000, 2).requiresGrad();
        F.binaryCrossEntropyWithLogits(x, Tensor.vector(1, 0, 1, 0.3), Reduction.SUM).backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(new double[] {-0.5, 1, -1, p - 0.3}, within(1e-15));
    }

    @TestFactory
    Stream<DynamicTest> gradcheckAndGradgradcheck() {
        SplittableRandom rng = new SplittableRandom(21);
        Tensor a = Tensor.randn(rng, 2, 3);
        Tensor b = Tensor.randn(rng, 2, 3);
        Tensor probs = Tensor.rand(rng, 2, 3);
        record Case(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        }
        Stream<Case> cases = Stream.of(
                new Case("mseLoss", x -> F.mseLoss(x.get(0), x.get(1)), List.of(a, b)),
                new Case("mseLoss none", x -> F.mseLoss(x.get(0), x.get(1), Reduction.NONE), List.of(a, b)),
                new Case("huberLoss", x -> F.huberLoss(x.get(0), x.get(1), 0.8, Reduction.SUM), List.of(a, b)),
                new Case("crossEntropy", x -> F.crossEntropy(x.get(0), LABELS), List.of(a)),
                new Case("crossEntropy smoothed", x -> F.crossEntropy(x.get(0), LABELS, Reduction.NONE, 0.2), List.of(a)),
                new Case("nllLoss", x -> F.nllLoss(x.get(0).logSoftmax(1), LABELS, Reduction.SUM), List.of(a)),
                new Case("binaryCrossEntropyWithLogits",
                        x -> F.binaryCrossEntropyWithLogits(x.get(0), x.get(1)), List.of(a, probs)));
        return cases.flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.name() + " gradcheck",
                        () -> TensorGradCheck.gradcheck(c.f(), c.inputs(), new SplittableRandom(1)).requirePassed()),
                DynamicTest.dynamicTest(c.name() + " gradgradcheck",
                        () -> TensorGradCheck.gradgradcheck(c.f(), c.inputs(), new SplittableRandom(2)).requirePassed())));
    }
}
