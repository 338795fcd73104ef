package org.autodiff4j.optim;

import java.util.ArrayList;
import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Autograd;
import org.autodiff4j.tensor.NoGrad;
import org.autodiff4j.tensor.Tensor;

/**
 * The parameters seen as one vector of doubles, for the full-batch optimizers that do linear algebra
 * on the whole point ({@link LBFGS}, {@link Newton}).
 */
final class FlatParameters {

    private final List<Parameter> params;
    private final int size;

    FlatParameters(List<Parameter> params) {
        this.params = params;
        int n = 0;
        for (Parameter p : params) {
            n += p.value().size();
        }
        this.size = n;
    }

    int size() {
        return size;
    }

    /** The parameters' current values, concatenated. */
    double[] values() {
        List<Tensor> values = new ArrayList<>();
        for (Parameter p : params) {
            values.add(p.value());
        }
        return concat(values);
    }

    /** Sets the parameters to {@code x} (rounded to each parameter's type). */
    void set(double[] x) {
        List<Tensor> parts = split(x);
        for (int j = 0; j < params.size(); j++) {
            params.get(j).set(parts.get(j));
        }
    }

    /** {@code x} cut into tensors shaped (and typed) as the parameters. */
    List<Tensor> split(double[] x) {
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (Parameter p : params) {
            Tensor v = p.value();
            double[] part = java.util.Arrays.copyOfRange(x, at, at + v.size());
            out.add(Tensor.of(part, v.shape().toArray()).to(v.dtype()));
            at += v.size();
        }
        return out;
    }

    /** The tensors' values concatenated (detached: no graph is recorded for the copy). */
    static double[] concat(List<Tensor> parts) {
        return Tensor.cat(0, parts.stream().map(t -> t.detach().flatten()).toList()).toDoubleArray();
    }

    /** The loss the closure gives at the current values, and its gradient; the graph is released. */
    Evaluation evaluate(Closure closure) {
        Tensor loss = closure.loss();
        requireScalar(loss);
        List<Tensor> grads = Autograd.grad(List.of(loss), leaves(), false);
        return new Evaluation(loss.item(), concat(grads));
    }

    /** The loss at the current values, without recording. */
    double value(Closure closure) {
        try (NoGrad _ = NoGrad.enter()) {
            Tensor loss = closure.loss();
            requireScalar(loss);
            return loss.item();
        }
    }

    /** The parameters' current leaves. */
    List<Tensor> leaves() {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.value());
        }
        return out;
    }

    static void requireScalar(Tensor loss) {
        if (loss == null || loss.size() != 1) {
            throw new IllegalArgumentException("the closure must return a one-element loss, got "
                    + (loss == null ? "null" : "shape " + loss.shape()));
        }
    }

    /** A loss value and its gradient. */
    record Evaluation(double loss, double[] grad) {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code x + t d}. */
    static double[] axpy(double[] x, double t, double[] d) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + t * d[i];
        }
        return out;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
