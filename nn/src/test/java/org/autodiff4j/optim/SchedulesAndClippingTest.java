package org.autodiff4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules and gradient clipping. */
class SchedulesAndClippingTest {

    private final List<Parameter> params = List.of(new Parameter(Tensor.vector(3, 4)), new Parameter(Tensor.vector(12)));

    @Test
    void stepLrDecaysEveryStepSizeEpochs() {
        SGD opt = new SGD(params, 0.1);
        StepLR schedule = new StepLR(opt, 2, 0.5);
        double[] seen = new double[6];
        for (int e = 0; e < 6; e++) {
            seen[e] = opt.lr();
            schedule.step();
        }
        assertThat(seen).containsExactly(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025}, within(1e-17));
        assertThat(schedule.epoch()).isEqualTo(6);
        assertThatThrownBy(() -> new StepLR(opt, 0, 0.5)).hasMessageContaining("stepSize");
    }

    @Test
    void cosineAnnealingFollowsHalfACosine() {
        SGD opt = new SGD(params, 0.1);
        CosineAnnealingLR schedule = new CosineAnnealingLR(opt, 4, 0.02);
        assertThat(schedule.lrAt(0)).isEqualTo(0.1);
        schedule.step();
        assertThat(opt.lr()).isCloseTo(0.02 + 0.08 * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-17));
        schedule.step();
        assertThat(opt.lr()).isCloseTo(0.06, within(1e-17));
        schedule.step();
        schedule.step();
        assertThat(opt.lr()).isCloseTo(0.02, within(1e-17));
    }

    @Test
    void clipGradNormRescalesAllGradientsTogether() {
        params.get(0).value().sum().backward();   // gradient (1, 1)
        params.get(1).value().mul(2).sum().backward();   // gradient (2)
        double norm = GradClip.clipGradNorm(params, 1);
        assertThat(norm).isCloseTo(Math.sqrt(6), within(1e-15));
        double c = 1 / (Math.sqrt(6) + 1e-6);
        assertThat(params.get(0).grad().toDoubleArray()).containsExactly(new double[] {c, c}, within(1e-16));
        assertThat(params.get(1).grad().toDoubleArray()).containsExactly(new double[] {2 * c}, within(1e-16));
        assertThat(GradClip.clipGradNorm(params, 10)).isCloseTo(1, within(1e-6));
        assertThat(params.get(1).grad().item()).isEqualTo(2 * c);
        assertThatThrownBy(() -> GradClip.clipGradNorm(params, 0)).hasMessageContaining("maxNorm");
    }
}
