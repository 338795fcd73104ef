package org.autodiff4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

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
