/**
 * autodiff4j nn: neural networks on {@link org.autodiff4j.tensor.Tensor}s. Layers and losses
 * ({@code org.autodiff4j.nn}), optimizers and learning-rate schedules ({@code org.autodiff4j.optim}),
 * data sets and batching ({@code org.autodiff4j.data}), safetensors and {@code .npy} files
 * ({@code org.autodiff4j.io}).
 */
module org.autodiff4j.nn {
    requires transitive org.autodiff4j.tensor;
    exports org.autodiff4j.nn;
    exports org.autodiff4j.optim;
    exports org.autodiff4j.data;
    exports org.autodiff4j.io;
}
