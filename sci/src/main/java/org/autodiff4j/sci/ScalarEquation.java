package org.autodiff4j.sci;

import org.autodiff4j.Real;

/**
 * A scalar equation {@code F(x, theta)} in one unknown {@code x} and parameters {@code theta}, written
 * against {@link Real}: {@code ScalarEquation sqrt = (x, th) -> x.mul(x).sub(th[0]);}. Used by
 * {@link Implicit#root(ScalarEquation, double, Real...)} (solve {@code F = 0}) and
 * {@link Implicit#fixedPoint(ScalarEquation, double, Real...)} (solve {@code x = F(x, theta)}).
 */
@FunctionalInterface
public interface ScalarEquation {
    /** The value at {@code (x, theta)}; it must not return null. */
    Real apply(Real x, Real[] theta);
}
