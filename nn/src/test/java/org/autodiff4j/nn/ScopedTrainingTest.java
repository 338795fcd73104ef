package org.autodiff4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.autodiff4j.optim.Adam;
import org.autodiff4j.optim.LBFGS;
import org.autodiff4j.optim.Optimizer;
import org.autodiff4j.optim.SGD;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/**
 * Training with each step in a {@link TensorScope}: forward, backward and the optimizer's step
 * inside it give the parameters, buffers and losses of the same training without scopes, to the
 * bit. What outlives a step (parameters, an optimizer's moments and momenta, a batch norm's running
 * statistics) must escape the scope; anything that did not would fail when read the next step.
 */
class ScopedTrainingTest {

    static Module model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Conv2d(3, 4, 3, 1, 1, rng), new BatchNorm2d(4), new ReLU(), new Flatten(),
                new Linear(4 * 8 * 8, 5, rng));
    }

    static Tensor batch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] d = new double[8 * 3 * 8 * 8];   // 1536 values: large enough for the pool
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble(-1, 1);
        }
        return Tensor.of(d, 8, 3, 8, 8);
    }

    static Tensor loss(Module m, Tensor x) {
        return m.forward(x).square().mean();
    }

    /** Trains a fresh model for six steps, each in a scope or not; returns the losses, then every parameter and buffer flattened. */
    static double[][] train(Function<List<Parameter>, Optimizer> optimizer, boolean scoped) {
        Module m = model(1);
        m.train();
        Optimizer opt = optimizer.apply(m.parameters());
        double[] losses = new double[6];
        for (int step = 0; step < 6; step++) {
            Tensor x = batch(100 + step);
            TensorScope scope = scoped ? TensorScope.open() : null;
            try {
                opt.zeroGrad();
                Tensor l = loss(m, x);
                l.backward();
                losses[step] = l.item();
                opt.step();
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        }
        return state(m, losses);
    }

    static double[][] state(Module m, double[] losses) {
        List<Tensor> all = new java.util.ArrayList<>();
        for (Parameter p : m.parameters()) {
            all.add(p.value());
        }
        all.addAll(m.stateDict().values());
        double[][] out = new double[all.size() + 1][];
        out[0] = losses;
        for (int i = 0; i < all.size(); i++) {
            out[i + 1] = all.get(i).toDoubleArray();
        }
        return out;
    }

    @Test
    void adamInScopesTrainsAsWithoutThem() {
        assertThat(train(ps -> new Adam(ps, 0.01), true)).isDeepEqualTo(train(ps -> new Adam(ps, 0.01), false));
    }

    @Test
    void sgdWithMomentumInScopesTrainsAsWithoutThem() {
        assertThat(train(ps -> new SGD(ps, 0.05).momentum(0.9), true))
                .isDeepEqualTo(train(ps -> new SGD(ps, 0.05).momentum(0.9), false));
    }

    @Test
    void lbfgsStepsWithTheirClosuresInScopesTrainAsWithoutThem() {
        double[][] runs = new double[2][];
        for (int scoped = 0; scoped < 2; scoped++) {
            Module m = model(2);
            m.eval();
            Tensor x = batch(7);
            LBFGS opt = new LBFGS(m.parameters(), 0.5).maxIter(4);
            double[] losses = new double[3];
            for (int step = 0; step < 3; step++) {
                if (scoped == 1) {
                    try (TensorScope scope = TensorScope.open()) {
                        losses[step] = opt.step(() -> loss(m, x));
                    }
                } else {
                    losses[step] = opt.step(() -> loss(m, x));
                }
            }
            runs[scoped] = java.util.Arrays.stream(state(m, losses)).flatMapToDouble(java.util.Arrays::stream).toArray();
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
    }
}
