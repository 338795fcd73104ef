package org.autodiff4j.tensor.kernel;

/**
 * The element-wise functions of two arguments that have a loop of their own in
 * {@link ElementwiseKernels}: the arithmetic primitives, named as the tensor primitive they compute
 * (whose scalar {@code value} is the reference), and the comparisons, which give 1 or 0.
 */
public enum BinaryFn {
    /** {@code x + y}. */
    ADD,
    /** {@code x - y}. */
    SUB,
    /** {@code x * y}. */
    MUL,
    /** {@code x / y}. */
    DIV,
    /** {@code Math.pow(x, y)}. */
    POW,
    /** {@code Math.max(x, y)}. */
    MAXIMUM,
    /** {@code Math.min(x, y)}. */
    MINIMUM,
    /** {@code x * y}, but exactly 0 when a factor is 0 (even if the other is infinite or NaN). */
    CHAIN_MUL,
    /** {@code x < y ? 1 : 0}. */
    LT,
    /** {@code x <= y ? 1 : 0}. */
    LE,
    /** {@code x > y ? 1 : 0}. */
    GT,
    /** {@code x >= y ? 1 : 0}. */
    GE,
    /** {@code x == y ? 1 : 0}. */
    EQ,
    /** {@code x != y ? 1 : 0}. */
    NE;

    /** The function with this name ignoring case ({@code "add"} gives {@link #ADD}), or null if there is none. */
    public static BinaryFn named(String name) {
        for (BinaryFn f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }
}
