package org.autodiff4j.data;

import java.util.Objects;
import org.autodiff4j.tensor.DType;
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
    private final double[] xs;
    private final double[] ys;
    private final int xRow;
    private final int yRow;

    /**
     * The pairs {@code (x[i], y[i])}; the values are copied once.
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
        this.xs = x.toDoubleArray();
        this.ys = y.toDoubleArray();
        int n = x.shape().dim(0);
        this.xRow = n == 0 ? 0 : xs.length / n;
        this.yRow = n == 0 ? 0 : ys.length / n;
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

    /**
     * The rows at {@code indices}, in the tensors' types.
     *
     * <p>NOTE: copies rows from arrays; replace with the tensor module's {@code indexSelect} once it exists.
     */
    @Override
    public Batch batch(int[] indices) {
        return new Batch(rows(xs, xRow, x, indices), rows(ys, yRow, y, indices));
    }

    private Tensor rows(double[] data, int row, Tensor like, int[] indices) {
        double[] out = new double[indices.length * row];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("example " + i + " of a data set of " + size());
            }
            System.arraycopy(data, i * row, out, k * row, row);
        }
        int[] dims = like.shape().toArray();
        dims[0] = indices.length;
        Tensor t = Tensor.of(out, dims);
        return like.dtype() == DType.F64 ? t : t.to(like.dtype());
    }
}
