package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * Merges dimensions {@code startDim..endDim} into one, as PyTorch's {@code nn.Flatten} (by default
 * all but the batch dimension: {@code [n, 1, 28, 28] -> [n, 784]}); derivative: the gradient
 * reshaped back.
 *
 * <pre>{@code new Sequential(new Flatten(), new Linear(784, 10, rng));}</pre>
 */
public final class Flatten extends Module {

    private final int startDim;
    private final int endDim;

    /** Flattens all dimensions after the first. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens dimensions {@code startDim} to {@code endDim} inclusive (negative ones count from the end). */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** {@code x} with the dimensions merged. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0) {
            return x.reshape(1);
        }
        int s = x.shape().axis(startDim);
        int e = x.shape().axis(endDim);
        if (s > e) {
            throw new IllegalArgumentException("Flatten: start dimension " + startDim + " comes after end dimension "
                    + endDim + " for shape " + x.shape());
        }
        int[] dims = x.shape().toArray();
        int[] out = new int[dims.length - (e - s)];
        int k = 0;
        for (int d = 0; d < s; d++) {
            out[k++] = dims[d];
        }
        int merged = 1;
        for (int d = s; d <= e; d++) {
            merged *= dims[d];
        }
        out[k++] = merged;
        for (int d = e + 1; d < dims.length; d++) {
            out[k++] = dims[d];
        }
        return x.reshape(out);
    }
}
