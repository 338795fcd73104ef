package org.autodiff4j.sci;

import org.autodiff4j.Real;

/**
 * A system {@code F(x, theta)} of n equations in n unknowns {@code x} with parameters {@code theta},
 * written against {@link Real}. Used by {@link Implicit#root(VectorEquation, double[], Real...)} (solve
 * {@code F = 0}) and {@link Implicit#fixedPoint(VectorEquation, double[], Real...)} (solve
 * {@code x = F(x, theta)}). It must return as many outputs as there are unknowns.
 */
@FunctionalInterface
public interface VectorEquation {
    /** The n outputs at {@code (x, theta)}; none may be null. */
    Real[] apply(Real[] x, Real[] theta);
}
