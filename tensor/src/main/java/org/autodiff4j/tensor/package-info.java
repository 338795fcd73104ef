/**
 * Tensors with broadcasting and reverse-mode autograd that can itself be differentiated.
 *
 * <p><b>Values.</b> A {@link org.autodiff4j.tensor.Tensor} is a shape, strides and an offset over a
 * flat {@code double[]} ({@link org.autodiff4j.tensor.DType#F64}) or {@code float[]} (F32). Values
 * never change after creation, so views (reshape, transpose, slice, expand) share storage freely and
 * saved tensors cannot be modified behind the graph's back: there are no in-place operations, hence no
 * version counters.
 *
 * <p><b>A small set of primitives.</b> As in tinygrad, about twenty primitives carry the library:
 * element-wise {@code neg square exp log sqrt sin cos tanh sigmoid relu abs} and {@code add sub mul div pow
 * maximum minimum}, {@code where}, the reductions {@code sum max min}, {@code matmul}, the views
 * {@code reshape permute expand slice} (and the slice's adjoint), {@code contiguous} and the type
 * cast; for indexing and joining {@code gather}, its adjoint {@code scatterAdd} and {@code cat}; for
 * sliding windows {@code unfold2d} (im2col) and its adjoint {@code fold2d}, from which nn composes
 * convolution and pooling; for
 * linear algebra ({@link org.autodiff4j.tensor.Linalg}) {@code solve det logAbsDet cholesky}; and
 * {@link org.autodiff4j.tensor.Autograd#checkpoint}, a segment recomputed in the backward pass. Each is declared in one place (an enum constant or a record implementing the sealed
 * {@code Primitive}) with its forward kernel and its VJP side by side, the VJP written with Tensor
 * operations. Everything else ({@code mean var std prod logSumExp softmax logSoftmax clamp outer
 * reciprocal tril triu indexSelect stack split pad inv}, 1-D matmul) is composed from primitives and has no rule of its own. The
 * registry tests iterate the primitives, so a new one is gradchecked without a new test.
 *
 * <p><b>The engine.</b> Applying a primitive to a tensor that tracks gradients records a node (the
 * primitive and its inputs). {@link org.autodiff4j.tensor.Autograd} orders the reachable nodes
 * iteratively (no recursion), calls the VJPs from the outputs down, and undoes broadcasting in one
 * place by summing each gradient to its input's shape, so no rule deals with broadcasting. With
 * {@code createGraph} the VJPs are recorded too, which gives Hessians and gradient penalties (double
 * backward) through every primitive. Graphs are released after a backward pass unless retained.
 * Without {@code createGraph}, a pass adds later contributions in place into gradients only it can
 * see, and hands the arrays of its dead gradients and VJP temporaries to a per-thread pool that the
 * kernels allocate from ({@code Grads}, {@code ArrayPool}): fresh Java arrays are zeroed in memory
 * far out of cache. The forward values a user could still hold are given back only by a
 * {@link org.autodiff4j.tensor.TensorScope} the user closes, which marks them released.
 * On top of the engine: gradient hooks ({@link org.autodiff4j.tensor.Tensor#registerHook}), anomaly
 * detection ({@link org.autodiff4j.tensor.AnomalyMode}) and the functional transforms of
 * {@link org.autodiff4j.tensor.TensorAD} ({@code grad vjp jvp jacobian hessian hvp}), which nest.
 *
 * <p><b>Numerical conventions</b> (as core's scalar ops): {@code relu'(0) = abs'(0) = 0}; max, min,
 * maximum and minimum split the gradient evenly at a tie; every VJP multiplies the upstream gradient
 * by the local partial with the chain rule's zero rule ({@code 0 * inf = 0}), so {@code where} gives
 * the unselected branch an exact zero gradient even where that branch is NaN or infinite;
 * {@code logSumExp} and {@code softmax} shift by the maximum and stay finite at 1e308.
 *
 * <p><b>Kernels</b> live in the unexported {@code org.autodiff4j.tensor.kernel}. Matrix products
 * use a packed, cache-blocked GEMM with Vector API micro-kernels (Goto and van de Geijn 2008),
 * split over the cores when large, reading transposed and sliced operands in place. Element-wise
 * functions and reductions have one loop per function, chosen outside the loop: a Vector API loop
 * where the vector form gives the same bits (arithmetic, comparisons, the chain-rule product, sums),
 * else a plain loop; broadcast and strided operands are walked row by row over coalesced dimensions,
 * with no per-element offsets, and a result is computed once along dimensions that every operand
 * repeats. Every fast kernel has a plain scalar reference ({@code Gemm.reference},
 * {@code ElementwiseReference}, {@code ReduceReference}) that the tests compare it against. F32
 * element-wise results equal computing in double and rounding once; F32 sums accumulate in double;
 * the F32 GEMM multiplies and adds in float, as BLAS sgemm.
 */
package org.autodiff4j.tensor;
