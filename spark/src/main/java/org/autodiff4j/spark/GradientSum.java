package org.autodiff4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A partial sum over examples of the summed loss, its gradient (all parameters concatenated, in
 * {@link org.autodiff4j.nn.Module#namedParameters()} order) and the number of examples; what
 * {@link DataParallel}'s job adds. The empty sum has no gradient array yet.
 *
 * <p>One shard's gradient of an F32 model is kept as the {@code float[]} it was computed in until it
 * is added into a sum (always in double): written and read as a task result without conversion.
 */
public final class GradientSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient double[] grad;
    private transient float[] floats;
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

    /** The sum of one shard whose gradient was computed in F32 (the array is kept, not copied). */
    GradientSum(double loss, float[] grad, long count) {
        this.loss = loss;
        this.floats = grad;
        this.count = count;
    }

    /**
     * Adds {@code other} into this sum (reusing this object's array) and returns this.
     *
     * @throws IllegalArgumentException if the gradients have different lengths
     */
    public GradientSum add(GradientSum other) {
        long t0 = System.nanoTime();
        int n = other.grad != null ? other.grad.length : other.floats != null ? other.floats.length : -1;
        if (n >= 0) {
            if (grad == null && floats != null) {
                grad();
            }
            if (grad != null && grad.length != n) {
                throw new IllegalArgumentException("gradients of " + grad.length + " and " + n
                        + " values cannot be added: do all model factory calls build the same architecture?");
            }
            if (grad == null) {
                grad = other.grad != null ? other.grad.clone() : toDoubles(other.floats);
            } else if (other.grad != null) {
                double[] o = other.grad;
                for (int i = 0; i < n; i++) {
                    grad[i] += o[i];
                }
            } else {
                float[] o = other.floats;
                for (int i = 0; i < n; i++) {
                    grad[i] += o[i];
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

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    // NOTE: a shard of an F32 model computes its gradient in F32, so it travels as its float[] (half
    // the bytes of doubles), losslessly; so does a double gradient whose every value is exactly a
    // float. Any other sends the whole array as doubles.
    private void writeObject(ObjectOutputStream out) throws IOException {
        long t0 = System.nanoTime();
        out.defaultWriteObject();
        if (floats != null) {
            out.writeObject(floats);
        } else if (grad == null) {
            out.writeObject(null);
        } else {
            boolean exact = true;
            for (int i = 0; exact && i < grad.length; i++) {
                exact = (float) grad[i] == grad[i] || Double.isNaN(grad[i]);
            }
            if (exact) {
                float[] f = new float[grad.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) grad[i];
                }
                out.writeObject(f);
            } else {
                out.writeObject(grad);
            }
        }
        out.writeLong(System.nanoTime() - t0);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        long t0 = System.nanoTime();
        in.defaultReadObject();
        Object g = in.readObject();
        if (g instanceof float[] f) {
            floats = f;
        } else {
            grad = (double[]) g;
        }
        writeNanos += in.readLong();
        readNanos = System.nanoTime() - t0;
    }

    /** The summed gradient (not a copy), or null for the empty sum. */
    public double[] grad() {
        if (grad == null && floats != null) {
            grad = toDoubles(floats);
            floats = null;
        }
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
