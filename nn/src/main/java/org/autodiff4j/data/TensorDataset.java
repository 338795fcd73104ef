package org.autodiff4j.data;

import java.util.Objects;
import org.autodiff4j.tensor.Tensor;

/**
 * A data set held as two tensors whose first dimension indexes the examples, as PyTorch's
 * {@code TensorDataset}: {@code x} the inputs, {@code y} the targets.
 *
 * <pre>{@code Dataset ds = new TensorDataset(Tensor.randn(rng, 100, 3), Tensor.zeros(100));}</pre>
 */
public final class TensorDataset implements Dataset {

    private final Tensor x;
    private final Tensor y;

    /**
     * The pairs {@code (x[i], y[i])}; the tensors are kept (detached), batches are index selections.
     *
     * @throws IllegalArgumentException if the first dimensions differ or a tensor is a scalar
     */
    public TensorDataset(Tensor x, Tensor y) {
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(y, "y must not be null");
        if (x.rank() == 0 || y.rank() == 0 || x.shape().dim(0) != y.shape().dim(0)) {
            throw new IllegalArgumentException("TensorDataset needs x and y with the same first dimension, got "
                    + x.shape() + " and " + y.shape());
        }
        this.x = x.detach();
        this.y = y.detach();
    }

    @Override
    public int size() {
        return x.shape().dim(0);
    }

    /** The inputs, all examples. */
    public Tensor x() {
        return x;
    }

    /** The targets, all examples. */
    public Tensor y() {
        return y;
    }

    /** The rows at {@code indices}, in the tensors' types ({@link Tensor#indexSelect} along dimension 0). */
    @Override
    public Batch batch(int[] indices) {
        double[] idx = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("example " + i + " of a data set of " + size());
            }
            idx[k] = i;
        }
        Tensor rows = Tensor.vector(idx);
        return new Batch(x.indexSelect(0, rows), y.indexSelect(0, rows));
    }
}
