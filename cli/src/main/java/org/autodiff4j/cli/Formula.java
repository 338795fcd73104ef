package org.autodiff4j.cli;

import org.autodiff4j.expr.Program;

/**
 * A parsed formula and the point it is evaluated at, as most commands take them: the formula
 * argument and {@code --at}.
 *
 * <pre>{@code
 * Formula f = Formula.of(options);   // from "x*y" --at x=2,y=3
 * f.program().value(f.x());          // 6
 * }</pre>
 */
record Formula(String text, Program program, Point point, double[] x) {

    /** The formula and point of {@code options}: the one positional argument and {@code --at}. */
    static Formula of(Options options) {
        String text = options.formula();
        Program program = Program.parse(text);
        Point point = Point.parse(options.value("--at"));
        return new Formula(text, program, point, point.valuesFor(program));
    }

    /** The point in the formula's variable order, as a JSON object {@code {"x": 1.0, ...}}. */
    java.util.Map<String, Object> pointJson() {
        var m = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < x.length; i++) {
            m.put(program.variables().get(i), x[i]);
        }
        return m;
    }

    /** {@code "x = 1.0, y = 0.5"}, or {@code "(no variables)"}. */
    String pointText() {
        if (x.length == 0) {
            return "(no variables)";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            s.append(i == 0 ? "" : ", ").append(program.variables().get(i)).append(" = ").append(x[i]);
        }
        return s.toString();
    }
}
