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
    // NOTE: where the time went, summed over the parts added in (see DataParallel.StepTiming): loading
    // the parameters into a shard's model, the forward and backward passes, flattening the gradient,
    // writing and reading it as a task result, and adding parts. Bookkeeping only; equals nothing.
    private long loadNanos;
    private long computeNanos;
    private long packNanos;
    private long writeNanos;
    private transient long readNanos;
    private transient long mergeNanos;

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
        long t0 = System.nanoTime();
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
        loadNanos += other.loadNanos;
        computeNanos += other.computeNanos;
        packNanos += other.packNanos;
        writeNanos += other.writeNanos;
        readNanos += other.readNanos;
        mergeNanos += other.mergeNanos + (System.nanoTime() - t0);
        return this;
    }

    /** Records the time one shard spent loading the parameters, computing and flattening its gradient. */
    GradientSum timed(long load, long compute, long pack) {
        loadNanos = load;
        computeNanos = compute;
        packNanos = pack;
        return this;
    }

    /**
     * The summed nanoseconds of each phase: loading parameters, forward and backward, flattening the
     * gradient, writing it as a task result, reading it back, adding parts.
     */
    long[] phaseNanos() {
        return new long[] {loadNanos, computeNanos, packNanos, writeNanos, readNanos, mergeNanos};
    }

    // NOTE: a shard of an F32 model computes its gradient in F32, so every value is exactly a float;
    // such a gradient travels as a float[] (half the bytes of a task result), losslessly. Any value
    // that is not exactly a float sends the whole array as doubles.
    private void writeObject(ObjectOutputStream out) throws IOException {
        long t0 = System.nanoTime();
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
        out.writeLong(System.nanoTime() - t0);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        long t0 = System.nanoTime();
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
        writeNanos += in.readLong();
        readNanos = System.nanoTime() - t0;
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
