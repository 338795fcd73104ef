package org.autodiff4j.data;

import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Tensor;

/**
 * Two interleaving half circles, as scikit-learn's {@code make_moons}: class 0 on the upper arc
 * {@code (cos t, sin t)}, class 1 on the lower arc {@code (1 - cos t, 0.5 - sin t)}, t in [0, pi];
 * generated, no files.
 *
 * <pre>{@code TensorDataset ds = TwoMoons.generate(500, 0.1, new SplittableRandom(1));   // x [1000, 2], y [1000]}</pre>
 */
public final class TwoMoons {

    private TwoMoons() {
    }

    /**
     * {@code perClass} points on each arc, t uniform in [0, pi] drawn from {@code rng}, plus Gaussian
     * noise of standard deviation {@code noise} on each coordinate. Examples alternate between the classes.
     *
     * <p>NOTE: t is drawn at random (scikit-learn spaces it evenly), so that any prefix of the data set
     * covers both arcs.
     *
     * @throws IllegalArgumentException if perClass &lt; 1 or noise &lt; 0
     */
    public static TensorDataset generate(int perClass, double noise, RandomGenerator rng) {
        if (perClass < 1 || !(noise >= 0)) {
            throw new IllegalArgumentException("twoMoons needs perClass >= 1 and noise >= 0, got " + perClass + " and " + noise);
        }
        double[] x = new double[4 * perClass];
        double[] y = new double[2 * perClass];
        for (int i = 0; i < perClass; i++) {
            double t0 = Math.PI * rng.nextDouble();
            double t1 = Math.PI * rng.nextDouble();
            x[4 * i] = Math.cos(t0) + noise * rng.nextGaussian();
            x[4 * i + 1] = Math.sin(t0) + noise * rng.nextGaussian();
            x[4 * i + 2] = 1 - Math.cos(t1) + noise * rng.nextGaussian();
            x[4 * i + 3] = 0.5 - Math.sin(t1) + noise * rng.nextGaussian();
            y[2 * i] = 0;
            y[2 * i + 1] = 1;
        }
        return new TensorDataset(Tensor.of(x, 2 * perClass, 2), Tensor.of(y, 2 * perClass));
    }
}
