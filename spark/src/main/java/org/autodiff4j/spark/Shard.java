package org.autodiff4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;

/**
 * The examples of one partition packed as two flat arrays, built once and cached by Spark, so a
 * training step does not walk thousands of small records.
 */
final class Shard implements Serializable {

    private static final long serialVersionUID = 1L;

    final int partition;
    final int size;
    final int features;
    final double[] x;
    final double[] y;

    private Shard(int partition, int size, int features, double[] x, double[] y) {
        this.partition = partition;
        this.size = size;
        this.features = features;
        this.x = x;
        this.y = y;
    }

    /** The examples of partition {@code partition}, all of {@code features} features. */
    static Shard pack(int partition, Iterator<Example> examples, int features) {
        List<Example> list = new ArrayList<>();
        examples.forEachRemaining(list::add);
        double[] x = new double[list.size() * features];
        double[] y = new double[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Example e = list.get(i);
            if (e.x().length != features) {
                throw new IllegalArgumentException("every example needs " + features + " features, partition "
                        + partition + " holds one with " + e.x().length);
            }
            System.arraycopy(e.x(), 0, x, i * features, features);
            y[i] = e.label();
        }
        return new Shard(partition, list.size(), features, x, y);
    }

    /** The inputs, {@code [size, features]}, in {@code dtype}. */
    Tensor inputs(DType dtype) {
        return Tensor.of(x, size, features).to(dtype);
    }

    /** The labels, {@code [size]}, in {@code dtype}. */
    Tensor labels(DType dtype) {
        return Tensor.of(y, size).to(dtype);
    }
}
