package org.autodiff4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Shape;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Module trees: names, modes, state dicts, and the layers' shapes and initialization. */
class ModuleTest {

    private static Sequential mlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(2, 4, rng), new ReLU(), new Dropout(0.5, rng.split()),
                new Sequential(new Linear(4, 3, rng), new LayerNorm(3)), new Linear(3, 2, false, rng));
    }

    @Test
    void namedParametersHaveDottedPathsInRegistrationOrder() {
        Sequential net = mlp(1);
        assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "3.0.weight", "3.0.bias",
                "3.1.weight", "3.1.bias", "4.weight");
        assertThat(net.parameters()).hasSize(7);
        assertThat(net.parameterCount()).isEqualTo(8 + 4 + 12 + 3 + 3 + 3 + 6);
        assertThat(net.toString()).startsWith("Sequential(0: Linear(2 -> 4), 1: ReLU, 2: Dropout(0.5)");
    }

    @Test
    void trainAndEvalReachEverySubmodule() {
        Sequential net = mlp(1);
        assertThat(net.isTraining()).isTrue();
        net.eval();
        assertThat(net.get(2).isTraining()).isFalse();
        assertThat(((Sequential) net.get(3)).get(1).isTraining()).isFalse();
        Tensor x = Tensor.randn(new SplittableRandom(2), 5, 2);
        assertThat(net.forward(x).toDoubleArray()).containsExactly(net.forward(x).toDoubleArray());
        net.train();
        assertThat(net.get(2).isTraining()).isTrue();
    }

    @Test
    void linearInitializationIsPyTorchsKaimingUniformAndSeeded() {
        Linear layer = new Linear(100, 50, new SplittableRandom(3));
        double bound = 1 / Math.sqrt(100);
        double[] w = layer.weight().value().toDoubleArray();
        assertThat(maxAbs(w)).isLessThanOrEqualTo(bound);
        // the variance of U(-b, b) is b^2 / 3
        assertThat(layer.weight().value().var().item()).isCloseTo(bound * bound / 3, within(bound * bound / 30));
        assertThat(maxAbs(layer.bias().value().toDoubleArray())).isLessThanOrEqualTo(bound);
        assertThat(new Linear(100, 50, new SplittableRandom(3)).weight().value().toDoubleArray()).containsExactly(w);
        assertThat(layer.weight().value().shape()).isEqualTo(Shape.of(50, 100));
        assertThat(layer.forward(Tensor.ones(7, 100)).shape()).isEqualTo(Shape.of(7, 50));
    }

    private static double maxAbs(double[] v) {
        return java.util.Arrays.stream(v).map(Math::abs).max().orElse(0);
    }

    @Test
    void stateDictRoundTripsIntoAFreshModel() {
        Sequential a = mlp(1);
        Sequential b = mlp(2);
        Tensor x = Tensor.randn(new SplittableRandom(4), 3, 2);
        a.eval();
        b.eval();
        assertThat(b.forward(x).toDoubleArray()).isNotEqualTo(a.forward(x).toDoubleArray());
        b.loadStateDict(a.stateDict());
        assertThat(b.forward(x).toDoubleArray()).containsExactly(a.forward(x).toDoubleArray());
        assertThat(b.namedParameters().get("0.weight").value().tracksGrad()).isTrue();
    }

    @Test
    void loadStateDictNamesEveryProblemAndChangesNothing() {
        Sequential net = mlp(1);
        Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
        Tensor before = net.namedParameters().get("0.weight").value();
        state.remove("3.1.bias");
        state.put("5.weight", Tensor.zeros(1));
        state.put("0.weight", Tensor.zeros(2, 4));
        assertThatThrownBy(() -> net.loadStateDict(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing keys [3.1.bias]")
                .hasMessageContaining("unexpected keys [5.weight]")
                .hasMessageContaining("0.weight: expected shape [4, 2], got [2, 4]");
        assertThat(net.namedParameters().get("0.weight").value()).isSameAs(before);
    }

    @Test
    void loadStateDictConvertsTypes() {
        Sequential net = mlp(1);
        Map<String, Tensor> state = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> state.put(k, v.to(DType.F32)));
        net.loadStateDict(state);
        assertThat(net.parameters()).allSatisfy(p -> assertThat(p.value().dtype()).isEqualTo(DType.F64));
        net.to(DType.F32);
        assertThat(net.parameters()).allSatisfy(p -> assertThat(p.value().dtype()).isEqualTo(DType.F32));
        assertThat(net.forward(Tensor.ones(DType.F32, 1, 2)).dtype()).isEqualTo(DType.F32);
    }

    @Test
    void parameterGradientsCanBeReplacedAndCleared() {
        Parameter p = new Parameter(Tensor.vector(1, 2));
        p.value().square().sum().backward();
        assertThat(p.grad().toDoubleArray()).containsExactly(2, 4);
        p.setGrad(Tensor.vector(0.5, 0.5));
        assertThat(p.grad().toDoubleArray()).containsExactly(0.5, 0.5);
        p.value().sum().backward();
        assertThat(p.grad().toDoubleArray()).containsExactly(1.5, 1.5);
        p.zeroGrad();
        assertThat(p.grad()).isNull();
        assertThatThrownBy(() -> p.set(Tensor.zeros(3))).hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> p.setGrad(Tensor.zeros(DType.F32, 2))).hasMessageContaining("F32");
    }

    @Test
    void flattenMergesTheRequestedDimensions() {
        Tensor x = Tensor.zeros(2, 1, 4, 5);
        assertThat(new Flatten().forward(x).shape()).isEqualTo(Shape.of(2, 20));
        assertThat(new Flatten(0, 1).forward(x).shape()).isEqualTo(Shape.of(2, 4, 5));
        assertThat(new Flatten(-2, -1).forward(x).shape()).isEqualTo(Shape.of(2, 1, 20));
        assertThatThrownBy(() -> new Flatten(2, 1).forward(x)).hasMessageContaining("[2, 1, 4, 5]");
    }

    @Test
    void activationsAndLayerNormModules() {
        Tensor x = Tensor.vector(-1, 0.5);
        assertThat(new ReLU().forward(x).toDoubleArray()).containsExactly(0, 0.5);
        assertThat(new Tanh().forward(x).toDoubleArray()).containsExactly(Math.tanh(-1), Math.tanh(0.5));
        assertThat(new Sigmoid().forward(x).get(1)).isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-16));
        assertThat(new GELU().forward(x).toDoubleArray()).containsExactly(F.gelu(x).toDoubleArray());
        LayerNorm ln = new LayerNorm(2);
        assertThat(ln.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(ln.forward(Tensor.of(new double[] {1, 3}, 1, 2)).toDoubleArray())
                .containsExactly(new double[] {-1, 1}, within(1e-5));
    }

    @Test
    void registeringTwoPartsUnderOneNameFails() {
        class Twice extends Module {
            Twice() {
                registerParameter("w", new Parameter(Tensor.zeros(1)));
                registerModule("w", new ReLU());
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        assertThatThrownBy(Twice::new).hasMessageContaining("already has a part named w");
    }
}
