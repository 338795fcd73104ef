package org.autodiff4j.tensor.kernel;

/**
 * The element-wise functions of one argument that have a loop of their own in
 * {@link ElementwiseKernels}; each is named as the tensor primitive it computes, whose scalar
 * {@code value} is the reference the tests compare the loop against.
 */
public enum UnaryFn {
    /** {@code -x}. */
    NEG,
    /** {@code x * x}. */
    SQUARE,
    /** {@code e^x}. */
    EXP,
    /** {@code ln x}. */
    LOG,
    /** {@code sqrt x}. */
    SQRT,
    /** {@code sin x}. */
    SIN,
    /** {@code cos x}. */
    COS,
    /** {@code tanh x}. */
    TANH,
    /** {@code 1 / (1 + e^-x)}, in a form that does not overflow. */
    SIGMOID,
    /** {@code max(x, 0)}, NaN for NaN. */
    RELU,
    /** {@code |x|}. */
    ABS;

    /** The function with this name ignoring case ({@code "exp"} gives {@link #EXP}), or null if there is none. */
    public static UnaryFn named(String name) {
        for (UnaryFn f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }
}
