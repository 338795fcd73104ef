/**
 * autodiff4j tensor: n-dimensional arrays with broadcasting and reverse-mode autograd whose backward
 * pass can itself be differentiated. {@link org.autodiff4j.tensor.Tensor} is the entry point,
 * {@link org.autodiff4j.tensor.Autograd} the engine, {@link org.autodiff4j.tensor.TensorGradCheck}
 * the checker. The kernels ({@code org.autodiff4j.tensor.kernel}) are not exported.
 */
module org.autodiff4j.tensor {
    requires transitive org.autodiff4j;
    // The GEMM micro-kernels use the Vector API when the JVM resolves it (--add-modules
    // jdk.incubator.vector); without it the products fall back to plain loops. NOTE: static, because a
    // resolved incubator module makes the JVM print a warning at every start, which `./autodiff grad`
    // should not; the launcher adds the module for `train`, the tests and benchmarks add it too.
    requires static jdk.incubator.vector;
    exports org.autodiff4j.tensor;
}
