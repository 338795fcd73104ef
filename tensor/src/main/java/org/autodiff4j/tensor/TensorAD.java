package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Functional transforms of tensor functions, as JAX's {@code grad}, {@code vjp}, {@code jvp},
 * {@code jacobian}, {@code hessian} and {@code hvp}: each takes a function {@code f} and a point
 * {@code x} and returns a derivative of f at x, leaving x's own {@link Tensor#grad()} alone.
 *
 * <pre>{@code
 * Function<Tensor, Tensor> f = x -> x.pow(3).sum();
 * TensorAD.grad(f, Tensor.vector(1, 2));                        // [3, 12]
 * TensorAD.hessian(f, Tensor.vector(1, 2));                     // [[6, 0], [0, 12]]
 * TensorAD.grad(x -> TensorAD.grad(f, x).sum(), Tensor.vector(1, 2));   // nested: [6, 12]
 * }</pre>
 *
 * <p>How: each transform traces f on a fresh variable and runs the reverse-mode engine
 * ({@link Autograd#grad}). Transforms nest: when x itself takes part in a graph (it is another
 * transform's variable, or any tensor that {@linkplain Tensor#tracksGrad() tracks gradients}), the
 * result is recorded with {@code createGraph}, so it can be differentiated again with respect to x.
 * Forward-mode products ({@link #jvp}) use the double-VJP trick: {@code J^T w} is linear in a dummy
 * cotangent w, and its gradient in w along u is {@code J u} (two reverse passes, no separate
 * forward-mode rules). Transforms record even inside a {@link NoGrad} scope, since they need the
 * trace. {@code f} must be a function of its argument only as far as derivatives go: tensors it
 * captures are constants for the transform.
 */
public final class TensorAD {

    private TensorAD() {
    }

    /**
     * The gradient of the scalar function f at x, shaped as x: {@code grad(x -> x.square().sum(), x)}
     * is {@code 2 x}.
     *
     * @throws IllegalArgumentException if f does not return a one-element tensor
     */
    public static Tensor grad(Function<Tensor, Tensor> f, Tensor x) {
        return traced(x, xv -> {
            Tensor y = apply(f, xv, "grad");
            if (y.size() != 1) {
                throw new IllegalArgumentException("grad needs f to return a scalar, got shape " + y.shape()
                        + "; use vjp or jacobian for other outputs");
            }
            return pull(y, Tensor.ones(y.dtype(), y.shape().toArray()), xv, nested(x), false);
        });
    }

    /**
     * The vector-Jacobian product {@code v^T J} of f at x (v shaped as f's output, the result as
     * x): the gradient of {@code sum(v * f(x))}. {@code vjp(x -> x.mul(a), x, v)} is {@code a * v}.
     *
     * @throws IllegalArgumentException if v's shape or type differs from f's output
     */
    public static Tensor vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        Objects.requireNonNull(v, "vjp: v must not be null");
        return traced(x, xv -> pull(apply(f, xv, "vjp"), v, xv, nested(x), false));
    }

    /**
     * The Jacobian-vector product {@code J u} of f at x (u shaped as x, the result as f's output):
     * the directional derivative of f along u. Computed by the double-VJP trick (two reverse passes).
     * {@code jvp(x -> x.sin(), x, u)} is {@code cos(x) * u}.
     *
     * @throws IllegalArgumentException if u's shape or type differs from x's
     */
    public static Tensor jvp(Function<Tensor, Tensor> f, Tensor x, Tensor u) {
        requireLike("jvp", "u", u, x);
        return traced(x, xv -> {
            Tensor y = apply(f, xv, "jvp");
            if (!y.tracksGrad()) {
                return Tensor.zeros(y.dtype(), y.shape().toArray());
            }
            Tensor w = Tensor.zeros(y.dtype(), y.shape().toArray()).requiresGrad();
            Tensor jtw = pull(y, w, xv, true, true);
            if (!jtw.tracksGrad()) {
                return Tensor.zeros(y.dtype(), y.shape().toArray());
            }
            boolean keep = nested(x);
            return Autograd.grad(List.of(jtw.mul(u).sum()), null, List.of(w), keep, keep).get(0);
        });
    }

    /**
     * The Jacobian of f at x, shaped {@code f(x).shape + x.shape}: {@code J[i..][j..] = d f_i / d x_j}.
     * One reverse pass per output element. {@code jacobian(x -> a.matmul(x), x)} is {@code a}.
     */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        return traced(x, xv -> {
            Tensor y = apply(f, xv, "jacobian");
            int[] dims = concat(y.shape().toArray(), x.shape().toArray());
            if (!y.tracksGrad() || y.size() == 0) {
                return Tensor.zeros(x.dtype(), dims);
            }
            List<Tensor> rows = new ArrayList<>();
            for (int i = 0; i < y.size(); i++) {
                double[] e = new double[y.size()];
                e[i] = 1;
                Tensor seed = Tensor.of(e, y.shape().toArray()).to(y.dtype());
                rows.add(pull(y, seed, xv, nested(x), true).reshape(-1));
            }
            return Tensor.stack(0, rows).reshape(dims);
        });
    }

    /**
     * The Hessian of the scalar function f at x, shaped {@code x.shape + x.shape}: the Jacobian of
     * its gradient. {@code hessian(x -> x.pow(3).sum(), x)} is {@code diag(6 x)}.
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        return jacobian(z -> grad(f, z), x);
    }

    /**
     * The Hessian-vector product {@code H v} of the scalar function f at x, without forming H: the
     * gradient of {@code <grad f(x), v>} (two reverse passes). {@code hvp(x -> x.pow(3).sum(), x, v)}
     * is {@code 6 x v}.
     */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        requireLike("hvp", "v", v, x);
        return grad(z -> grad(f, z).mul(v).sum(), x);
    }

    /** Runs {@code body} on a variable standing for x, with recording on. */
    private static Tensor traced(Tensor x, Function<Tensor, Tensor> body) {
        Objects.requireNonNull(x, "x must not be null");
        boolean previous = GradMode.set(true);
        try {
            // NOTE: a tracked x gets an identity node rather than being used directly, so the
            // gradients asked for are those of this trace's variable and still lead back to x.
            Tensor xv = x.tracksGrad() ? new Views.Reshape(x.shape()).apply(x) : x.detach().requiresGrad();
            return body.apply(xv);
        } finally {
            GradMode.set(previous);
        }
    }

    /** {@code v^T d y / d xv}, zeros if y does not depend on xv. */
    private static Tensor pull(Tensor y, Tensor v, Tensor xv, boolean createGraph, boolean retainGraph) {
        if (!y.tracksGrad()) {
            if (!v.shape().equals(y.shape())) {
                throw new IllegalArgumentException("the cotangent has shape " + v.shape() + ", the output " + y.shape());
            }
            return Tensor.zeros(xv.dtype(), xv.shape().toArray());
        }
        return Autograd.grad(List.of(y), List.of(v), List.of(xv), createGraph, retainGraph || createGraph).get(0);
    }

    private static Tensor apply(Function<Tensor, Tensor> f, Tensor xv, String op) {
        return Objects.requireNonNull(Objects.requireNonNull(f, op + ": f must not be null").apply(xv),
                op + ": f returned null");
    }

    /** True if x takes part in a graph, so results must stay differentiable in it. */
    private static boolean nested(Tensor x) {
        return x.tracksGrad();
    }

    private static void requireLike(String op, String name, Tensor t, Tensor x) {
        Objects.requireNonNull(t, op + ": " + name + " must not be null");
        if (!t.shape().equals(x.shape()) || t.dtype() != x.dtype()) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + t.shape() + " and type " + t.dtype()
                    + ", x has " + x.shape() + " and " + x.dtype() + "; they must agree");
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
