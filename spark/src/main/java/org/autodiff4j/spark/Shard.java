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

    // NOTE: Spark caches shards deserialized (MEMORY_ONLY), so the same object serves every step on its
    // executor: the typed tensors and the model are built on the first step and kept. Not serialized.
    private transient Tensor xTyped;
    private transient Tensor yTyped;
    private transient org.autodiff4j.nn.Module model;

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
        if (xTyped == null || xTyped.dtype() != dtype) {
            xTyped = Tensor.of(x, size, features).to(dtype);
        }
        return xTyped;
    }

    /** The labels, {@code [size]}, in {@code dtype}. */
    Tensor labels(DType dtype) {
        if (yTyped == null || yTyped.dtype() != dtype) {
            yTyped = Tensor.of(y, size).to(dtype);
        }
        return yTyped;
    }

    /** This shard's model, built by {@code factory} on first use and kept (callers load the parameters). */
    org.autodiff4j.nn.Module model(ModelFactory factory) {
        if (model == null) {
            model = factory.build();
        }
        return model;
    }
}
