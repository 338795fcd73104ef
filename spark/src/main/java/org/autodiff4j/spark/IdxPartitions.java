package org.autodiff4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.autodiff4j.data.Idx;

/**
 * Labelled images read from a pair of IDX files (MNIST, Fashion-MNIST) by the executors themselves,
 * one contiguous range of examples per partition, so the driver never holds the pixels. Pixels become
 * values in [0, 1] (divided by 255) exactly as {@link org.autodiff4j.data.FashionMnist} makes them.
 *
 * <pre>{@code
 * Path dir = FashionMnist.DEFAULT_DIR;
 * JavaRDD<Example> train = IdxPartitions.read(sc, dir.resolve("train-images-idx3-ubyte.gz"),
 *         dir.resolve("train-labels-idx1-ubyte.gz"), 8, 0);
 * }</pre>
 *
 * <p>The files must be readable at the same path on every executor (a shared file system, or local
 * mode).
 */
public final class IdxPartitions {

    private IdxPartitions() {
    }

    /**
     * The first {@code limit} examples (0: all) of the images file {@code images} ({@code [n, rows,
     * cols]} unsigned bytes) and labels file {@code labels} ({@code [n]}), in order, cut into
     * {@code partitions} ranges of equal size (to within one).
     *
     * @throws IOException if the labels file cannot be read on the driver
     * @throws IllegalArgumentException if partitions is not positive or limit is negative
     */
    public static JavaRDD<Example> read(JavaSparkContext sc, Path images, Path labels, int partitions, int limit)
            throws IOException {
        if (partitions < 1 || limit < 0) {
            throw new IllegalArgumentException("need partitions >= 1 and limit >= 0, got " + partitions + " and " + limit);
        }
        Idx y = Idx.read(labels);
        if (y.dims().length != 1) {
            throw new IOException(labels + " holds an array of shape " + java.util.Arrays.toString(y.dims())
                    + ", expected [n] labels");
        }
        int n = limit == 0 ? y.dims()[0] : Math.min(limit, y.dims()[0]);
        List<Integer> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(p);
        }
        String imagesFile = images.toString();
        byte[] labelBytes = java.util.Arrays.copyOf(y.data(), n);
        // NOTE: each partition reads (and decompresses) the whole images file and keeps its range: IDX
        // files are gzip streams with no index, and one read per partition per run is cheap next to training.
        return sc.parallelize(parts, partitions).flatMap(p -> range(imagesFile, labelBytes, n, partitions, p).iterator());
    }

    private static List<Example> range(String imagesFile, byte[] labels, int n, int partitions, int p) {
        Idx x;
        try {
            x = Idx.read(Path.of(imagesFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + imagesFile + " on this executor", e);
        }
        if (x.dims().length != 3 || x.dims()[0] < n) {
            throw new IllegalArgumentException(imagesFile + " holds an array of shape "
                    + java.util.Arrays.toString(x.dims()) + ", expected [" + n + " or more, rows, cols]");
        }
        int size = x.dims()[1] * x.dims()[2];
        int from = (int) ((long) n * p / partitions);
        int to = (int) ((long) n * (p + 1) / partitions);
        List<Example> out = new ArrayList<>(to - from);
        byte[] pixels = x.data();
        for (int i = from; i < to; i++) {
            double[] v = new double[size];
            for (int k = 0; k < size; k++) {
                v[k] = (pixels[i * size + k] & 0xFF) / 255.0;
            }
            out.add(new Example(v, labels[i] & 0xFF));
        }
        return out;
    }
}
