package org.autodiff4j;

/**
 * A vector function of several inputs, written against {@link Real}:
 * {@code VectorFn f = x -> new Real[] {x[0].mul(x[1]), x[0].sin()};}. It must return the same
 * number of outputs (none of them null) every time it is called.
 */
@FunctionalInterface
public interface VectorFn {
    /** The outputs at {@code x}. */
    Real[] apply(Real[] x);
}
