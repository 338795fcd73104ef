package org.autodiff4j.expr;

import java.util.Locale;

/** The two JSON atoms the exports write: strings and numbers. No dependency on a JSON library. */
final class Json {

    private Json() {
    }

    /** {@code "a\"b"} for {@code a"b}: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code 6}, {@code 0.5}, {@code 1.0E300}: the shortest decimal that reads back to {@code x}.
     * NOTE: JSON has no NaN or infinity; the strings {@code "NaN"}, {@code "Infinity"} and
     * {@code "-Infinity"} keep them visible (as JavaScript's {@code Number("NaN")} reads them)
     * instead of failing or writing null.
     */
    static String number(double x) {
        return Double.isFinite(x) ? ProgramBuilder.spell(x) : "\"" + x + "\"";
    }
}
