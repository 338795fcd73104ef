package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParseErrorTest {

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "sinn(x)         | 0  | unknown function 'sinn' (did you mean 'sin'?)",
        "frobnicate(x)   | 0  | unknown function 'frobnicate'",
        "pow(x)          | 0  | pow takes 2 arguments, got 1",
        "sin(x, y)       | 0  | sin takes 1 argument, got 2",
        "x + atan2(y)    | 4  | atan2 takes 2 arguments, got 1",
        "if(x, y)        | 0  | if takes 3 arguments, got 2",
        "(x + 1          | 0  | unbalanced parenthesis: '(' is never closed",
        "x + 1)          | 5  | unbalanced parenthesis: ')' without a matching '('",
        "sin(x           | 3  | unbalanced parenthesis: '(' is never closed",
        "x # y           | 2  | unexpected '#'",
        "x + * y         | 4  | unexpected '*'",
        "x +             | 3  | unexpected end of input: expected a number, a name or '('",
        "sin + 1         | 0  | sin is a function: call it as sin(...)",
        "pi(2)           | 0  | pi is a constant, not a function",
        "a < b < c       | 6  | comparisons do not chain: write (a < b) * (b < c) or nest if(...)",
        "x = 1           | 2  | unexpected '=': comparisons are written ==, !=, <, <=, >, >=",
        "2 x             | 2  | unexpected 'x'",
        "1.2.3           | 3  | unexpected '.'",
        "x + .           | 4  | a number needs a digit: '.' alone is not a number",
        "2 * 1e999       | 4  | number too large: the largest is 1.7976931348623157E308",
        "x + ٣         | 4  | unexpected '٣'",
        "x + é         | 4  | unexpected 'é'",
    })
    void errorsNameTheProblemAndPosition(String formula, int position, String problem) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Program.parse(formula));
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.caretLine()).isEqualTo(formula + "\n" + " ".repeat(position) + "^");
        assertThat(e.getMessage()).isEqualTo(problem + " at position " + position + "\n" + e.caretLine());
    }

    @Test
    void characterOutsideTheBasicPlaneIsShownWhole() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> Program.parse("x * \uD83D\uDE00"));
        assertThat(e.problem()).isEqualTo("unexpected '\uD83D\uDE00'");
        assertThat(e.position()).isEqualTo(4);
        ParseException lone = catchThrowableOfType(ParseException.class, () -> Program.parse("x\uD83D"));
        assertThat(lone.problem()).isEqualTo("unexpected '\\ud83d'");
    }

    @Test
    void emptyInput() {
        for (String blank : new String[] {"", "   ", "\t\n"}) {
            assertThatThrownBy(() -> Program.parse(blank)).isInstanceOf(ParseException.class).hasMessageStartingWith("empty input");
        }
    }

    @Test
    void caretLineShowsWindowOfLongInput() {
        String formula = "x + ".repeat(100) + "#";
        ParseException e = catchThrowableOfType(ParseException.class, () -> Program.parse(formula));
        assertThat(e.position()).isEqualTo(400);
        String[] lines = e.caretLine().split("\n");
        assertThat(lines[0]).startsWith("...").endsWith("#");
        assertThat(lines[1].indexOf('^')).isEqualTo(lines[0].length() - 1);
    }

    @Test
    void deepNestingIsAParseErrorNotAStackOverflow() {
        for (String deep : new String[] {"(".repeat(100_000), "(".repeat(49_999) + "x" + ")".repeat(49_999),
                "-".repeat(99_999) + "x", "x^".repeat(49_999) + "x", "sin(".repeat(20_000) + "x"}) {
            ParseException e = catchThrowableOfType(ParseException.class, () -> Program.parse(deep));
            assertThat(e.problem()).isEqualTo("nesting too deep: the limit is 200 levels");
        }
        // The caret is where level 201 begins: after 200 opening parentheses.
        assertThat(catchThrowableOfType(ParseException.class, () -> Program.parse("(".repeat(300) + "x")).position())
                .isEqualTo(Program.MAX_DEPTH);
    }

    @Test
    void nestingUpToTheLimitParses() {
        String ok = "(".repeat(190) + "x" + ")".repeat(190);
        assertThat(Program.parse(ok).value(2)).isEqualTo(2);
    }

    @Test
    void longFlatInputsParseButTooLongIsAnError() {
        String flat = "x" + "+x".repeat(49_000);
        assertThat(Program.parse(flat).value(1)).isEqualTo(49_001);
        ParseException e = catchThrowableOfType(ParseException.class, () -> Program.parse("x" + "+x".repeat(50_000)));
        assertThat(e.problem()).isEqualTo("input too long: 100001 characters, the limit is 100000");
        assertThat(e.position()).isEqualTo(Program.MAX_LENGTH);
    }
}
