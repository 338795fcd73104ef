package org.autodiff4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.autodiff4j.data.Batch;
import org.autodiff4j.data.DataLoader;
import org.autodiff4j.data.Dataset;

/**
 * One labelled training example as Spark ships it: the features, flattened row-major, and a class
 * index.
 *
 * <pre>{@code JavaRDD<Example> data = sc.parallelize(List.of(new Example(new double[] {0.5, -1}, 1)), 4);}</pre>
 *
 * @param x the features (every example of a data set has the same length)
 * @param label the class index, at least 0
 */
public record Example(double[] x, int label) implements Serializable {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if x is empty or the label is negative
     */
    public Example {
        Objects.requireNonNull(x, "x must not be null");
        if (x.length == 0) {
            throw new IllegalArgumentException("an example needs at least one feature");
        }
        if (label < 0) {
            throw new IllegalArgumentException("a label must be >= 0, got " + label);
        }
    }

    /**
     * The examples of {@code data} in order, features flattened, labels as class indices (read 1024
     * at a time, so a large data set is never one huge array).
     *
     * <pre>{@code JavaRDD<Example> rdd = sc.parallelize(Example.listOf(TwoSpirals.generate(500, 0.05, rng)), 4);}</pre>
     */
    public static List<Example> listOf(Dataset data) {
        List<Example> out = new ArrayList<>(data.size());
        for (Batch b : new DataLoader(data, 1024)) {
            double[] x = b.x().toDoubleArray();
            double[] y = b.y().toDoubleArray();
            int features = x.length / y.length;
            for (int i = 0; i < y.length; i++) {
                out.add(new Example(Arrays.copyOfRange(x, i * features, (i + 1) * features), (int) y[i]));
            }
        }
        return out;
    }

    /** Equal features (bit for bit, as {@link Arrays#equals(double[], double[])}) and label. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && e.label == label && Arrays.equals(e.x, x);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + label;
    }

    /** The label and the number of features, as {@code Example[2 features, label 1]}. */
    @Override
    public String toString() {
        return "Example[" + x.length + " features, label " + label + "]";
    }
}
