package org.autodiff4j;

import java.util.ArrayDeque;

/**
 * A per-thread stack of reusable tapes for {@link AD}: a gradient call takes one and gives it back,
 * so repeated calls record into arrays that are already grown. A call nested inside another takes
 * a second tape. Tapes that grew very large are dropped rather than kept, to give the memory back.
 */
final class Tapes {

    private static final int KEEP_UP_TO = 1 << 22;
    private static final ThreadLocal<ArrayDeque<Tape>> FREE = ThreadLocal.withInitial(ArrayDeque::new);

    private Tapes() {
    }

    /** A tape with a fresh level (higher than that of any call around this one). */
    static Tape acquire() {
        Tape tape = FREE.get().pollFirst();
        if (tape == null) {
            return new Tape();
        }
        tape.reset();
        return tape;
    }

    /** Gives the tape back; Vars recorded on it become stale. */
    static void release(Tape tape) {
        if (tape.capacity() <= KEEP_UP_TO) {
            tape.reset();
            FREE.get().addFirst(tape);
        }
    }
}
