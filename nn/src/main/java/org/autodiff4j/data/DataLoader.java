package org.autodiff4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Mini-batches of a {@link Dataset}, as PyTorch's {@code DataLoader}: each iteration is one epoch;
 * with shuffling, every epoch draws a new permutation from the loader's generator, so a seeded
 * generator repeats the whole run. The last, smaller batch is kept unless {@code dropLast}.
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, 64, true, false, new SplittableRandom(1));
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader) { ... }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final RandomGenerator rng;

    /**
     * Batches of {@code batchSize} examples of {@code dataset}, shuffled with {@code rng} if
     * {@code shuffle} (rng may be null otherwise).
     *
     * @throws IllegalArgumentException if batchSize &lt; 1
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, RandomGenerator rng) {
        this.dataset = Objects.requireNonNull(dataset, "dataset must not be null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (shuffle) {
            Objects.requireNonNull(rng, "shuffling needs a random generator");
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.rng = rng;
    }

    /** Batches in order, the last one possibly smaller. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, false, null);
    }

    /** The number of batches per epoch. */
    public int batches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The data set batched. */
    public Dataset dataset() {
        return dataset;
    }

    /** One epoch of batches (a new permutation when shuffling). */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = order();
        int count = batches();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the epoch has " + count + " batches");
                }
                int from = next * batchSize;
                int to = Math.min(from + batchSize, order.length);
                next++;
                return dataset.batch(java.util.Arrays.copyOfRange(order, from, to));
            }
        };
    }

    /** 0 .. n-1, shuffled by Fisher-Yates (Knuth's algorithm P) when asked. */
    private int[] order() {
        int[] idx = new int[dataset.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
        }
        return idx;
    }
}
