package org.autodiff4j.optim;

import java.util.List;
import java.util.Objects;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.NoGrad;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorScope;

/**
 * Updates a list of {@link Parameter}s to decrease a loss, as PyTorch's {@code torch.optim.Optimizer}.
 * First-order optimizers read the gradients a backward pass left in the parameters:
 *
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.1).momentum(0.9);
 * opt.zeroGrad();
 * F.crossEntropy(model.forward(x), y).backward();
 * opt.step();
 * }</pre>
 *
 * <p>Parameters without a gradient are left unchanged. Updates run under {@link NoGrad} and replace
 * each parameter's value ({@link Parameter#set}). State (momentum, moments) is kept per parameter,
 * in the parameter's type.
 */
public abstract class Optimizer {

    /** The parameters, in the order given. */
    protected final List<Parameter> params;
    private double lr;
    private long stepCount;

    /**
     * An optimizer of {@code params} with learning rate {@code lr}.
     *
     * @throws IllegalArgumentException if lr is negative or not finite, or params is empty
     */
    protected Optimizer(List<Parameter> params, double lr) {
        Objects.requireNonNull(params, "params must not be null");
        if (params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " got an empty parameter list");
        }
        this.params = List.copyOf(params);
        setLr(lr);
    }

    /**
     * One update from the parameters' current gradients.
     *
     * @throws IllegalStateException for optimizers that need a {@link Closure} ({@link LBFGS}, {@link Newton})
     */
    public void step() {
        // NOTE: outside any TensorScope: the state an update keeps (momenta, moments) lives across steps
        TensorScope.outside(() -> {
            try (NoGrad _ = NoGrad.enter()) {
                for (int i = 0; i < params.size(); i++) {
                    Parameter p = params.get(i);
                    if (p.grad() != null) {
                        p.set(update(i, p.value(), p.grad()));
                    }
                }
                stepCount++;
            }
        });
    }

    /** The number of completed {@link #step()} calls. */
    public final long steps() {
        return stepCount;
    }

    /**
     * Clears the gradients, evaluates {@code closure}, back-propagates it, applies {@link #step()} and
     * returns the loss before the step.
     */
    public double step(Closure closure) {
        zeroGrad();
        Tensor loss = closure.loss();
        loss.backward();
        step();
        return loss.item();
    }

    /**
     * The new value of parameter {@code i} from its value {@code p} and gradient {@code g} (run
     * without recording); this is where each optimizer's formula lives. The step number, starting at
     * 1, is {@link #steps()} + 1.
     */
    protected abstract Tensor update(int i, Tensor p, Tensor g);

    /** Forgets every parameter's gradient. */
    public final void zeroGrad() {
        params.forEach(Parameter::zeroGrad);
    }

    /** The parameters this optimizer updates. */
    public final List<Parameter> parameters() {
        return params;
    }

    /** The learning rate. */
    public final double lr() {
        return lr;
    }

    /**
     * Sets the learning rate (schedulers call this).
     *
     * @throws IllegalArgumentException if lr is negative or not finite
     */
    public final void setLr(double lr) {
        if (!(lr >= 0 && lr < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be finite and >= 0, got " + lr);
        }
        this.lr = lr;
    }

    /** Throws naming the hyperparameter unless {@code ok}. */
    static void require(boolean ok, String what, double value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", got " + value);
        }
    }
}
