package org.autodiff4j.spark;

import java.io.Serializable;
import org.autodiff4j.nn.Module;

/**
 * Builds the model on the driver and on each executor. Every call must build the same architecture
 * (the same parameter names, shapes and types); the values do not matter, since executors load the
 * driver's parameters before each use.
 *
 * <pre>{@code ModelFactory f = () -> Trainer.mlp(784, 10, new int[] {256, 128}, new SplittableRandom(1)).to(DType.F32);}</pre>
 *
 * <p>A lambda assigned to this type is serializable as long as what it captures is.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {

    /** A new model of the agreed architecture. */
    Module build();
}
