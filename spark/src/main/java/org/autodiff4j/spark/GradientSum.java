package org.autodiff4j.spark;

import java.io.Serializable;

/**
 * A partial sum over examples of the summed loss, its gradient (all parameters concatenated, in
 * {@link org.autodiff4j.nn.Module#namedParameters()} order) and the number of examples; what
 * {@code treeAggregate} combines. The empty sum has no gradient array yet.
 */
public final class GradientSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private double[] grad;
    private double loss;
    private long count;

    /** The empty sum. */
    public GradientSum() {
    }

    /** The sum of one shard: its summed loss {@code loss}, gradient {@code grad} and {@code count} examples. */
    public GradientSum(double loss, double[] grad, long count) {
        this.loss = loss;
        this.grad = grad;
        this.count = count;
    }

    /**
     * Adds {@code other} into this sum (reusing this object's array) and returns this.
     *
     * @throws IllegalArgumentException if the gradients have different lengths
     */
    public GradientSum add(GradientSum other) {
        if (other.grad != null) {
            if (grad == null) {
                grad = other.grad.clone();
            } else {
                if (grad.length != other.grad.length) {
                    throw new IllegalArgumentException("gradients of " + grad.length + " and " + other.grad.length
                            + " values cannot be added: do all model factory calls build the same architecture?");
                }
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += other.grad[i];
                }
            }
        }
        loss += other.loss;
        count += other.count;
        return this;
    }

    /** The summed gradient (not a copy), or null for the empty sum. */
    public double[] grad() {
        return grad;
    }

    /** The summed loss. */
    public double loss() {
        return loss;
    }

    /** The number of examples summed over. */
    public long count() {
        return count;
    }
}
