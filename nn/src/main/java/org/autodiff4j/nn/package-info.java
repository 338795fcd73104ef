/**
 * Neural-network layers and losses on {@link org.autodiff4j.tensor.Tensor}s, named as in PyTorch.
 *
 * <p><b>Modules.</b> A {@link org.autodiff4j.nn.Module} is a function of a tensor with named
 * {@link org.autodiff4j.nn.Parameter}s, buffers and submodules: {@code parameters()},
 * {@code namedParameters()} (dotted names such as {@code "0.weight"}), {@code train()}/{@code eval()},
 * {@code stateDict()}/{@code loadStateDict()}. Layers: {@link org.autodiff4j.nn.Linear},
 * {@link org.autodiff4j.nn.Conv2d}, {@link org.autodiff4j.nn.MaxPool2d}, {@link org.autodiff4j.nn.BatchNorm2d},
 * {@link org.autodiff4j.nn.Embedding}, {@link org.autodiff4j.nn.MultiheadAttention},
 * {@link org.autodiff4j.nn.LayerNorm}, {@link org.autodiff4j.nn.Dropout},
 * {@link org.autodiff4j.nn.Flatten}, the activations {@link org.autodiff4j.nn.ReLU},
 * {@link org.autodiff4j.nn.Tanh}, {@link org.autodiff4j.nn.Sigmoid}, {@link org.autodiff4j.nn.GELU},
 * and {@link org.autodiff4j.nn.Sequential} to chain them. Initialization is PyTorch's and draws from
 * a {@link java.util.random.RandomGenerator} given by the caller, so a seed fixes a run.
 *
 * <p><b>Functional ops and losses</b> live in {@link org.autodiff4j.nn.F}: every one is composed of
 * tensor operations, so autograd differentiates it to any order without a rule of its own (the tests
 * run gradcheck and gradgradcheck on each). Convolution and pooling are im2col
 * ({@link org.autodiff4j.tensor.Tensor#unfold2d}, a tensor primitive whose adjoint is
 * {@link org.autodiff4j.tensor.Tensor#fold2d}) followed by a matrix product, a max or a mean. Losses take a {@link org.autodiff4j.nn.Reduction}.
 *
 * <p><b>Training.</b> {@link org.autodiff4j.nn.Trainer} runs the loop the {@code autodiff train}
 * command needs: epochs of mini-batches, an optimizer, per-epoch loss and accuracy, a callback per batch.
 *
 * <pre>{@code
 * RandomGenerator rng = new SplittableRandom(1);
 * Module net = new Sequential(new Linear(2, 64, rng), new Tanh(), new Linear(64, 2, rng));
 * Optimizer opt = new Adam(net.parameters(), 0.01);
 * for (Batch b : new DataLoader(train, 64, true, false, rng)) {
 *     opt.zeroGrad();
 *     F.crossEntropy(net.forward(b.x()), b.y()).backward();
 *     opt.step();
 * }
 * }</pre>
 */
package org.autodiff4j.nn;
