package org.autodiff4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The point of {@code --at x=1,y=0.5}: a value for each variable of the formula, in the formula's
 * variable order.
 *
 * <pre>{@code
 * Point p = Point.parse("x=1, y=0.5");
 * p.valuesFor(List.of("y", "x"));     // {0.5, 1.0}
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
     * The values of {@code variables}, in that order.
     *
     * @throws UsageException naming the variables without a value, or the names that are not variables
     */
    double[] valuesFor(List<String> variables) {
        List<String> missing = new ArrayList<>();
        double[] x = new double[variables.size()];
        for (int i = 0; i < x.length; i++) {
            Double v = values.get(variables.get(i));
            if (v == null) {
                missing.add(variables.get(i));
            } else {
                x[i] = v;
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("no value for " + String.join(", ", missing) + ": give every variable with --at, e.g. --at "
                    + String.join(",", variables.stream().map(n -> n + "=" + (values.containsKey(n) ? values.get(n) : "1")).toList()));
        }
        List<String> extra = values.keySet().stream().filter(n -> !variables.contains(n)).toList();
        if (!extra.isEmpty()) {
            throw new UsageException("--at names " + String.join(", ", extra) + ", not a variable of the formula (its variables: "
                    + (variables.isEmpty() ? "none" : String.join(", ", variables)) + ")");
        }
        return x;
    }
}
