package org.autodiff4j.nn;

import java.util.Objects;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorScope;

/**
 * A trainable tensor of a {@link Module}: a slot holding a leaf that {@linkplain Tensor#requiresGrad()
 * requires gradients}. Tensors are immutable, so an optimizer updates a parameter by
 * {@linkplain #set putting a new value} in the slot; layers read {@link #value()} on every forward
 * pass and so see the update.
 *
 * <pre>{@code
 * Parameter w = new Parameter(Tensor.randn(rng, 3, 2));
 * Tensor loss = x.matmul(w.value()).square().sum();
 * loss.backward();                     // w.grad() is now 2 x^T (x w)
 * }</pre>
 */
public final class Parameter {

    private Tensor value;

    /**
     * A parameter holding {@code initial}'s values (sharing its storage), as a new leaf.
     *
     * @throws NullPointerException if {@code initial} is null
     */
    public Parameter(Tensor initial) {
        this.value = leaf(Objects.requireNonNull(initial, "initial value must not be null"));
    }

    /** The current value: a leaf that requires gradients. Use it in the forward pass. */
    public Tensor value() {
        return value;
    }

    /**
     * Replaces the value by {@code next}'s values (a new leaf sharing its storage, with no gradient).
     * Graphs recorded before still refer to the old value.
     *
     * @throws IllegalArgumentException if the shape or type differs from the current value's
     */
    public void set(Tensor next) {
        Objects.requireNonNull(next, "the new value must not be null");
        if (!next.shape().equals(value.shape()) || next.dtype() != value.dtype()) {
            throw new IllegalArgumentException("parameter of shape " + value.shape() + " and type " + value.dtype()
                    + " cannot take a value of shape " + next.shape() + " and type " + next.dtype());
        }
        value = leaf(next);
    }

    /** Converts the value to {@code dtype} (a new leaf, no gradient); nothing happens if it already has it. */
    public void to(DType dtype) {
        if (value.dtype() != dtype) {
            value = leaf(value.detach().to(dtype));
        }
    }

    /** The gradient accumulated by backward passes since the last {@link #zeroGrad()}, or null. */
    public Tensor grad() {
        return value.grad();
    }

    /**
     * Replaces the gradient by {@code g} (null forgets it), as gradient clipping or averaging across
     * workers do. A later backward pass adds to it.
     *
     * @throws IllegalArgumentException if {@code g}'s shape or type differs from the value's
     */
    public void setGrad(Tensor g) {
        if (g != null && (!g.shape().equals(value.shape()) || g.dtype() != value.dtype())) {
            throw new IllegalArgumentException("gradient of shape " + g.shape() + " and type " + g.dtype()
                    + " for a parameter of shape " + value.shape() + " and type " + value.dtype());
        }
        // NOTE: Tensor has no gradient setter; a fresh leaf (same storage) seeded by a backward pass
        // from itself receives exactly g. Replace with Tensor.setGrad once the tensor module has one.
        Tensor fresh = leaf(value);
        if (g != null) {
            fresh.backward(g.detach());
        }
        value = fresh;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    /** The value's shape and type, as {@code Parameter[3, 2] F64}. */
    @Override
    public String toString() {
        return "Parameter" + value.shape() + " " + value.dtype();
    }

    /** A fresh leaf on t's storage; it outlives any {@link TensorScope} open now, as a parameter must. */
    private static Tensor leaf(Tensor t) {
        return TensorScope.escape(t.detach().requiresGrad());
    }
}
