package org.autodiff4j;

/** A real function of one input, written against {@link Real}: {@code UnaryFn f = x -> x.mul(x).add(1).sin();}. */
@FunctionalInterface
public interface UnaryFn {
    /** The value at {@code x}; it must not return null. */
    Real apply(Real x);
}
