package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.autodiff4j.AD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {

    @ParameterizedTest(name = "{0} parses as {1}")
    @CsvSource(delimiter = '|', value = {
        "-x^2        | -(x^2)",
        "x^y^z       | x^(y^z)",
        "2^-x        | 2^(-x)",
        "2^-x^2      | 2^(-(x^2))",
        "a-b-c       | (a-b)-c",
        "a/b/c       | (a/b)/c",
        "a+b*c       | a+(b*c)",
        "-a*b        | (-a)*b",
        "a*-b        | a*(-b)",
        "+a          | a",
        "a < b + c   | a < (b + c)",
        "-x^y^z      | -(x^(y^z))",
        "pow(x, y)^2 | (pow(x, y))^2",
    })
    void precedenceAndAssociativity(String formula, String parenthesized) {
        assertThat(Program.parse(formula)).isEqualTo(Program.parse(parenthesized));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "-2^2        | -4",
        "(-2)^2      | 4",
        "2^3^2       | 512",
        "2^-1        | 0.5",
        "1 - 2 - 3   | -4",
        "8 / 4 / 2   | 1",
        "2 + 3 * 4   | 14",
        "2 * -3      | -6",
        ".5          | 0.5",
        "0.5 + 1e-3  | 0.501",
        "2E3         | 2000",
        "1.5e+2      | 150",
        "5.          | 5",
        "max(1, 2)   | 2",
        "atan2(1, 1) | 0.7853981633974483",
        "hypot(3, 4) | 5",
        "2 < 3       | 1",
        "2 <= 2      | 1",
        "2 > 3       | 0",
        "3 >= 2      | 1",
        "2 == 2      | 1",
        "2 != 2      | 0",
        "if(1 < 2, 10, 20) | 10",
        "if(0, 10, 20)     | 20",
    })
    void evaluatesNumbers(String formula, double expected) {
        assertThat(Program.parse(formula).value()).isCloseTo(expected, within(1e-15));
    }

    @Test
    void constantsPiAndE() {
        assertThat(Program.parse("pi").value()).isEqualTo(Math.PI);
        assertThat(Program.parse("e").value()).isEqualTo(Math.E);
        assertThat(Program.parse("2*pi*r").variables()).containsExactly("r");
    }

    @Test
    void variablesInOrderOfFirstAppearance() {
        Program p = Program.parse("theta * x1 + x + theta");
        assertThat(p.variables()).containsExactly("theta", "x1", "x");
        assertThat(p.steps().subList(0, 3)).extracting(Step::toString).containsExactly("v0 = theta", "v1 = x1", "v2 = x");
    }

    @Test
    void wengertListSharesCommonSubexpressions() {
        Program p = Program.parse("sin(x) * y + sin(x) * y");
        assertThat(p.listing()).isEqualTo("""
                v0 = x
                v1 = y
                v2 = sin(v0)
                v3 = v2*v1
                v4 = v3 + v3
                """);
        assertThat(Program.parse("x*x").listing()).isEqualTo("v0 = x\nv1 = v0*v0\n");
    }

    @Test
    void stepsPrintEveryKind() {
        Program p = Program.parse("if(x < 2, -x, pow(x, 0.5))");
        assertThat(p.listing()).isEqualTo("""
                v0 = x
                v1 = 2
                v2 = v0 < v1
                v3 = -v0
                v4 = 0.5
                v5 = v0^v4
                v6 = if(v2, v3, v5)
                """);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', value = {
        "((x)*x) + -(y)           | x*x + -y",
        "a - (b - c)              | a - (b - c)",
        "(a - b) - c              | a - b - c",
        "a/(b*c)                  | a/(b*c)",
        "(x^y)^z                  | (x^y)^z",
        "x^(y^z)                  | x^y^z",
        "-(x^2)                   | -x^2",
        "(-x)^2                   | (-x)^2",
        "-(x*y)                   | -(x*y)",
        "2^(-x)                   | 2^-x",
        "pow(x, 0.5) + add(x, 1)  | x^0.5 + (x + 1)",
        "(a < b) < c              | (a < b) < c",
        "if(x<1,-x,e*pi)          | if(x < 1, -x, e*pi)",
        "1e-3 + 2E3 + .5          | 0.001 + 2000 + 0.5",
        "1e300*x                  | 1.0E300*x",
        "atan2(y,x)*max(x,y)      | atan2(y, x)*max(x, y)",
    })
    void printsBackWithTheParenthesesItNeeds(String formula, String printed) {
        Program p = Program.parse(formula);
        assertThat(p).hasToString(printed);
        assertThat(Program.parse(printed)).isEqualTo(p);
    }

    @Test
    void printingALongSumDoesNotRecurse() {
        Program p = Program.parse("x" + "+x".repeat(20_000));
        assertThat(p.toString()).hasSize(1 + 4 * 20_000).startsWith("x + x + x");
        assertThat(Program.parse(p.toString())).isEqualTo(p);
    }

    @Test
    void ifTakesOneBranchAndTheOtherGetsZeroDerivative() {
        Program abs = Program.parse("if(x > 0, x, -x)");
        assertThat(abs.value(-2)).isEqualTo(2);
        assertThat(AD.grad(abs::evaluate, -2.0)).containsExactly(-1);
        assertThat(AD.grad(abs::evaluate, 2.0)).containsExactly(1);
        // sqrt'(0) is infinite, but the branch is not taken: the derivative is exactly 0, not NaN.
        Program safe = Program.parse("if(x > 0, sqrt(x), 0)");
        assertThat(AD.grad(safe::evaluate, 0.0)).containsExactly(0);
        assertThat(safe.reverseTrace(0).gradient()).containsExactly(0);
    }

    @Test
    void gradientThroughCore() {
        assertThat(Program.parse("x*y").gradient(2, 3)).containsExactly(3, 2);
    }

    @Test
    void namedInputs() {
        Program p = Program.parse("x*y + z");
        assertThat(p.value(Map.of("x", 2.0, "y", 3.0, "z", 1.0))).isEqualTo(7);
        assertThatThrownBy(() -> p.value(Map.of("x", 2.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing values for y, z");
        assertThatThrownBy(() -> p.value(Map.of("x", 2.0, "y", 3.0, "z", 1.0, "w", 0.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not variables of the formula: w");
        assertThatThrownBy(() -> p.value(1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 variables [x, y, z], got 2 values");
    }
}
