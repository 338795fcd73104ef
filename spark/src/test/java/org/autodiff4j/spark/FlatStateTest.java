package org.autodiff4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.autodiff4j.nn.BatchNorm2d;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.Trainer;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FlatStateTest {

    private static void assertSameState(Module a, Module b) {
        Map<String, Tensor> sa = a.stateDict();
        Map<String, Tensor> sb = b.stateDict();
        assertThat(sb.keySet()).containsExactlyElementsOf(sa.keySet());
        sa.forEach((k, t) -> {
            assertThat(sb.get(k).dtype()).as(k).isEqualTo(t.dtype());
            assertThat(sb.get(k).toDoubleArray()).as(k).containsExactly(t.toDoubleArray());
        });
    }

    @Test
    void anF32ModelTravelsAsFloatsAndAnF64OneAsDoublesBitForBit() {
        Module f32 = Trainer.mlp(3, 2, new int[] {4}, new SplittableRandom(1)).to(DType.F32);
        Object flat = FlatState.of(f32);
        assertThat(flat).isInstanceOf(float[].class);
        Module other = Trainer.mlp(3, 2, new int[] {4}, new SplittableRandom(2)).to(DType.F32);
        FlatState.load(other, flat);
        assertSameState(f32, other);

        Module f64 = Trainer.mlp(3, 2, new int[] {4}, new SplittableRandom(1));
        assertThat(FlatState.of(f64)).isInstanceOf(double[].class);
        Module other64 = Trainer.mlp(3, 2, new int[] {4}, new SplittableRandom(2));
        FlatState.load(other64, FlatState.of(f64));
        assertSameState(f64, other64);
    }

    @Test
    void buffersTravelTooAndAnotherArchitectureIsRefused() {
        BatchNorm2d a = new BatchNorm2d(3);
        a.train();
        a.forward(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 1, 2));
        BatchNorm2d b = new BatchNorm2d(3);
        FlatState.load(b, FlatState.of(a));
        assertSameState(a, b);

        Module small = Trainer.mlp(3, 2, new int[] {4}, new SplittableRandom(1));
        assertThatThrownBy(() -> FlatState.load(small, FlatState.of(Trainer.mlp(3, 2, new int[] {5},
                new SplittableRandom(1))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same architecture");
    }
}
