package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.Stream;

import org.autodiff4j.AD;
import org.autodiff4j.Op;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SymbolicTest {

    @Test
    void productRuleUnsimplified() {
        Symbolic d = Symbolic.of(Program.parse("x*sin(x)")).derivative("x");
        assertThat(d).hasToString("1*sin(x) + x*(cos(x)*1)");
        assertThat(d.size()).isEqualTo(11);
        // Closed form: sin x + x cos x.
        assertThat(d.value(2)).isCloseTo(Math.sin(2) + 2 * Math.cos(2), within(1e-15));
    }

    @Test
    void powerRuleQuotientRuleAndConstants() {
        assertThat(Symbolic.of(Program.parse("x^2")).derivative("x")).hasToString("2*x^(2 - 1)*1");
        assertThat(Symbolic.of(Program.parse("2^x")).derivative("x")).hasToString("2^x*log(2)*1");
        assertThat(Symbolic.of(Program.parse("x/y")).derivative("y")).hasToString("(0*y - x*1)/y^2");
        assertThat(Symbolic.of(Program.parse("pi*x")).derivative("x")).hasToString("0*x + pi*1");
    }

    @Test
    void sharedStepsAreWrittenOutAtEachUse() {
        Program p = Program.parse("sin(x)*sin(x)");
        assertThat(p.length()).isEqualTo(3);
        assertThat(Symbolic.of(p).size()).isEqualTo(5);
        assertThat(Symbolic.of(p)).hasToString("sin(x)*sin(x)");
    }

    @Test
    void derivativeOfIfDifferentiatesBothBranchesUnderTheSameCondition() {
        Symbolic d = Symbolic.of(Program.parse("if(x > 0, x^2, -x)")).derivative("x");
        assertThat(d).hasToString("if(x > 0, 2*x^(2 - 1)*1, -1)");
        assertThat(d.value(3)).isEqualTo(6);
        assertThat(d.value(-3)).isEqualTo(-1);
    }

    @Test
    void naiveEvaluationHasNoZeroRule() {
        Program p = Program.parse("0*sqrt(x)");
        assertThat(Symbolic.of(p).derivative("x").value(0)).isNaN();
        assertThat(p.gradient(0)).containsExactly(0);
    }

    @Test
    void printedDerivativeParsesBackToTheSameValue() {
        Program p = Program.parse("log((x1+x2)^2 + sin(x1*x2))");
        Symbolic d = Symbolic.of(p).derivative("x2");
        Program reparsed = Program.parse(d.toString());
        assertThat(reparsed.value(reparsed.point(java.util.Map.of("x1", 1.0, "x2", 0.5)))).isEqualTo(d.value(1, 0.5));
    }

    /** Every op of the registry: the symbolic derivative agrees with reverse-mode AD. */
    @TestFactory
    Stream<DynamicTest> everyOpHasARuleThatAgreesWithAD() {
        return Arrays.stream(Op.values()).map(op -> DynamicTest.dynamicTest(op.symbol(), () -> {
            boolean unary = op.arity() == 1;
            Program p = Program.parse(unary ? op.symbol() + "(x^2 + 0.1)" : op.symbol() + "(x*y + 0.1, y - x)");
            double[] at = unary ? new double[] {0.55} : new double[] {0.3, 0.9};
            double[] ad = p.gradient(at);
            for (int i = 0; i < at.length; i++) {
                Symbolic d = Symbolic.of(p).derivative(p.variables().get(i));
                assertThat(d.value(at)).as(d.toString()).isCloseTo(ad[i], within(1e-12 * Math.max(1, Math.abs(ad[i]))));
            }
        }));
    }

    /** Expression swell: for prod_i (x + i), the derivative's tree grows as n^2, the program as n. */
    @Test
    void symbolicSizeOutgrowsTheTape() {
        long[] size = new long[21];
        int[] length = new int[21];
        for (int n = 1; n <= 20; n++) {
            StringBuilder f = new StringBuilder("(x + 1)");
            for (int i = 2; i <= n; i++) {
                f.append("*(x + ").append(i).append(')');
            }
            Program p = Program.parse(f.toString());
            Symbolic d = Symbolic.of(p).derivative("x");
            size[n] = d.size();
            length[n] = p.length();
            // The steps: x, then for each factor a constant and a sum, and n - 1 products.
            assertThat(length[n]).isEqualTo(1 + 2 * n + (n - 1));
            // d/dx prod (x + i) at x = 0.5 is prod * sum 1/(x + i): a closed form, independent of both.
            double prod = 1;
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                prod *= 0.5 + i;
                sum += 1 / (0.5 + i);
            }
            assertThat(d.value(0.5)).isCloseTo(prod * sum, within(1e-12 * prod * sum));
            assertThat(p.gradient(0.5)[0]).isCloseTo(prod * sum, within(1e-12 * prod * sum));
        }
        for (int n = 2; n <= 20; n++) {
            assertThat((double) size[n] / length[n]).isGreaterThan((double) size[n - 1] / length[n - 1]);
        }
        // Quadratic against linear: doubling n multiplies the tree by about 4, the tape by about 2.
        assertThat((double) size[20] / size[10]).isGreaterThan(3.5);
        assertThat((double) length[20] / length[10]).isLessThan(2.1);
    }

    @Test
    void deepTreesNeedNoRecursion() {
        Program p = Program.parse("x" + "*x".repeat(20_000));
        Symbolic d = Symbolic.of(p).derivative("x");
        assertThat(d.size()).isGreaterThan(20_000L * 20_000 / 2);
        assertThat(d.value(1)).isEqualTo(20_001);
        assertThat(d.toString(30)).hasSize(33).endsWith("...");
    }

    @Test
    void unknownVariableIsAnError() {
        assertThatThrownBy(() -> Symbolic.of(Program.parse("x*y")).derivative("z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no variable 'z' in the formula; its variables are [x, y]");
        assertThatThrownBy(() -> Symbolic.of(Program.parse("x*y")).value(1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
