package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Indexing, joining, arg-reductions, bmm, corrected variance and triangles: values, gradients, errors. */
class IndexingTest {

    private static final Tensor M = Tensor.of(new double[] {1, 2, 3}, new double[] {4, 5, 6});

    @Test
    void indexSelectPicksSlicesAndScatterAddsTheGradientBack() {
        Tensor x = M.detach().requiresGrad();
        Tensor y = x.indexSelect(1, 2, 0, 2);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(y.toDoubleArray()).containsExactly(3, 1, 3, 6, 4, 6);
        y.sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(1, 0, 2, 1, 0, 2);
        assertThat(M.indexSelect(0, Tensor.vector(1)).toDoubleArray()).containsExactly(4, 5, 6);
    }

    @Test
    void gatherAndScatterAddAreAdjoint() {
        Tensor index = Tensor.of(new double[] {2, 2}, new double[] {0, 1});
        Tensor x = M.detach().requiresGrad();
        Tensor g = x.gather(1, index);
        assertThat(g.toDoubleArray()).containsExactly(3, 3, 4, 5);
        g.mul(Tensor.of(new double[] {1, 10}, new double[] {100, 1000})).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 0, 11, 100, 1000, 0);

        Tensor base = Tensor.zeros(3);
        Tensor src = Tensor.vector(1, 2, 3).requiresGrad();
        Tensor s = base.scatterAdd(0, Tensor.vector(0, 2, 0), src);
        assertThat(s.toDoubleArray()).containsExactly(4, 0, 2);
        s.mul(Tensor.vector(5, 6, 7)).sum().backward();
        assertThat(src.grad().toDoubleArray()).containsExactly(5, 7, 5);
    }

    @Test
    void gatherWithArgmaxPicksTheMaxima() {
        Tensor x = Tensor.of(new double[] {1, 5, 2}, new double[] {7, 2, 7});
        Tensor i = x.argmax(1, true);
        assertThat(i.toDoubleArray()).containsExactly(1, 0);
        assertThat(x.gather(1, i).toDoubleArray()).containsExactly(5, 7);
        assertThat(x.argmin(0, false).toDoubleArray()).containsExactly(0, 1, 0);
        assertThat(x.argmax().item()).isEqualTo(3);
        assertThat(x.argmin().item()).isEqualTo(0);
        assertThat(Tensor.vector(1, Double.NaN, 3).argmax().item()).isEqualTo(1);
        assertThat(x.requiresGrad().argmax().tracksGrad()).isFalse();
    }

    @Test
    void catStackSplitAndPad() {
        Tensor a = Tensor.vector(1, 2).requiresGrad();
        Tensor b = Tensor.vector(3).requiresGrad();
        Tensor c = Tensor.cat(0, a, b);
        assertThat(c.toDoubleArray()).containsExactly(1, 2, 3);
        c.mul(Tensor.vector(10, 20, 30)).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(10, 20);
        assertThat(b.grad().toDoubleArray()).containsExactly(30);

        Tensor s = Tensor.stack(1, Tensor.vector(1, 2), Tensor.vector(3, 4));
        assertThat(s.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(s.toDoubleArray()).containsExactly(1, 3, 2, 4);
        assertThat(Tensor.cat(1, M, M).shape()).isEqualTo(Shape.of(2, 6));
        assertThat(Tensor.stack(-1, List.of(M, M)).shape()).isEqualTo(Shape.of(2, 3, 2));

        List<Tensor> parts = Tensor.arange(5).split(2, 0);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(2).toDoubleArray()).containsExactly(4);
        assertThat(M.split(new int[] {1, 2}, 1).get(1).toDoubleArray()).containsExactly(2, 3, 5, 6);

        Tensor p = M.pad(new int[] {1, 0, 0, 1}, -1);
        assertThat(p.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(p.toDoubleArray()).containsExactly(-1, 1, 2, 3, -1, 4, 5, 6, -1, -1, -1, -1);
        assertThat(M.pad(new int[] {-1, -1}, 0).toDoubleArray()).containsExactly(2, 5);
    }

    @Test
    void compositesGradcheckTwice() {
        SplittableRandom rng = new SplittableRandom(7);
        List<Function<List<Tensor>, Tensor>> fs = List.of(
                x -> x.get(0).indexSelect(0, 1, 1, 0).sin(),
                x -> x.get(0).scatterAdd(1, Tensor.of(new double[] {0, 0}, new double[] {2, 1}), x.get(1)).square(),
                x -> Tensor.stack(0, x.get(0), x.get(1).slice(1, 0, 3)).tanh(),
                x -> x.get(0).pad(new int[] {2, 1, 1, 0}, 0.5).mul(x.get(0).sum()),
                x -> x.get(0).var(new int[] {1}, true, 1).add(x.get(1).std(new int[] {0, 1}, false, 1)),
                x -> x.get(0).matmul(x.get(1).mT()).tril(0).add(x.get(0).matmul(x.get(1).mT()).triu(1).mul(3)).exp(),
                x -> Tensor.cat(1, x.get(0).split(1, 1)).mul(x.get(0)));
        for (Function<List<Tensor>, Tensor> f : fs) {
            List<Tensor> in = List.of(Tensor.randn(rng, 2, 3), Tensor.randn(rng, 2, 3));
            TensorGradCheck.gradcheck(f, in, rng).requirePassed();
            TensorGradCheck.gradgradcheck(f, in, rng).requirePassed();
        }
    }

    @Test
    void bmmVarianceAndTriangles() {
        Tensor a = Tensor.arange(12).reshape(2, 2, 3);
        Tensor b = Tensor.arange(12).reshape(2, 3, 2);
        assertThat(a.bmm(b).toDoubleArray()).containsExactly(a.matmul(b).toDoubleArray());
        assertThat(Tensor.vector(1, 2, 3, 4).var(new int[] {0}, false, 1).item()).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(Tensor.vector(1, 2, 3, 4).std(new int[] {0}, false, 0).item())
                .isCloseTo(Tensor.vector(1, 2, 3, 4).std().item(), within(1e-15));
        assertThat(M.tril(0).toDoubleArray()).containsExactly(1, 0, 0, 4, 5, 0);
        assertThat(M.triu(1).toDoubleArray()).containsExactly(0, 2, 3, 0, 0, 6);
        assertThat(M.tril(-1).toDoubleArray()).containsExactly(0, 0, 0, 4, 0, 0);
    }

    @Test
    void errorsNameShapesAndTheValidRange() {
        assertThatThrownBy(() -> M.indexSelect(1, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 3").hasMessageContaining("0 to 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> M.indexSelect(0, Tensor.vector(0.5))).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> M.gather(1, Tensor.vector(0))).hasMessageContaining("rank");
        assertThatThrownBy(() -> M.gather(0, Tensor.zeros(1, 4))).hasMessageContaining("[1, 4]").hasMessageContaining("dimension 1");
        assertThatThrownBy(() -> M.gather(1, Tensor.of(new double[] {-1}, new double[] {0})))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index -1");
        assertThatThrownBy(() -> Tensor.cat(0, M, Tensor.zeros(2, 2))).hasMessageContaining("[2, 2]").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.cat(0, M, M.to(DType.F32))).hasMessageContaining("F32");
        assertThatThrownBy(() -> Tensor.stack(0, M, M.mT())).hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> M.split(new int[] {1, 1}, 1)).hasMessageContaining("add up to 2");
        assertThatThrownBy(() -> M.pad(new int[] {1}, 0)).hasMessageContaining("pairs");
        assertThatThrownBy(() -> Tensor.zeros(2, 0).argmax(1, false)).hasMessageContaining("empty");
        assertThatThrownBy(() -> M.bmm(M)).hasMessageContaining("[2, 3]");
    }
}
