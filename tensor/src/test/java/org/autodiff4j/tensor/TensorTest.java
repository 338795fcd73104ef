package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Creation, access, views, formatting and the errors a user meets. */
class TensorTest {

    @Test
    void creationGivesShapesAndValues() {
        assertThat(Tensor.of(new double[] {1, 2}, new double[] {3, 4}).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, -1).shape()).isEqualTo(Shape.of(3, 2));
        assertThat(Tensor.vector(1, 2, 3).toDoubleArray()).containsExactly(1, 2, 3);
        assertThat(Tensor.scalar(2.5).item()).isEqualTo(2.5);
        assertThat(Tensor.zeros(2, 3).toDoubleArray()).containsOnly(0);
        assertThat(Tensor.ones(DType.F32, 2).dtype()).isEqualTo(DType.F32);
        assertThat(Tensor.full(0.5, 2, 2).toDoubleArray()).containsOnly(0.5);
        assertThat(Tensor.arange(4).toDoubleArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.arange(1, 2, 0.25).toDoubleArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(Tensor.arange(3, 0, -1).toDoubleArray()).containsExactly(3, 2, 1);
        assertThat(Tensor.eye(2).toDoubleArray()).containsExactly(1, 0, 0, 1);
        Tensor r = Tensor.rand(new SplittableRandom(1), 100);
        assertThat(java.util.Arrays.stream(r.toDoubleArray()).allMatch(v -> v >= 0 && v < 1)).isTrue();
        assertThat(Tensor.randn(new SplittableRandom(1), 4000).mean().item()).isCloseTo(0, within(0.1));
        assertThat(Tensor.zeros(0, 3).size()).isZero();
    }

    @Test
    void accessCountsFromTheEnd() {
        Tensor m = Tensor.arange(6).reshape(2, 3);
        assertThat(m.get(1, 2)).isEqualTo(5);
        assertThat(m.get(-1, -3)).isEqualTo(3);
        assertThatThrownBy(() -> m.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("[2, 3]");
        assertThatThrownBy(m::item).hasMessageContaining("[2, 3]");
    }

    @Test
    void viewsShareStorage() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor t = x.transpose(0, 2);
        assertThat(t.f64).isSameAs(x.f64);
        assertThat(t.shape()).isEqualTo(Shape.of(4, 3, 2));
        assertThat(t.get(3, 1, 0)).isEqualTo(x.get(0, 1, 3));
        assertThat(t.isContiguous()).isFalse();
        assertThat(t.contiguous().isContiguous()).isTrue();
        assertThat(t.contiguous().get(3, 1, 0)).isEqualTo(x.get(0, 1, 3));

        Tensor p = x.permute(1, 2, 0);
        assertThat(p.f64).isSameAs(x.f64);
        assertThat(p.get(2, 3, 1)).isEqualTo(x.get(1, 2, 3));

        Tensor s = Tensor.arange(10).slice(0, 1, 8, 3);
        assertThat(s.toDoubleArray()).containsExactly(1, 4, 7);
        assertThat(Tensor.arange(10).slice(0, -3, 100).toDoubleArray()).containsExactly(7, 8, 9);
        assertThat(Tensor.arange(10).slice(0, 5, 2).size()).isZero();

        Tensor e = Tensor.vector(1, 2).expand(3, 2);
        assertThat(e.toDoubleArray()).containsExactly(1, 2, 1, 2, 1, 2);
        assertThat(e.strides[0]).isZero();
        assertThat(Tensor.vector(1, 2).reshape(2, 1).expand(-1, 3).toDoubleArray()).containsExactly(1, 1, 1, 2, 2, 2);

        assertThat(x.unsqueeze(0).shape()).isEqualTo(Shape.of(1, 2, 3, 4));
        assertThat(x.unsqueeze(-1).shape()).isEqualTo(Shape.of(2, 3, 4, 1));
        assertThat(x.unsqueeze(1).squeeze(1).shape()).isEqualTo(x.shape());
        assertThat(Tensor.zeros(1, 3, 1).squeeze().shape()).isEqualTo(Shape.of(3));
        assertThat(x.reshape(6, 4).f64).isSameAs(x.f64);
        // A transposed view cannot be reshaped without a copy: reshape copies, view refuses.
        assertThat(t.reshape(-1).toDoubleArray()).containsExactly(t.contiguous().toDoubleArray());
        assertThatThrownBy(() -> t.view(-1)).hasMessageContaining("reshape");
    }

