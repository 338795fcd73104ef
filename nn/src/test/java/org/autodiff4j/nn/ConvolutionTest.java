package org.autodiff4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorGradCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Convolution, pooling, batch norm, embedding and attention: values against direct loops, and
 * gradcheck plus gradgradcheck for each.
 */
class ConvolutionTest {

    /** The convolution by its definition: four nested sums, zero outside the image. */
    static double[] naiveConv(Tensor x, Tensor w, Tensor b, int[] s, int[] p, int[] d, int groups, int oh, int ow) {
        int n = x.shape().dim(0);
        int cin = x.shape().dim(1);
        int h = x.shape().dim(2);
        int wd = x.shape().dim(3);
        int cout = w.shape().dim(0);
        int cg = cin / groups;
        int kh = w.shape().dim(2);
        int kw = w.shape().dim(3);
        double[] out = new double[n * cout * oh * ow];
        int q = 0;
        for (int bi = 0; bi < n; bi++) {
            for (int o = 0; o < cout; o++) {
                int g = o / (cout / groups);
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double sum = b == null ? 0 : b.get(o);
                        for (int c = 0; c < cg; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int r = y * s[0] - p[0] + i * d[0];
                                    int col = xx * s[1] - p[1] + j * d[1];
                                    if (r >= 0 && r < h && col >= 0 && col < wd) {
                                        sum += w.get(o, c, i, j) * x.get(bi, g * cg + c, r, col);
                                    }
                                }
                            }
                        }
                        out[q++] = sum;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void conv2dMatchesTheDirectSumOnRandomShapes() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 30; trial++) {
            int groups = 1 + rng.nextInt(3);
            int cin = groups * (1 + rng.nextInt(3));
            int cout = groups * (1 + rng.nextInt(3));
            int[] k = {1 + rng.nextInt(3), 1 + rng.nextInt(3)};
            int[] s = {1 + rng.nextInt(2), 1 + rng.nextInt(3)};
            int[] p = {rng.nextInt(3), rng.nextInt(2)};
            int[] d = {1 + rng.nextInt(2), 1 + rng.nextInt(2)};
            int h = d[0] * (k[0] - 1) + 1 + rng.nextInt(6);
            int w = d[1] * (k[1] - 1) + 1 + rng.nextInt(6);
            int n = 1 + rng.nextInt(3);
            Tensor x = Tensor.randn(rng, n, cin, h, w);
            Tensor wt = Tensor.randn(rng, cout, cin / groups, k[0], k[1]);
            Tensor b = rng.nextBoolean() ? Tensor.randn(rng, cout) : null;
            Tensor out = F.conv2d(x, wt, b, s, p, d, groups);
            int oh = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
            int ow = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
            assertThat(out.shape().toArray()).containsExactly(n, cout, oh, ow);
            double[] want = naiveConv(x, wt, b, s, p, d, groups, oh, ow);
            double[] got = out.toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as("trial " + trial + " element " + i).isCloseTo(want[i], within(1e-10));
            }
            double[] got32 = F.conv2d(x.to(DType.F32), wt.to(DType.F32), b == null ? null : b.to(DType.F32), s, p, d, groups)
                    .toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(got32[i]).as("F32 trial " + trial + " element " + i).isCloseTo(want[i], within(1e-4));
            }
        }
    }

    @Test
    void convTranspose2dIsTheAdjointOfConv2dInTheInput() {
        SplittableRandom rng = new SplittableRandom(18);
        int[] s = {2, 1};
        int[] p = {1, 0};
        int[] d = {1, 2};
        Tensor x = Tensor.randn(rng, 2, 4, 7, 6);
        Tensor w = Tensor.randn(rng, 6, 2, 3, 2);
        Tensor y = F.conv2d(x, w, null, s, p, d, 2);
        Tensor g = Tensor.randn(rng, y.shape().toArray());
        // 7 = (4 - 1) * 2 - 2 + 2 + op + 1 needs output padding 0 in rows; 6 = (4 - 1) * 1 + 2 + 1 in columns
        Tensor back = F.convTranspose2d(g, w, null, s, p, new int[] {0, 0}, 2, d);
        assertThat(back.shape()).isEqualTo(x.shape());
        assertThat(y.mul(g).sum().item()).isCloseTo(x.mul(back).sum().item(), within(1e-9));
    }

    @Test
    void convTranspose2dWithOutputPaddingHasPyTorchsShape() {
        Tensor out = F.convTranspose2d(Tensor.ones(1, 2, 3, 3), Tensor.ones(2, 5, 3, 3), Tensor.zeros(5),
                new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 1, new int[] {1, 1});
        assertThat(out.shape().toArray()).containsExactly(1, 5, 6, 6);
    }

    @Test
    void poolsMatchDirectComputation() {
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4);
        assertThat(F.maxPool2d(x, 2).toDoubleArray()).containsExactly(5, 7, 13, 15);
        assertThat(F.avgPool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}).toDoubleArray())
                .containsExactly(2.5, 4.5, 10.5, 12.5);
        // padding by -inf: a window over the corner sees only x[0, 0]
        Tensor padded = F.maxPool2d(x.neg(), new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1});
        assertThat(padded.get(0, 0, 0, 0)).isEqualTo(0);
        // windows of 5 into 3: [0, 2), [1, 4), [3, 5)
        Tensor row = Tensor.arange(5).reshape(1, 1, 1, 5);
        assertThat(F.adaptiveAvgPool2d(row, new int[] {1, 3}).toDoubleArray()).containsExactly(0.5, 2, 3.5);
        assertThat(F.adaptiveAvgPool2d(x, new int[] {1, 1}).item()).isEqualTo(7.5);
    }

    @Test
    void batchNormNormalizesInTrainingAndUsesRunningStatisticsInEvaluation() {
        SplittableRandom rng = new SplittableRandom(19);
        Tensor x = Tensor.randn(rng, 4, 3, 2, 2).mul(3).add(1);
        Tensor out = F.batchNorm(x, null, null, null, null, true, 0);
        double[] mean = out.mean(new int[] {0, 2, 3}, false).toDoubleArray();
        double[] var = out.var(new int[] {0, 2, 3}, false).toDoubleArray();
        for (int c = 0; c < 3; c++) {
            assertThat(mean[c]).isCloseTo(0, within(1e-12));
            assertThat(var[c]).isCloseTo(1, within(1e-9));
        }
        Tensor eval = F.batchNorm(x, Tensor.vector(1, 1, 1), Tensor.vector(4, 4, 4), Tensor.vector(2, 2, 2),
                Tensor.vector(0, 0, 0), false, 0);
        assertThat(eval.toDoubleArray()[0]).isCloseTo((x.toDoubleArray()[0] - 1) / 2 * 2, within(1e-12));
        Tensor[] stats = F.batchStatistics(x);
        assertThat(stats[1].get(0)).isCloseTo(x.slice(1, 0, 1).var(new int[] {0, 1, 2, 3}, false, 1).item(), within(1e-12));
        assertThatThrownBy(() -> F.batchNorm(x, null, null, null, null, false, 1e-5)).hasMessageContaining("running");
    }

    @Test
    void embeddingPicksRows() {
        Tensor table = Tensor.of(new double[] {0, 1}, new double[] {2, 3}, new double[] {4, 5});
        Tensor out = F.embedding(Tensor.of(new double[] {2, 0}, new double[] {1, 1}), table);
        assertThat(out.shape().toArray()).containsExactly(2, 2, 2);
        assertThat(out.toDoubleArray()).containsExactly(4, 5, 0, 1, 2, 3, 2, 3);
    }

    @Test
    void attentionWithACausalMaskIgnoresTheFuture() {
        SplittableRandom rng = new SplittableRandom(20);
        Tensor q = Tensor.randn(rng, 2, 4, 3);
        Tensor k = Tensor.randn(rng, 2, 4, 3);
        Tensor v = Tensor.randn(rng, 2, 4, 5).requiresGrad();
        Tensor out = F.scaledDotProductAttention(q, k, v, F.causalMask(4));
        // the first query sees only the first key: its output is the first value
        for (int j = 0; j < 5; j++) {
            assertThat(out.get(0, 0, j)).isCloseTo(v.get(0, 0, j), within(1e-12));
        }
        out.slice(1, 0, 1).sum().backward();
        assertThat(v.grad().slice(1, 1, 4).abs().sum().item()).isEqualTo(0);
        Tensor plain = F.scaledDotProductAttention(q, k, v, null);
        Tensor scores = q.matmul(k.mT()).div(Math.sqrt(3)).softmax(-1);
        assertThat(plain.sub(scores.matmul(v)).abs().max().item()).isLessThan(1e-12);
    }

    private record Case(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
    }

    static Stream<Case> cases() {
        SplittableRandom rng = new SplittableRandom(21);
        Tensor x = Tensor.randn(rng, 2, 2, 4, 4);
        Tensor w = Tensor.randn(rng, 4, 1, 2, 3);
        Tensor b = Tensor.randn(rng, 4);
        Tensor distinct = distinct(rng, 2, 2, 4, 4);
        Tensor q = Tensor.randn(rng, 2, 3, 2);
        Tensor k = Tensor.randn(rng, 2, 4, 2);
        Tensor v = Tensor.randn(rng, 2, 4, 3);
        Tensor mask = Tensor.of(new double[] {1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0}, 3, 4);
        return Stream.of(
                new Case("conv2d, groups 2, stride, padding, dilation",
                        in -> F.conv2d(in.get(0), in.get(1), in.get(2), new int[] {2, 1}, new int[] {1, 1},
                                new int[] {1, 2}, 2), List.of(x, w, b)),
                new Case("conv2d plain", in -> F.conv2d(in.get(0), in.get(1), null),
                        List.of(x, Tensor.randn(rng, 3, 2, 3, 3))),
                new Case("convTranspose2d", in -> F.convTranspose2d(in.get(0), in.get(1), in.get(2), new int[] {2, 2},
                        new int[] {1, 0}, new int[] {1, 0}, 1, new int[] {1, 1}),
                        List.of(Tensor.randn(rng, 1, 2, 3, 3), Tensor.randn(rng, 2, 3, 3, 2), Tensor.randn(rng, 3))),
                new Case("maxPool2d", in -> F.maxPool2d(in.get(0), 2), List.of(distinct)),
                new Case("maxPool2d overlapping, padded", in -> F.maxPool2d(in.get(0), new int[] {3, 3}, new int[] {2, 2},
                        new int[] {1, 1}, new int[] {1, 1}), List.of(distinct)),
                new Case("avgPool2d", in -> F.avgPool2d(in.get(0), new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 0}),
                        List.of(x)),
                new Case("adaptiveAvgPool2d 3x2", in -> F.adaptiveAvgPool2d(in.get(0), new int[] {3, 2}), List.of(x)),
                new Case("batchNorm training", in -> F.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 1e-5),
                        List.of(x, Tensor.randn(rng, 2), Tensor.randn(rng, 2))),
                new Case("batchNorm evaluation", in -> F.batchNorm(in.get(0), Tensor.vector(0.5, -1), Tensor.vector(2, 0.5),
                        in.get(1), in.get(2), false, 1e-5), List.of(x, Tensor.randn(rng, 2), Tensor.randn(rng, 2))),
                new Case("embedding", in -> F.embedding(Tensor.of(new double[] {2, 0, 2}, 3), in.get(0)),
                        List.of(Tensor.randn(rng, 3, 2))),
                new Case("scaledDotProductAttention", in -> F.scaledDotProductAttention(in.get(0), in.get(1), in.get(2), null),
                        List.of(q, k, v)),
                new Case("scaledDotProductAttention with mask",
                        in -> F.scaledDotProductAttention(in.get(0), in.get(1), in.get(2), mask), List.of(q, k, v)));
    }

    /** Values at least 0.05 apart, so no pooling window has a tie. */
    private static Tensor distinct(SplittableRandom rng, int... shape) {
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = 0.1 * i - size * 0.05 + 0.05 * rng.nextDouble();
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape);
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
}
