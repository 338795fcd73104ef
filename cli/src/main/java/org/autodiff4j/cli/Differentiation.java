package org.autodiff4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff4j.expr.Program;
import org.autodiff4j.expr.ReverseTrace;

/**
 * The playground's API, {@code POST /api/differentiate}: a request
 * {@code {"expression": "x*y + sin(x)", "point": {"x": 2, "y": 3}, "mode": "reverse", "seed": "x", "hessian": true}}
 * gives
 * {@code {"expression", "variables", "point", "value", "gradient", "hessian"?, "forward"?, "reverse", "graph"}}:
 * the value; the gradient by {@code mode} (reverse by default); the Hessian if asked; the forward trace
 * seeded on {@code seed} (default: the first variable) as in {@code autodiff trace --json}; the
 * reverse trace; and the graph with its layout ({@link #graph}).
 *
 * <p>Only {@code expression} is required. A variable missing from {@code point} takes the value 1,
 * so the page can show a formula before its inputs are filled in; the response's {@code point}
 * says which values were used. A bad field is a 400 naming it.
 */
final class Differentiation {

    /** The longest expression the playground takes, in characters. */
    static final int MAX_EXPRESSION = 10_000;
    /** The value a variable takes when the request gives none. */
    static final double DEFAULT_VALUE = 1;

    private Differentiation() {
    }

    /** The response to the parsed JSON {@code request}. */
    static Map<String, Object> of(Object request) {
        if (!(request instanceof Map<?, ?> body)) {
            throw new UsageException("the request body must be a JSON object such as {\"expression\": \"x*y\", \"point\": {\"x\": 1, \"y\": 2}}");
        }
        if (!(body.get("expression") instanceof String text)) {
            throw new UsageException("\"expression\" must be a string, got " + describe(body.get("expression")));
        }
        if (text.length() > MAX_EXPRESSION) {
            throw new UsageException("the expression has " + text.length() + " characters; the playground takes at most " + MAX_EXPRESSION);
        }
        String mode = string(body, "mode", "reverse");
        if (!mode.equals("forward") && !mode.equals("reverse")) {
            throw new UsageException("\"mode\" must be \"forward\" or \"reverse\", got \"" + mode + "\"");
        }
        boolean hessian = switch (body.get("hessian")) {
            case null -> false;
            case Boolean b -> b;
            default -> throw new UsageException("\"hessian\" must be true or false, got " + describe(body.get("hessian")));
        };
        Program program = Program.parse(text);
        List<String> names = program.variables();
        Map<String, Double> given = point(body.get("point"));
        double[] x = new double[names.size()];
        Map<String, Object> used = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            x[i] = given.getOrDefault(names.get(i), DEFAULT_VALUE);
            used.put(names.get(i), x[i]);
        }
        Formula f = new Formula(text, program, new Point(given), x);
        GradCommand.Result r = GradCommand.compute(program, x, mode.equals("forward"), hessian);
        Map<String, Object> out = GradCommand.json(f, r);
        out.put("variables", names);
        out.put("point", used);
        out.put("mode", mode);
        if (!names.isEmpty()) {
            String seed = string(body, "seed", names.get(0));
            if (!names.contains(seed)) {
                seed = names.get(0); // NOTE: the page may still hold the seed of the previous formula
            }
            out.put("forward", TraceCommand.forwardJson(f, program.forwardTrace(seed, x)));
        }
        ReverseTrace reverse = program.reverseTrace(x);
        out.put("reverse", TraceCommand.reverseJson(f, reverse));
        out.put("graph", graph(program, reverse));
        return out;
    }

    /** The graph with positions: the JSON of {@link org.autodiff4j.expr.GraphExport#json} and the layout. */
    static Object graph(Program program, ReverseTrace trace) {
        return GraphJson.of(program, trace);
    }

    private static Map<String, Double> point(Object value) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (value == null) {
            return m;
        }
        if (!(value instanceof Map<?, ?> point)) {
            throw new UsageException("\"point\" must be an object of numbers such as {\"x\": 1}, got " + describe(value));
        }
        for (Map.Entry<?, ?> e : point.entrySet()) {
            switch (e.getValue()) {
                case Double d -> m.put((String) e.getKey(), d);
                case String s when s.equals("NaN") || s.endsWith("Infinity") -> m.put((String) e.getKey(), Double.parseDouble(s));
                default -> throw new UsageException("\"point\": the value of " + e.getKey() + " must be a number, got " + describe(e.getValue()));
            }
        }
        return m;
    }

    private static String string(Map<?, ?> body, String key, String fallback) {
        Object v = body.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new UsageException("\"" + key + "\" must be a string, got " + describe(v));
    }

    private static String describe(Object v) {
        return switch (v) {
            case null -> "nothing";
            case String s -> "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
            case Double d -> "the number " + d;
            case Boolean b -> b.toString();
            case List<?> l -> "an array";
            default -> "an object";
        };
    }
}
