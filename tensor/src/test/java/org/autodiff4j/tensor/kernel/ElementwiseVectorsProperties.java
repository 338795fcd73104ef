package org.autodiff4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API loops against the scalar loops, bit for bit: every function, special values
 * (signed zeros, subnormals, infinities, NaN) mixed into random ones, F64 and F32, lengths around
 * the vector width (tails) and operands at different offsets.
 */
class ElementwiseVectorsProperties {

    static final double[] SPECIAL = {0.0, -0.0, 1, -1, 0.5, -2.5, 37, -37, 1e-310, Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    static double[] samples(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(3) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : rng.nextDouble(-4, 4);
        }
        return x;
    }

    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void theVectorLoopsRunHere() {
        assertThat(ElementwiseKernels.VECTORIZED).as("jdk.incubator.vector resolved").isTrue();
    }

    @Test
    void binaryVectorLoopsEqualTheScalarLoops() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 1001}) {
            double[] x = samples(rng, n + 5);
            double[] y = samples(rng, n + 5);
            float[] xf = floats(x);
            float[] yf = floats(y);
            int xi = rng.nextInt(5);
            int yi = rng.nextInt(5);
            for (BinaryFn f : BinaryFn.values()) {
                double[] expected = new double[n + 2];
                double[] actual = new double[n + 2];
                ElementwiseLoops.zip(f, x, xi, y, yi, expected, 2, n);
                boolean vector = ElementwiseVectors.zip(f, x, xi, y, yi, actual, 2, n);
                float[] expectedF = new float[n];
                float[] actualF = new float[n];
                ElementwiseLoops.zip(f, xf, xi, yf, yi, expectedF, 0, n);
                ElementwiseVectors.zip(f, xf, xi, yf, yi, actualF, 0, n);
                if (vector) {
                    assertBits(actual, expected, f + " n=" + n);
                    assertBits(actualF, expectedF, "F32 " + f + " n=" + n);
                }
            }
        }
    }

    @Test
    void unaryVectorLoopsEqualTheScalarLoops() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int n : new int[] {0, 1, 7, 8, 9, 17, 64, 1001}) {
            double[] x = samples(rng, n + 3);
            float[] xf = floats(x);
            for (UnaryFn f : UnaryFn.values()) {
                double[] expected = new double[n];
                double[] actual = new double[n];
                ElementwiseLoops.map(f, x, 3, expected, 0, n);
                boolean vector = ElementwiseVectors.map(f, x, 3, actual, 0, n);
                float[] expectedF = new float[n + 1];
                float[] actualF = new float[n + 1];
                ElementwiseLoops.map(f, xf, 3, expectedF, 1, n);
                ElementwiseVectors.map(f, xf, 3, actualF, 1, n);
                if (vector) {
                    assertBits(actual, expected, f + " n=" + n);
                    assertBits(actualF, expectedF, "F32 " + f + " n=" + n);
                }
            }
        }
    }

    @Test
    void theScaledChainProductEqualsTheScalarLoop() {
        SplittableRandom rng = new SplittableRandom(10);
        for (int n : new int[] {0, 1, 7, 9, 17, 64, 1001}) {
            double[] x = samples(rng, n + 2);
            double[] y = samples(rng, n + 2);
            for (double c : new double[] {2, -0.5, 0, 3e307}) {
                double[] expected = new double[n];
                double[] actual = new double[n];
                ElementwiseLoops.scaledChainMul(c, x, 1, y, 2, expected, 0, n);
                ElementwiseVectors.scaledChainMul(c, x, 1, y, 2, actual, 0, n);
                assertBits(actual, expected, "c = " + c + " n=" + n);
                float[] expectedF = new float[n];
                float[] actualF = new float[n];
                ElementwiseLoops.scaledChainMul((float) c, floats(x), 1, floats(y), 2, expectedF, 0, n);
                ElementwiseVectors.scaledChainMul((float) c, floats(x), 1, floats(y), 2, actualF, 0, n);
                assertBits(actualF, expectedF, "F32 c = " + c + " n=" + n);
            }
        }
    }

    @Test
    void theScaledChainProductAddedInPlaceEqualsTheScalarLoopAndTheTwoPasses() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int n : new int[] {0, 1, 7, 9, 17, 64, 1001}) {
            double[] x = samples(rng, n + 2);
            double[] y = samples(rng, n + 2);
            double[] acc = samples(rng, n + 3);
            for (double c : new double[] {2, -0.5, 0, 3e307}) {
                double[] expected = acc.clone();
                double[] actual = acc.clone();
                double[] twoPasses = new double[n];
                ElementwiseLoops.scaledChainMul(c, x, 1, y, 2, twoPasses, 0, n);
                for (int i = 0; i < n; i++) {
                    twoPasses[i] = acc[3 + i] + twoPasses[i];
                }
                ElementwiseLoops.addScaledChainMul(c, x, 1, y, 2, expected, 3, n);
                ElementwiseVectors.addScaledChainMul(c, x, 1, y, 2, actual, 3, n);
                assertBits(actual, expected, "c = " + c + " n=" + n);
                assertBits(java.util.Arrays.copyOfRange(expected, 3, 3 + n), twoPasses, "two passes, c = " + c + " n=" + n);
                float[] expectedF = floats(acc);
                float[] actualF = floats(acc);
                ElementwiseLoops.addScaledChainMul((float) c, floats(x), 1, floats(y), 2, expectedF, 3, n);
                ElementwiseVectors.addScaledChainMul((float) c, floats(x), 1, floats(y), 2, actualF, 3, n);
                assertBits(actualF, expectedF, "F32 c = " + c + " n=" + n);
            }
        }
    }

    @Test
    void theScaledSumEqualsTheScalarLoop() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int n : new int[] {0, 1, 7, 9, 17, 64, 1001}) {
            double[] x = samples(rng, n + 2);
            double[] y = samples(rng, n + 2);
            for (double c : new double[] {2, -0.01, 0, 3e307}) {
                double[] expected = new double[n];
                double[] actual = new double[n];
                ElementwiseLoops.scaledAdd(x, 1, c, y, 2, expected, 0, n);
                ElementwiseVectors.scaledAdd(x, 1, c, y, 2, actual, 0, n);
                assertBits(actual, expected, "c = " + c + " n=" + n);
                float[] expectedF = new float[n];
                float[] actualF = new float[n];
                ElementwiseLoops.scaledAdd(floats(x), 1, (float) c, floats(y), 2, expectedF, 0, n);
                ElementwiseVectors.scaledAdd(floats(x), 1, (float) c, floats(y), 2, actualF, 0, n);
                assertBits(actualF, expectedF, "F32 c = " + c + " n=" + n);
            }
        }
    }

    static void assertBits(double[] actual, double[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToLongBits(actual[i])).as(what + " at " + i + ": " + actual[i] + " vs " + expected[i])
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }

    static void assertBits(float[] actual, float[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as(what + " at " + i + ": " + actual[i] + " vs " + expected[i])
                    .isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
