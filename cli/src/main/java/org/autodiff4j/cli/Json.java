package org.autodiff4j.cli;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON from plain Java values: {@code Map<String, ?>} (keys in the map's order), {@code List},
 * {@code double[]}, {@code double[][]}, numbers, strings, booleans and {@code null}.
 *
 * <p>NOTE: JSON has no NaN or infinity; those are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, as Jackson's and Python's lenient readers accept, so a
 * reader sees which it was instead of a null.
 *
 * <pre>{@code
 * Json.write(Map.of("value", 6.0));   // {"value": 6.0}
 * }</pre>
 */
final class Json {

    private Json() {
    }

    /** The JSON text of {@code value}, on one line. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Double d -> number(d, out);
            case Float f -> number(f, out);
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            case double[] a -> {
                out.append('[');
                for (int i = 0; i < a.length; i++) {
                    out.append(i == 0 ? "" : ", ");
                    number(a[i], out);
                }
                out.append(']');
            }
            case double[][] a -> write(List.of(a), out);
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    string(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case List<?> l -> {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    write(l.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("Json.write: no JSON form for " + value.getClass().getName());
        }
    }

    private static void number(double d, StringBuilder out) {
        if (Double.isFinite(d)) {
            out.append(d);
        } else {
            string(Double.toString(d), out);
        }
    }

    /** {@code s} as a JSON string, quoted and escaped. */
    static void string(String s, StringBuilder out) {
        out.append('"');
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
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
