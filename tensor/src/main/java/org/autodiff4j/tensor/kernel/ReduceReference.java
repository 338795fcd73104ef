package org.autodiff4j.tensor.kernel;

/**
 * The scalar reference reductions, which the tests compare {@link ReduceKernels} against: one
 * running sum (or extremum) per output in input order. Reductions of a dense input into a dense output. {@code outOff[i]} is the output position element
 * i of the input folds into: the output's layout with stride 0 along the reduced dimensions,
 * enumerated by {@link Strides#offsets} in the input's order. Inputs are not modified; {@code out}
 * is overwritten.
 */
public final class ReduceReference {

    private ReduceReference() {
    }

    /** {@code out[o] = sum of x[i] over the i with outOff[i] = o}; 0 for an empty sum. */
    public static void sum(double[] x, int[] outOff, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < x.length; i++) {
            out[outOff[i]] += x[i];
        }
    }

    /** The float sum; NOTE: accumulated in double and rounded once, so long sums keep float accuracy. */
    public static void sum(float[] x, int[] outOff, float[] out) {
        double[] acc = new double[out.length];
        for (int i = 0; i < x.length; i++) {
            acc[outOff[i]] += x[i];
        }
        for (int o = 0; o < out.length; o++) {
            out[o] = (float) acc[o];
        }
    }

    /** The sum of all elements, in double. */
    public static double sumAll(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** The sum of all elements, accumulated in double. */
    public static double sumAll(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s;
    }

    /**
     * {@code out[o] = max (or min) of x[i] over the i with outOff[i] = o}, NaN if any of them is NaN.
     * Every output must receive at least one element.
     */
    public static void extremum(boolean max, double[] x, int[] outOff, double[] out) {
        java.util.Arrays.fill(out, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            int o = outOff[i];
            out[o] = max ? Math.max(out[o], x[i]) : Math.min(out[o], x[i]);
        }
    }

    /** The float max or min. */
    public static void extremum(boolean max, float[] x, int[] outOff, float[] out) {
        java.util.Arrays.fill(out, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            int o = outOff[i];
            out[o] = max ? Math.max(out[o], x[i]) : Math.min(out[o], x[i]);
        }
    }
}
