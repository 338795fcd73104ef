package org.autodiff4j;

/**
 * A function's value and gradient at a point, from one reverse pass: {@link AD#valueAndGrad}.
 *
 * @param value the value f(x)
 * @param gradient the gradient, {@code gradient[i] = df/dx_i}
 */
public record ValueAndGrad(double value, double[] gradient) {
}
