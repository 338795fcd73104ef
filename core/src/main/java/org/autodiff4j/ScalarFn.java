package org.autodiff4j;

/**
 * A real function of several inputs, written once against {@link Real} so that every mode can run
 * it: {@code ScalarFn f = x -> x[0].mul(x[1]).add(x[0].sin());}.
 */
@FunctionalInterface
public interface ScalarFn {
    /** The value at {@code x}; it must not return null. */
    Real apply(Real[] x);
}
