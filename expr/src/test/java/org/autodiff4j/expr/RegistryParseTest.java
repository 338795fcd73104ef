package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.Stream;

import org.autodiff4j.AD;
import org.autodiff4j.Op;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every op of the registry parses by its symbol and evaluates to the op's value, with matching derivatives. */
class RegistryParseTest {

    private static final double X = 0.3;
    private static final double Y = 0.7;

    @TestFactory
    Stream<DynamicTest> everyOpParsesAndEvaluates() {
        return Arrays.stream(Op.values()).map(op -> DynamicTest.dynamicTest(op.symbol(), () -> {
            boolean unary = op.arity() == 1;
            Program p = Program.parse(unary ? op.symbol() + "(x)" : op.symbol() + "(x, y)");
            double[] at = unary ? new double[] {X} : new double[] {X, Y};
            double expected = unary ? op.value(X) : op.value(X, Y);
            assertThat(p.value(at)).isEqualTo(expected);
            assertThat(p.steps()).hasSize(at.length + 1);
            assertThat(p.steps().getLast().op()).isEqualTo(op);
            double[] reverse = p.reverseTrace(at).gradient();
            double[] core = AD.grad(p::evaluate, at);
            for (int i = 0; i < at.length; i++) {
                assertThat(reverse[i]).isCloseTo(core[i], within(1e-12));
            }
            assertThat(p.forwardTrace("x", at).tangent()).isCloseTo(core[0], within(1e-12));
        }));
    }
}
