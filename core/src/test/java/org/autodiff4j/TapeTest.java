package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The tape's life cycle (record, backward, reset, close) and the errors users can make with it. */
class TapeTest {

    @Test
    void backwardGivesTheGradientAndCanRunAgainFromAnotherOutput() {
        try (Tape tape = new Tape()) {
            Var a = tape.variable(1);
            Var b = tape.variable(3);
            Var c = tape.variable(6);
            Var s = (Var) a.add(b);
            Var h = (Var) s.mul(b.add(c).log());
            tape.backward(h);
            assertThat(new double[] {a.grad(), b.grad(), c.grad()})
                    .containsExactly(new double[] {Math.log(9), Math.log(9) + 4.0 / 9, 4.0 / 9}, within(1e-15));
            tape.backward(s);
            assertThat(new double[] {a.grad(), b.grad(), c.grad(), h.grad()}).containsExactly(1, 1, 0, 0);
        }
    }

    @Test
    void backwardWithSeedsIsAVectorJacobianProduct() {
        try (Tape tape = new Tape()) {
            Var x = tape.variable(2);
            Var y1 = (Var) x.mul(x);       // 2x = 4
            Var y2 = (Var) x.sin();        // cos x
            tape.backward(new Var[] {y1, y2, y1}, new double[] {1, 10, 0.5});
            assertThat(x.grad()).isCloseTo(1.5 * 4 + 10 * Math.cos(2), within(1e-14));
        }
    }

    @Test
    void aReusedTapeKeepsItsArrays() {
        try (Tape tape = new Tape(16)) {
            for (int round = 0; round < 3; round++) {
                tape.reset();
                Real s = tape.variable(0);
                for (int i = 0; i < 1000; i++) {
                    s = s.add(Real.of(i)).mul(1.0);
                }
                tape.backward((Var) s);
                assertThat(tape.size()).isEqualTo(2001);
            }
            int capacity = tape.capacity();
            tape.reset();
            Real s = tape.variable(0);
            for (int i = 0; i < 1000; i++) {
                s = s.add(Real.of(i)).mul(1.0);
            }
            assertThat(tape.capacity()).isEqualTo(capacity);
        }
    }

    @Test
    void varsOfAnotherTapeAreRejectedWithAClearMessage() {
        try (Tape t1 = new Tape(); Tape t2 = new Tape()) {
            Var x = t1.variable(1);
            Var y = t2.variable(2);
            assertThatThrownBy(() -> x.add(y)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("different tapes");
            assertThatThrownBy(() -> y.mul(x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("different tapes");
            assertThatThrownBy(() -> t1.backward(y)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another tape");
        }
    }

    @Test
    void staleAndClosedVarsAreRejectedWithAClearMessage() {
        Tape tape = new Tape();
        Var old = tape.variable(1);
        tape.reset();
        assertThatThrownBy(old::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("before its tape was reset");
        assertThatThrownBy(() -> old.add(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
        Var x = tape.variable(2);
        tape.close();
        assertThatThrownBy(() -> x.mul(x)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> tape.variable(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(tape::reset).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void gradBeforeBackwardAndBadArgumentsAreClearErrors() {
        try (Tape tape = new Tape()) {
            Var x = tape.variable(1);
            assertThatThrownBy(x::grad).isInstanceOf(IllegalStateException.class).hasMessageContaining("backward");
            assertThatThrownBy(() -> tape.backward((Var) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("output");
            assertThatThrownBy(() -> tape.backward(new Var[] {x}, new double[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 outputs but 2 seeds");
            assertThatThrownBy(() -> x.add((Real) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("add");
            assertThatThrownBy(() -> x.apply(Op.SIN, x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sin takes 1 argument, not 2");
            assertThatThrownBy(() -> x.apply(Op.ADD)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("add takes 2 arguments, not 1");
            assertThatThrownBy(() -> new Tape(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        }
    }

    @Test
    void varsAfterTheOutputHaveGradientZero() {
        try (Tape tape = new Tape()) {
            Var x = tape.variable(1);
            Var y = (Var) x.mul(3);
            tape.backward(y);
            Var later = (Var) x.exp();
            assertThat(later.grad()).isZero();
            assertThat(x.grad()).isEqualTo(3);
        }
    }
}
