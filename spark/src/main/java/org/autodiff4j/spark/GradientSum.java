package org.autodiff4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A partial sum over examples of the summed loss, its gradient (all parameters concatenated, in
 * {@link org.autodiff4j.nn.Module#namedParameters()} order) and the number of examples; what
 * {@code treeAggregate} combines. The empty sum has no gradient array yet.
 */
public final class GradientSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient double[] grad;
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

    // NOTE: a shard of an F32 model computes its gradient in F32, so every value is exactly a float;
    // such a gradient travels as a float[] (half the bytes of a task result), losslessly. Any value
    // that is not exactly a float sends the whole array as doubles.
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        boolean floats = grad != null;
        for (int i = 0; floats && i < grad.length; i++) {
            floats = (float) grad[i] == grad[i] || Double.isNaN(grad[i]);
        }
        if (grad == null) {
            out.writeObject(null);
        } else if (floats) {
            float[] f = new float[grad.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) grad[i];
            }
            out.writeObject(f);
        } else {
            out.writeObject(grad);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Object g = in.readObject();
        if (g instanceof float[] f) {
            grad = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                grad[i] = f[i];
            }
        } else {
            grad = (double[]) g;
        }
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
