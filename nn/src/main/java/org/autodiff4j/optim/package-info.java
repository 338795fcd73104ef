/**
 * Optimizers and learning-rate schedules for {@link org.autodiff4j.nn.Parameter}s, with PyTorch's
 * update formulas: first-order {@link org.autodiff4j.optim.SGD} (momentum, Nesterov, weight decay),
 * {@link org.autodiff4j.optim.Adam}, {@link org.autodiff4j.optim.AdamW},
 * {@link org.autodiff4j.optim.RMSprop}, which read the gradients a backward pass left; and
 * full-batch {@link org.autodiff4j.optim.LBFGS} (strong-Wolfe line search) and
 * {@link org.autodiff4j.optim.Newton} (damped Newton-CG on Hessian-vector products from double
 * backward), which evaluate a {@link org.autodiff4j.optim.Closure} and differentiate it themselves.
 * Schedules: {@link org.autodiff4j.optim.StepLR}, {@link org.autodiff4j.optim.CosineAnnealingLR};
 * {@link org.autodiff4j.optim.GradClip#clipGradNorm} rescales gradients.
 */
package org.autodiff4j.optim;
