package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The parser on hostile input: random bytes and mutated formulas either parse, or throw
 * {@link ParseException} with a position inside the input; nothing else, ever. What parses must
 * also evaluate, print back and differentiate without an exception.
 */
class ParserFuzzTest {

    /** Characters that matter to the grammar, so mutations reach deep into it. */
    private static final String ALPHABET = "()+-*/^,<>=!. eE0123456789xyzsinpiflogqrtab_\t#\u00e9\u0663";

    @Test
    void randomBytesOnlyEverThrowParseException() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            check(new String(bytes, StandardCharsets.UTF_8));
            check(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void randomStringsOverTheGrammarsAlphabet() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            check(s.toString());
        }
    }

    @Test
    void mutatedFormulas() {
        RandomFormulas gen = new RandomFormulas(13);
        Random random = gen.random();
        int parsed = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder(gen.formula(4));
            for (int m = 1 + random.nextInt(3); m > 0 && !s.isEmpty(); m--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(4)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> s.insert(at, s.substring(at, Math.min(s.length(), at + 1 + random.nextInt(8))));
                }
            }
            parsed += check(s.toString()) ? 1 : 0;
        }
        // The mutations leave a good share parseable, so the checks after parsing run too.
        assertThat(parsed).isGreaterThan(500);
    }

    @Test
    void pathologicalShapes() {
        for (String s : new String[] {"(".repeat(Program.MAX_DEPTH + 1), ")".repeat(1000), "-".repeat(Program.MAX_DEPTH + 1),
                "x^".repeat(Program.MAX_DEPTH + 1) + "x", "if(".repeat(300), "sin(".repeat(300), "1".repeat(400) + "e308",
                "9".repeat(5000), "0." + "0".repeat(5000) + "1", "x" + "*x".repeat(30_000), "e" + "e".repeat(50_000),
                "1e", "1e+", ".e1", "..", "x,y", "(,)", "f()", "sin()", "if()", "max(1,)", "\u0000", "\uFEFFx"}) {
            check(s);
        }
    }

    /** Whether {@code s} parsed; fails the test on any throwable but a well-formed ParseException. */
    private static boolean check(String s) {
        Program p;
        try {
            p = Program.parse(s);
        } catch (ParseException e) {
            assertThat(e.position()).as(s).isBetween(0, s.length());
            assertThat(e.getMessage()).as(s).contains(" at position " + e.position() + "\n");
            assertThat(e.caretLine()).as(s).endsWith("^");
            return false;
        } catch (Throwable t) {
            fail("parse(" + show(s) + ") threw " + t, t);
            return false;
        }
        try {
            double[] x = new double[p.variables().size()];
            java.util.Arrays.fill(x, 0.7);
            p.value(x);
            p.reverseTrace(x).toTable();
            if (x.length > 0) {
                p.forwardTrace(p.variables().getFirst(), x).toTable();
            }
            if (s.length() < 2_000) {
                assertThat(Program.parse(p.toString())).as(show(s)).isEqualTo(p);
                GraphExport.json(p, p.reverseTrace(x));
            }
        } catch (Throwable t) {
            fail("after parsing " + show(s) + ": " + t, t);
        }
        return true;
    }

    private static String show(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().limit(200).forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.append(s.length() > 200 ? "...\"" : "\"").toString();
    }
}
