package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Anomaly mode names the op and the user's line; hooks see and replace gradients. */
class AnomalyAndHooksTest {

    @Test
    @SuppressWarnings("try") // the scope is entered for its effect, as users write it
    void anomalyModeNamesTheOpAndTheCallSite() {
        Tensor x = Tensor.vector(4, 0, 1).requiresGrad();
        try (AnomalyMode on = Autograd.detectAnomaly()) {
            assertThat(Autograd.isDetectAnomalyEnabled()).isTrue();
            Tensor y = x.sqrt();                       // the culprit: sqrt'(0) = inf
            Tensor loss = y.mul(2).sum();
            assertThatThrownBy(loss::backward).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("backward of sqrt").hasMessageContaining("infinity")
                    .hasMessageContaining("AnomalyAndHooksTest.anomalyModeNamesTheOpAndTheCallSite(AnomalyAndHooksTest.java:");
        }
        assertThat(Autograd.isDetectAnomalyEnabled()).isFalse();
        x.sqrt().sum().backward();                     // off: no check, the infinity goes through
        assertThat(x.grad().toDoubleArray()[1]).isInfinite();
    }

    @Test
    void anomalyModeSaysWhenTheForwardValueWasAlreadyBad() {
        Autograd.setDetectAnomaly(true);
        try {
            Tensor x = Tensor.vector(-1, 2).requiresGrad();
            Tensor y = x.log().exp();                  // log(-1) = NaN in the forward pass
            assertThatThrownBy(() -> y.sum().backward()).hasMessageContaining("backward of exp")
                    .hasMessageContaining("NaN").hasMessageContaining("forward value already held NaN");
            Tensor z = Tensor.vector(1).requiresGrad();
            assertThatThrownBy(() -> z.mul(2).backward(Tensor.vector(Double.NaN)))
                    .hasMessageContaining("the gradient given for output 0");
        } finally {
            Autograd.setDetectAnomaly(false);
        }
    }

    @Test
    @SuppressWarnings("try") // the scope is entered for its effect, as users write it
    void opsRecordedWithAnomalyModeOffHaveNoSite() {
        Tensor x = Tensor.vector(0).requiresGrad();
        Tensor y = x.sqrt().sum();
        try (AnomalyMode on = Autograd.detectAnomaly()) {
            assertThatThrownBy(y::backward).hasMessageContaining("anomaly detection was off");
        }
    }

    @Test
    void hooksSeeTheTotalGradientAndMayReplaceIt() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor h = x.mul(3);
        Tensor[] seen = new Tensor[1];
        h.registerHook(g -> {
            seen[0] = g;
            return null;                               // keep it
        });
        HookHandle doubling = h.registerHook(g -> g.mul(2));
        h.add(h).sum().backward();                     // h is used twice: the hook sees the sum, 2
        assertThat(seen[0].toDoubleArray()).containsExactly(2, 2);
        assertThat(x.grad().toDoubleArray()).containsExactly(12, 12);

        doubling.remove();
        x.zeroGrad();
        h = x.mul(3);
        h.sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(3, 3);

        Tensor w = Tensor.vector(5, -5).requiresGrad();
        w.registerHook(g -> g.clamp(-1, 1));
        Tensor gw = Autograd.grad(List.of(w.mul(10).sum()), List.of(w), false).get(0);
        assertThat(gw.toDoubleArray()).containsExactly(1, 1);
        w.mul(10).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(1, 1);
    }

    @Test
    void hookErrors() {
        assertThatThrownBy(() -> Tensor.vector(1).registerHook(g -> g)).hasMessageContaining("does not track");
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        x.registerHook(g -> g.sum());
        assertThatThrownBy(() -> x.mul(2).sum().backward()).hasMessageContaining("[2]").hasMessageContaining("returned shape []");
    }
}
