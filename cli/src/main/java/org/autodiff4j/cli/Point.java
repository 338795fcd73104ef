package org.autodiff4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.autodiff4j.expr.Program;

/**
 * The point of {@code --at x=1,y=0.5}: a value for each variable of the formula, in the formula's
 * variable order.
 *
 * <pre>{@code
 * Point p = Point.parse("x=1, y=0.5");
 * p.valuesFor(Program.parse("y*x"));  // {0.5, 1.0}
 * }</pre>
 */
record Point(Map<String, Double> values) {

    /**
     * Parses {@code name=value} pairs separated by commas; {@code null} or blank is the empty point.
     *
     * @throws UsageException for a pair without {@code =}, a value that is not a number, or a name given twice
     */
    static Point parse(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return new Point(values);
        }
        for (String pair : text.split(",")) {
            String p = pair.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--at: expected name=value pairs such as x=1,y=0.5, got '" + p + "'");
            }
            String name = p.substring(0, eq).strip();
            String number = p.substring(eq + 1).strip();
            double v;
            try {
                v = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new UsageException("--at: the value of " + name + " must be a number, got '" + number + "'");
            }
            if (values.put(name, v) != null) {
                throw new UsageException("--at: " + name + " is given twice");
            }
        }
        return new Point(values);
    }

    /**
     * The values for {@code program}'s variables, in their order (by {@link Program#point}).
     *
     * @throws UsageException naming the variables without a value, or the names that are not variables
     */
    double[] valuesFor(Program program) {
        try {
            return program.point(values);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--at: " + e.getMessage());
        }
    }
}
