package org.autodiff4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API sum of a contiguous run of doubles for {@link ReduceKernels}: four vectors of
 * partial sums (32 with AVX-512), folded at the end, so the adds overlap as the four scalar partial
 * sums do, a vector at a time. Only touched when {@link ElementwiseKernels#VECTORIZED}.
 */
final class ReduceVectors {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private ReduceVectors() {
    }

    /** The sum of {@code x[xi .. xi + n)}, in partial sums; the tail of fewer than 4 vectors in the first. */
    static double sum(double[] x, int xi, int n) {
        int w = D.length();
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int i = 0;
        for (; i + 4 * w <= n; i += 4 * w) {
            s0 = s0.add(DoubleVector.fromArray(D, x, xi + i));
            s1 = s1.add(DoubleVector.fromArray(D, x, xi + i + w));
            s2 = s2.add(DoubleVector.fromArray(D, x, xi + i + 2 * w));
            s3 = s3.add(DoubleVector.fromArray(D, x, xi + i + 3 * w));
        }
        for (; i + w <= n; i += w) {
            s0 = s0.add(DoubleVector.fromArray(D, x, xi + i));
        }
        // NOTE: the lanes are added in order, not with reduceLanes(ADD), whose order is unspecified:
        // its result changed by an ulp once the JIT had compiled it, so the same sum gave two values.
        DoubleVector total = s0.add(s1).add(s2.add(s3));
        double s = 0;
        for (int lane = 0; lane < w; lane++) {
            s += total.lane(lane);
        }
        for (; i < n; i++) {
            s += x[xi + i];
        }
        return s;
    }
}
