package org.autodiff4j;

/**
 * Comparisons of numbers by value, for control flow. When a {@link Var} of a tape that records for
 * {@link AD#compile} takes part, the comparison and its outcome are recorded as a guard, so that a
 * replay notices when the branch would go the other way.
 */
final class Compare {

    private Compare() {
    }

    static int test(Real x, Real y, byte kind) {
        if (y == null) {
            throw new NullPointerException("comparison with null");
        }
        double a = peek(x);
        double b = peek(y);
        int outcome = Program.outcome(kind, a, b);
        Tape tape = x instanceof Var v ? v.tape : y instanceof Var v ? v.tape : null;
        if (tape != null) {
            tape.guard(kind, x, a, y, b, outcome);
        }
        return outcome;
    }

    /** The value, read without marking a recording as non-replayable. */
    static double peek(Real r) {
        return r instanceof Var v ? v.tape.peek(v) : r.value();
    }
}
