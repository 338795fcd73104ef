package org.autodiff4j.data;

/**
 * Examples addressed by index {@code 0 .. size()-1}, as PyTorch's map-style {@code Dataset}; a
 * {@link DataLoader} draws batches from it.
 *
 * <pre>{@code
 * Dataset train = TwoSpirals.generate(500, 0.05, new SplittableRandom(1));
 * Batch first = train.batch(new int[] {0, 1, 2});   // x [3, 2], y [3]
 * }</pre>
 */
public interface Dataset {

    /** The number of examples. */
    int size();

    /**
     * The examples at {@code indices}, in that order, stacked along a new first dimension.
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, size())}
     */
    Batch batch(int[] indices);

    /** All examples in order, as one batch. */
    default Batch all() {
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return batch(idx);
    }
}
