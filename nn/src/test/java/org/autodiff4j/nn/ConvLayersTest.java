package org.autodiff4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The layers of convolutional and attention models: shapes, initialization, modes, state. */
class ConvLayersTest {

    @Test
    void conv2dIsKaimingUniformAndSeeded() {
        Conv2d conv = new Conv2d(4, 8, 3, 1, 1, new SplittableRandom(1));
        double bound = 1 / Math.sqrt(4 * 9);
        assertThat(conv.weight().value().shape().toArray()).containsExactly(8, 4, 3, 3);
        assertThat(conv.weight().value().abs().max().item()).isLessThanOrEqualTo(bound).isGreaterThan(0.8 * bound);
        assertThat(conv.bias().value().abs().max().item()).isLessThanOrEqualTo(bound);
        assertThat(conv.namedParameters().keySet()).containsExactly("weight", "bias");
        Conv2d again = new Conv2d(4, 8, 3, 1, 1, new SplittableRandom(1));
        assertThat(again.weight().value().toDoubleArray()).containsExactly(conv.weight().value().toDoubleArray());
        Tensor x = Tensor.randn(new SplittableRandom(2), 2, 4, 5, 5);
        assertThat(conv.forward(x).shape().toArray()).containsExactly(2, 8, 5, 5);
        assertThatThrownBy(() -> new Conv2d(3, 4, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1},
                2, true, new SplittableRandom(1))).hasMessageContaining("groups 2");
    }

    @Test
    void batchNorm2dTracksRunningStatisticsAndUsesThemInEvaluation() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor x = Tensor.randn(new SplittableRandom(3), 8, 2, 3, 3).mul(2).add(5);
        Tensor y = bn.forward(x);
        assertThat(y.mean(new int[] {0, 2, 3}, false).abs().max().item()).isLessThan(1e-12);
        Tensor[] stats = F.batchStatistics(x);
        assertThat(bn.runningMean().get(0)).isCloseTo(0.1 * stats[0].get(0), within(1e-12));
        assertThat(bn.runningVar().get(1)).isCloseTo(0.9 + 0.1 * stats[1].get(1), within(1e-12));
        assertThat(bn.stateDict().keySet()).containsExactly("weight", "bias", "running_mean", "running_var");
        bn.eval();
        Tensor before = bn.runningMean();
        Tensor z = bn.forward(x);
        assertThat(bn.runningMean()).isSameAs(before);
        double want = (x.get(0, 0, 0, 0) - before.get(0)) / Math.sqrt(bn.runningVar().get(0) + 1e-5);
        assertThat(z.get(0, 0, 0, 0)).isCloseTo(want, within(1e-12));
    }

    @Test
    void maxPoolAndEmbeddingLayers() {
        assertThat(new MaxPool2d(2).forward(Tensor.zeros(3, 2, 28, 28)).shape().toArray()).containsExactly(3, 2, 14, 14);
        Embedding e = new Embedding(5, 3, new SplittableRandom(4));
        Tensor out = e.forward(Tensor.of(new double[] {4, 1}, 2));
        assertThat(out.shape().toArray()).containsExactly(2, 3);
        assertThat(out.get(0, 2)).isEqualTo(e.weight().value().get(4, 2));
    }

    @Test
    void multiheadAttentionWithOneHeadIsProjectedAttention() {
        SplittableRandom rng = new SplittableRandom(5);
        MultiheadAttention mha = new MultiheadAttention(4, 1, rng);
        assertThat(mha.namedParameters().keySet())
                .containsExactly("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias");
        Tensor x = Tensor.randn(rng, 2, 3, 4);
        Tensor w = mha.namedParameters().get("in_proj_weight").value();
        Tensor q = x.matmul(w.slice(0, 0, 4).mT());
        Tensor k = x.matmul(w.slice(0, 4, 8).mT());
        Tensor v = x.matmul(w.slice(0, 8, 12).mT());
        Tensor want = F.linear(F.scaledDotProductAttention(q, k, v, null),
                mha.namedParameters().get("out_proj.weight").value(), null);
        assertThat(mha.forward(x).sub(want).abs().max().item()).isLessThan(1e-12);
    }

    @Test
    void multiheadAttentionHeadsAreIndependentAndMasksApply() {
        SplittableRandom rng = new SplittableRandom(6);
        MultiheadAttention mha = new MultiheadAttention(6, 3, rng);
        Tensor x = Tensor.randn(rng, 2, 4, 6);
        Tensor causal = mha.forward(x, x, x, F.causalMask(4));
        assertThat(causal.shape().toArray()).containsExactly(2, 4, 6);
        // with a causal mask, changing the last position leaves the first three outputs alone
        Tensor changed = x.add(Tensor.zeros(2, 4, 6).add(Tensor.of(new double[] {0, 0, 0, 1}, 1, 4, 1)));
        Tensor other = mha.forward(changed, changed, changed, F.causalMask(4));
        assertThat(other.slice(1, 0, 3).sub(causal.slice(1, 0, 3)).abs().max().item()).isLessThan(1e-12);
        assertThat(other.slice(1, 3, 4).sub(causal.slice(1, 3, 4)).abs().max().item()).isGreaterThan(1e-6);
    }
}
