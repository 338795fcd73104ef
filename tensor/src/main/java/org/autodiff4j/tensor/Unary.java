package org.autodiff4j.tensor;

import org.autodiff4j.tensor.kernel.UnaryFn;

/**
 * The element-wise primitives of one argument: each constant declares its value on a double and its
 * derivative as a {@link Tensor} expression of the input {@code x} and the output {@code out}. The
 * VJP is {@code g} times that derivative with the chain rule's zero rule ({@link Binary#CHAIN_MUL}).
 */
enum Unary implements Primitive {

    /** {@code -x}; derivative -1. */
    NEG(Domain.of(-3, 3)) {
        @Override double value(double x) { return -x; }
        @Override Tensor derivative(Tensor x, Tensor out) { return x.scalarLike(-1); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) { return g.neg(); }
    },
    /** {@code x^2}; derivative {@code 2x}. */
    SQUARE(Domain.of(-3, 3)) {
        @Override double value(double x) { return x * x; }
        @Override Tensor derivative(Tensor x, Tensor out) { return x.mul(2); }
        // NOTE: (2 g) x rather than g (2 x): the same product (doubling is exact), but when g is a
        // broadcast scalar (from sum or mean) 2 g is one element, so the VJP is one pass, not two;
        // when g is dense and no graph is recorded, one fused pass gives the same values. It differs
        // from g (2 x) only where 2 g overflows and g (2 x) would not, for |g| > MAX_VALUE / 2.
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            Tensor fused = GradMode.isEnabled() ? null : Values.scaledChainMul(2, g, x[0]);
            return fused != null ? fused : g.mul(2).chainMul(x[0]);
        }
        // NOTE: adding into the gradient while computing the product spares a pass and an array when
        // x is used more than once; the same values as the VJP and then the addition.
        @Override public boolean addVjpInto(Tensor acc, int i, Tensor g, Tensor[] x, Tensor out) {
            return Values.addScaledChainMul(acc, 2, g, x[0]);
        }
    },
    /** {@code e^x}; derivative {@code e^x}, the output itself. */
    EXP(Domain.of(-3, 3)) {
        @Override double value(double x) { return Math.exp(x); }
        @Override Tensor derivative(Tensor x, Tensor out) { return out; }
    },
    /** {@code ln x}; derivative {@code 1/x}. */
    LOG(Domain.of(0.1, 5)) {
        @Override double value(double x) { return Math.log(x); }
        @Override Tensor derivative(Tensor x, Tensor out) { return x.reciprocal(); }
    },
    /** {@code sqrt x}; derivative {@code 1/(2 sqrt x)}, +inf at 0. */
    SQRT(Domain.of(0.1, 5)) {
        @Override double value(double x) { return Math.sqrt(x); }
        @Override Tensor derivative(Tensor x, Tensor out) { return out.mul(2).reciprocal(); }
    },
    /** {@code sin x}; derivative {@code cos x}. */
    SIN(Domain.of(-4, 4)) {
        @Override double value(double x) { return Math.sin(x); }
        @Override Tensor derivative(Tensor x, Tensor out) { return x.cos(); }
    },
    /** {@code cos x}; derivative {@code -sin x}. */
    COS(Domain.of(-4, 4)) {
        @Override double value(double x) { return Math.cos(x); }
        @Override Tensor derivative(Tensor x, Tensor out) { return x.sin().neg(); }
    },
    /** {@code tanh x}; derivative {@code 1/cosh^2 x}. */
    TANH(Domain.of(-3, 3)) {
        @Override double value(double x) { return Math.tanh(x); }
        // NOTE: 4/(e^x + e^-x)^2 = 1/cosh^2 x, not 1 - tanh^2 x, which rounds to 0 for |x| > 19
        // (true value ~4e-17) and so loses all relative accuracy in the tails.
        @Override Tensor derivative(Tensor x, Tensor out) { return x.exp().add(x.neg().exp()).pow(-2).mul(4); }
    },
    /** {@code 1/(1 + e^-x)}; derivative {@code sigmoid(x) sigmoid(-x)}. */
    SIGMOID(Domain.of(-4, 4)) {
        // NOTE: two forms so that neither overflows: e^-x for x >= 0, e^x / (1 + e^x) below.
        @Override double value(double x) {
            if (x >= 0) {
                return 1 / (1 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1 + e);
        }
        // NOTE: sigmoid(x) sigmoid(-x) rather than s (1 - s): 1 - s rounds to 0 for x > 37.
        @Override Tensor derivative(Tensor x, Tensor out) { return out.mul(x.neg().sigmoid()); }
    },
    /** {@code max(x, 0)}; derivative 1 for x &gt; 0, else 0 (NOTE: relu'(0) = 0, by convention). */
    RELU(Domain.lattice(-3, 3, 0.25)) {
        @Override double value(double x) { return x > 0 ? x : x == x ? 0 : x; }
        @Override Tensor derivative(Tensor x, Tensor out) { return x.gt(0); }
    },
    /** {@code |x|}; derivative {@code sign x} (NOTE: abs'(0) = 0, by convention). */
    ABS(Domain.lattice(-3, 3, 0.25)) {
        @Override double value(double x) { return Math.abs(x); }
        @Override Tensor derivative(Tensor x, Tensor out) { return x.gt(0).sub(x.lt(0)); }
    };

    /** Where the registry tests sample the argument. */
    final Domain domain;
    /** The kernel's own loop for this function, or null: then {@link #value} runs once per element. */
    final UnaryFn kernel;
    private final String label;

    Unary(Domain domain) {
        this.domain = domain;
        this.kernel = UnaryFn.named(name());
        this.label = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value at one element. */
    abstract double value(double x);

    /** The derivative at every element, as a tensor shaped as {@code x}; built from Tensor ops. */
    abstract Tensor derivative(Tensor x, Tensor out);

    @Override
    public Tensor forward(Tensor... x) {
        return kernel != null ? Values.map(x[0], kernel) : Values.map(x[0], this::value);
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        return g.chainMul(derivative(x[0], out));
    }

    @Override
    public String toString() {
        return label;
    }
}
