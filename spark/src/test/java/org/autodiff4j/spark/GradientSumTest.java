package org.autodiff4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class GradientSumTest {

    private static GradientSum roundTrip(GradientSum g) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(g);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (GradientSum) in.readObject();
        }
    }

    @Test
    void serializationKeepsEveryBitOfFloatAndDoubleGradients() throws Exception {
        double[] floats = {1.5, -0.25, (float) 0.1, Double.NaN, Double.POSITIVE_INFINITY};
        double[] doubles = {1.5, 0.1, -3e-300};
        assertThat(roundTrip(new GradientSum(2, floats, 3)).grad()).containsExactly(floats);
        assertThat(roundTrip(new GradientSum(2, doubles, 3)).grad()).containsExactly(doubles);
        GradientSum empty = roundTrip(new GradientSum());
        assertThat(empty.grad()).isNull();
        assertThat(empty.count()).isZero();
    }

    @Test
    void addsLossesCountsAndGradientsAndRefusesOtherLengths() {
        GradientSum s = new GradientSum().add(new GradientSum(1, new double[] {1, 2}, 4)).add(new GradientSum(2, new double[] {3, 4}, 5));
        assertThat(s.grad()).containsExactly(4, 6);
        assertThat(s.loss()).isEqualTo(3);
        assertThat(s.count()).isEqualTo(9);
        assertThatThrownBy(() -> s.add(new GradientSum(0, new double[] {1}, 1)))
                .hasMessageContaining("gradients of 2 and 1 values");
    }

    @Test
    void aShardsFloatGradientTravelsAsFloatsAndIsAddedInDouble() throws Exception {
        float[] f = {0.1f, -3.5f, Float.NaN};
        GradientSum shard = roundTrip(new GradientSum(1, f, 2));
        assertThat(shard.grad()).containsExactly(0.1f, -3.5f, Double.NaN);
        GradientSum s = new GradientSum().add(roundTrip(new GradientSum(1, new float[] {0.1f, 1, 2}, 2)))
                .add(roundTrip(new GradientSum(2, new float[] {0.2f, 1, 2}, 3)));
        assertThat(s.grad()).containsExactly((double) 0.1f + (double) 0.2f, 2, 4);
        assertThat(s.count()).isEqualTo(5);
        assertThatThrownBy(() -> s.add(new GradientSum(0, new float[] {1}, 1)))
                .hasMessageContaining("gradients of 3 and 1 values");
    }
}