    @Test
    void conversionBetweenTypesRounds() {
        Tensor x = Tensor.vector(0.1, 1e40);
        Tensor f = x.to(DType.F32);
        assertThat(f.f32).isNotNull();
        assertThat(f.toDoubleArray()).containsExactly((double) 0.1f, Double.POSITIVE_INFINITY);
        assertThat(f.to(DType.F64).dtype()).isEqualTo(DType.F64);
        assertThat(x.to(DType.F64)).isSameAs(x);
    }

    @Test
    void toStringIsReadable() {
        assertThat(Tensor.of(new double[] {1, 2}, new double[] {3, 4}).toString())
                .isEqualTo("tensor([[1., 2.],\n        [3., 4.]])");
        assertThat(Tensor.vector(0.5, -2).to(DType.F32).toString()).isEqualTo("tensor([ 0.5000, -2.0000], dtype=F32)");
        assertThat(Tensor.scalar(3).requiresGrad().toString()).isEqualTo("tensor(3., requiresGrad)");
        assertThat(Tensor.zeros(2, 0).toString()).isEqualTo("tensor([], shape=[2, 0])");
        assertThat(Tensor.vector(1e-7, 1).toString()).isEqualTo("tensor([1.0000e-07, 1.0000e+00])");
        String big = Tensor.arange(2000).reshape(40, 50).toString();
        assertThat(big).contains("...").hasSizeLessThan(400);
    }

    @Test
    void shapesThatDoNotBroadcastAreNamed() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)))
                .hasMessageContaining("[2, 2, 3]").hasMessageContaining("[3, 3, 1]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4)).hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).expand(2, 4)).hasMessageContaining("[2, 3]").hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).sum(2)).hasMessageContaining("axis 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).sum(1, -1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> Tensor.zeros(2, 0).max(1)).hasMessageContaining("empty").hasMessageContaining("[2, 0]");
    }

    @Test
    void aStackOfSmallProductsSharedAmongTheCoresEqualsEachProduct() {
        // [3, 40, 33] x [8, 3, 33, 37]: 24 products too small to split, run side by side; w broadcast over the 8
        SplittableRandom rng = new SplittableRandom(5);
        Tensor w = Tensor.randn(rng, 3, 40, 33);
        Tensor x = Tensor.randn(rng, 8, 3, 33, 37).permute(0, 1, 3, 2).contiguous().permute(0, 1, 3, 2);  // strided
        for (DType dtype : DType.values()) {
            Tensor out = w.to(dtype).matmul(x.to(dtype));
            assertThat(out.shape()).isEqualTo(Shape.of(8, 3, 40, 37));
            for (int b = 0; b < 8; b++) {
                for (int g = 0; g < 3; g++) {
                    Tensor expected = first(w, g).matmul(first(first(x, b), g));
                    double[] got = first(first(out, b), g).toDoubleArray();
                    double[] want = expected.toDoubleArray();
                    for (int i = 0; i < want.length; i++) {
                        assertThat(got[i]).as(dtype + " product (" + b + ", " + g + ") element " + i)
                                .isCloseTo(want[i], within(dtype == DType.F64 ? 1e-12 : 1e-4));
                    }
                }
            }
        }
    }

    private static Tensor first(Tensor t, int i) {
        return t.slice(0, i, i + 1).squeeze(0);
    }

    @Test
    void mixingTypesIsAnError() {
        assertThatThrownBy(() -> Tensor.ones(2).add(Tensor.ones(DType.F32, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("F64").hasMessageContaining("F32").hasMessageContaining("to(DType");
        assertThatThrownBy(() -> Tensor.ones(2, 2).matmul(Tensor.ones(DType.F32, 2, 2))).hasMessageContaining("F32");
    }

    @Test
    void shapeBroadcastingFollowsNumPy() {
        assertThat(Shape.of(4, 1, 3).broadcast(Shape.of(5, 1))).isEqualTo(Shape.of(4, 5, 3));
        assertThat(Shape.of().broadcast(Shape.of(2))).isEqualTo(Shape.of(2));
        assertThat(Shape.of(0, 1).broadcast(Shape.of(1, 3))).isEqualTo(Shape.of(0, 3));
        assertThatThrownBy(() -> Shape.of(0).broadcast(Shape.of(2))).hasMessageContaining("[0]").hasMessageContaining("[2]");
        assertThat(Shape.of(2, 3).size()).isEqualTo(6);
        assertThat(Shape.of(2, 3).dim(-1)).isEqualTo(3);
        assertThat(Shape.of(2, 3)).hasToString("[2, 3]");
    }
}
