package org.autodiff4j.tensor;

import org.autodiff4j.tensor.kernel.BinaryFn;

/**
 * The element-wise primitives of two arguments, which broadcast by NumPy's rules. Each constant
 * declares its value on doubles and its partial derivatives as {@link Tensor} expressions of
 * {@code x}, {@code y} and the output; the VJP multiplies {@code g} by the partial with the chain
 * rule's zero rule ({@link #CHAIN_MUL}) and leaves the summing over broadcast dimensions to the engine.
 */
enum Binary implements Primitive {

    /** {@code x + y}; partials 1, 1. */
    ADD(Domain.of(-3, 3), Domain.of(-3, 3)) {
        @Override double value(double x, double y) { return x + y; }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) { return out.scalarLike(1); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) { return g; }
    },
    /** {@code x - y}; partials 1, -1. */
    SUB(Domain.of(-3, 3), Domain.of(-3, 3)) {
        @Override double value(double x, double y) { return x - y; }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) { return out.scalarLike(i == 0 ? 1 : -1); }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) { return i == 0 ? g : g.neg(); }
    },
    /** {@code x * y}; partials y, x. */
    MUL(Domain.of(-3, 3), Domain.of(-3, 3)) {
        @Override double value(double x, double y) { return x * y; }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) { return i == 0 ? y : x; }
    },
    /** {@code x / y}; partials {@code 1/y} and {@code -x/y^2 = -out/y}. */
    DIV(Domain.of(-3, 3), Domain.of(0.3, 3)) {
        @Override double value(double x, double y) { return x / y; }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) {
            return i == 0 ? y.reciprocal() : out.neg().div(y);
        }
    },
    /** {@code x^y} as {@link Math#pow}; partials {@code y x^(y-1)} and {@code x^y ln x}. */
    POW(Domain.of(0.3, 3), Domain.of(-2, 2)) {
        @Override double value(double x, double y) { return Math.pow(x, y); }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) {
            if (i == 0) {
                // NOTE: y = 0 makes x^0 = 1 constant: the partial is exactly 0, also at x = 0 where
                // 0 * 0^-1 would be NaN (as core's Op.POW).
                return Tensor.where(y.eq(0), out.scalarLike(0), y.mul(x.pow(y.sub(1))));
            }
            // NOTE: as JAX, d/dy x^y = 0 at x = 0 (x^y is 0 for every y > 0), not 0 * ln 0 = NaN.
            return Tensor.where(x.eq(0), out.scalarLike(0), out.mul(x.log()));
        }
    },
    /** {@code max(x, y)}; partials 1 for the larger argument, 0 for the other (NOTE: at a tie, 1/2 each). */
    MAXIMUM(Domain.lattice(-3, 3, 0), Domain.lattice(-3, 3, 0.25)) {
        @Override double value(double x, double y) { return Math.max(x, y); }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) {
            return (i == 0 ? x.gt(y) : y.gt(x)).add(x.eq(y).mul(0.5));
        }
    },
    /** {@code min(x, y)}; partials 1 for the smaller argument, 0 for the other (NOTE: at a tie, 1/2 each). */
    MINIMUM(Domain.lattice(-3, 3, 0), Domain.lattice(-3, 3, 0.25)) {
        @Override double value(double x, double y) { return Math.min(x, y); }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) {
            return (i == 0 ? x.lt(y) : y.lt(x)).add(x.eq(y).mul(0.5));
        }
    },
    /**
     * The product of the chain rule, {@code x * y} except that a zero factor gives exactly 0 even
     * when the other is infinite or NaN; partials y, x (with the same rule). Every VJP multiplies by
     * it, which gives {@code where(x > 0, sqrt(x), 0)} the gradient 0 at x = 0 instead of
     * {@code 0 * inf = NaN}.
     *
     * <p>NOTE: a zero gradient means "no dependence", as JAX's symbolic zeros and core's
     * {@code Chain.times}; a NaN or infinite partial meeting it must not invent one.
     */
    CHAIN_MUL(Domain.of(-3, 3), Domain.of(-3, 3)) {
        @Override double value(double x, double y) {
            double p = x * y;
            return p == p || (x != 0 && y != 0) ? p : 0;
        }
        @Override Tensor partial(int i, Tensor x, Tensor y, Tensor out) { return i == 0 ? y : x; }
    };

    /** Where the registry tests sample the arguments. */
    final Domain xDomain;
    final Domain yDomain;

    /** The kernel's own loop for this function, or null: then {@link #value} runs once per element. */
    final BinaryFn kernel;
    private final String label;

    Binary(Domain xDomain, Domain yDomain) {
        this.xDomain = xDomain;
        this.yDomain = yDomain;
        this.kernel = BinaryFn.named(name());
        this.label = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value at one pair of elements. */
    abstract double value(double x, double y);

    /** The partial derivative in argument {@code i} (0 for x, 1 for y), broadcast like the output. */
    abstract Tensor partial(int i, Tensor x, Tensor y, Tensor out);

    @Override
    public Tensor forward(Tensor... x) {
        return kernel != null ? Values.zip(x[0], x[1], kernel, label) : Values.zip(x[0], x[1], this::value, label);
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        return g.chainMul(partial(i, x[0], x[1], out));
    }

    @Override
    public String toString() {
        return label;
    }
}
