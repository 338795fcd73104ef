package org.autodiff4j.data;

import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Tensor;

/**
 * The two-spirals classification problem (Lang and Witbrock, 1988): two interleaved spirals of
 * about 2.2 turns each, class 0 and class 1, in roughly {@code [-1, 1]^2}; generated, no files.
 *
 * <pre>{@code TensorDataset ds = TwoSpirals.generate(500, 0.05, new SplittableRandom(1));   // x [1000, 2], y [1000]}</pre>
 */
public final class TwoSpirals {

    /** The angle at the outer end of each spiral: 780 degrees. */
    private static final double TURN = Math.toRadians(780);

    private TwoSpirals() {
    }

    /**
     * {@code perClass} points on each spiral: angle {@code theta = TURN sqrt(u)} for uniform u (so
     * points are spread evenly along the arc), position {@code (-cos theta, sin theta) theta / TURN}
     * for class 0 and its mirror image through the origin for class 1, plus Gaussian noise of
     * standard deviation {@code noise} on each coordinate. Examples alternate between the classes.
     *
     * @throws IllegalArgumentException if perClass &lt; 1 or noise &lt; 0
     */
    public static TensorDataset generate(int perClass, double noise, RandomGenerator rng) {
        if (perClass < 1 || !(noise >= 0)) {
            throw new IllegalArgumentException("twoSpirals needs perClass >= 1 and noise >= 0, got " + perClass + " and " + noise);
        }
        double[] x = new double[4 * perClass];
        double[] y = new double[2 * perClass];
        for (int i = 0; i < perClass; i++) {
            double theta = TURN * Math.sqrt(rng.nextDouble());
            double r = theta / TURN;
            double px = -Math.cos(theta) * r;
            double py = Math.sin(theta) * r;
            x[4 * i] = px + noise * rng.nextGaussian();
            x[4 * i + 1] = py + noise * rng.nextGaussian();
            x[4 * i + 2] = -px + noise * rng.nextGaussian();
            x[4 * i + 3] = -py + noise * rng.nextGaussian();
            y[2 * i] = 0;
            y[2 * i + 1] = 1;
        }
        return new TensorDataset(Tensor.of(x, 2 * perClass, 2), Tensor.of(y, 2 * perClass));
    }
}
