package org.autodiff4j;

/**
 * One step of an iterated map {@code s_{k+1} = step(s_k, params)}, written against {@link Real} so
 * that {@link Checkpoint} can both run it on plain values and record it for reverse mode.
 *
 * <pre>{@code
 * // a damped pendulum, symplectic Euler with dt = 0.01: state (theta, omega), params (gamma, k)
 * StepFn pendulum = (s, p) -> {
 *     Real omega = s[1].add(p[0].mul(s[1]).add(p[1].mul(s[0].sin())).mul(-0.01));
 *     return new Real[] {s[0].add(omega.mul(0.01)), omega};
 * };
 * }</pre>
 *
 * <p>Checkpointing evaluates a step more than once from the same state, so a step must be a pure
 * function of its arguments: the same values in, the same values out (no hidden counter, no random
 * numbers). A map that depends on the step index k or on a time t carries it as one more state
 * component ({@code t' = t + dt}). A step must not modify the arrays it is given.
 *
 * <p>Branch with {@link Real#gt}, {@link Real#lt}, {@link Real#compareTo} or {@link AD#where} rather
 * than on {@link Real#value()}: {@link Checkpoint} records a piece of the map once and replays the
 * recording for the other pieces (as {@link AD#compile}), which those comparisons keep right; a step
 * that reads values out is recorded afresh for every piece, which is right but slower.
 */
@FunctionalInterface
public interface StepFn {

    /**
     * The next state {@code step(state, params)}: a new array as long as {@code state}, with no null
     * entry.
     */
    Real[] apply(Real[] state, Real[] params);
}
