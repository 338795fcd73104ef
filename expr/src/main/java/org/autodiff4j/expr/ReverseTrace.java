package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse mode, step by step: the adjoint of every step (the derivative of the output in that step),
 * last step first, with each {@code +=} contribution it received from the steps that use it. A
 * value used twice (fan-out) receives two contributions, which the adjoint sums:
 *
 * <pre>{@code
 * ReverseTrace t = Program.parse("x*x + x").reverseTrace(3);
 * t.gradient();      // {7} = 2x + 1
 * t.toTable();       // v0 = x  adjoint 7  += 1 * 3 from v1 (x*x, left), += 1 * 3 from v1 (right), += 1 * 1 from v2
 * }</pre>
 *
 * <p>Local partials come from the registry's double partials ({@code Op.d}, {@code Op.dx},
 * {@code Op.dy}); comparisons pass no derivative, and {@code if} passes 1 to the branch taken and
 * exactly 0 to the condition and the other branch.
 *
 * @param variables the program's variables, in input order
 * @param rows one row per step, last step first
 * @param output the index of the output step, whose adjoint is seeded with 1
 */
public record ReverseTrace(List<String> variables, List<Row> rows, int output) {

    /**
     * One {@code +=} into an adjoint: {@code adjoint(v0) += partial * adjoint(from)}.
     *
     * @param from the step that uses this one
     * @param partial the local partial derivative of {@code from} in this step
     * @param amount {@code partial * adjoint(from)}, the amount added
     */
    public record Contribution(int from, double partial, double amount) {
    }

    /**
     * One step of the trace.
     *
     * @param step the step index
     * @param text the step as printed ({@code "v1 = v0*v0"})
     * @param value the primal value
     * @param adjoint the sum of the contributions (1 for the output)
     * @param contributions the {@code +=} this step received, in the order they were made
     */
    public record Row(int step, String text, double value, double adjoint, List<Contribution> contributions) {
        /** Defensive copy of the contributions. */
        public Row {
            contributions = List.copyOf(contributions);
        }
    }

    /** Defensive copies. */
    public ReverseTrace {
        variables = List.copyOf(variables);
        rows = List.copyOf(rows);
    }

    static ReverseTrace of(Program program, double[] x) {
        double[] v = program.values(x);
        List<Step> steps = program.steps();
        double[] adjoint = new double[steps.size()];
        List<List<Contribution>> received = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            received.add(new ArrayList<>());
        }
        adjoint[program.output()] = 1;
        List<Row> rows = new ArrayList<>(steps.size());
        for (int k = steps.size() - 1; k >= 0; k--) {
            Step s = steps.get(k);
            rows.add(new Row(k, s.toString(), v[k], adjoint[k], received.get(k)));
            double[] partials = partials(s, v);
            for (int j = 0; j < partials.length; j++) {
                int to = s.operands().get(j);
                double amount = times(partials[j], adjoint[k]);
                adjoint[to] += amount;
                received.get(to).add(new Contribution(k, partials[j], amount));
            }
        }
        return new ReverseTrace(program.variables(), rows, program.output());
    }

    /**
     * {@code partial * adjoint}, except that a zero factor gives exactly 0 even when the other is
     * infinite or NaN.
     * NOTE: the same rule as the core's reverse mode (a zero means "no dependence"), so that
     * {@code if(x > 0, sqrt(x), 0)} at 0 has gradient 0 here as in {@code AD.grad}: the untaken
     * {@code sqrt'(0) = inf} meets a zero adjoint.
     */
    static double times(double partial, double adjoint) {
        double p = partial * adjoint;
        return p == p || (partial != 0 && adjoint != 0) ? p : 0;
    }

    /** The local partials of step {@code s} in each of its operands, given all step values. */
    static double[] partials(Step s, double[] v) {
        List<Integer> a = s.operands();
        double f = v[s.index()];
        return switch (s.kind()) {
            case INPUT, CONSTANT -> new double[0];
            case OP -> a.size() == 1
                    ? new double[] {s.op().d(v[a.get(0)], f)}
                    : new double[] {s.op().dx(v[a.get(0)], v[a.get(1)], f), s.op().dy(v[a.get(0)], v[a.get(1)], f)};
            case COMPARE -> new double[] {0, 0};
            // NOTE: the same test as Program.evaluateSteps (compareTo 0, as Double.compare), so the branches agree.
            case IF -> Double.compare(v[a.get(0)], 0) != 0 ? new double[] {0, 1, 0} : new double[] {0, 0, 1};
        };
    }

    /** The formula's value: the value of the output row. */
    public double value() {
        return row(output).value();
    }

    /**
     * The gradient: the adjoints of the inputs, in the order of {@link #variables()}.
     * {@code Program.parse("x1*x2 + sin(x1)").reverseTrace(2, 3).gradient()} is {@code {2.583853..., 2}}.
     */
    public double[] gradient() {
        double[] g = new double[variables.size()];
        for (Row r : rows) {
            if (r.step() < g.length) {
                g[r.step()] = r.adjoint();
            }
        }
        return g;
    }

    /** The row of step {@code k}: {@code trace.row(0).adjoint()} is the derivative in the first variable. */
    public Row row(int k) {
        return rows.get(rows.size() - 1 - k);
    }

    /**
     * The trace as JSON, rows last step first: {@code {"variables":["x"],"value":12,"gradient":{"x":7},
     * "rows":[{"step":2,"text":"v2 = v1 + v0","value":12,"adjoint":1,"contributions":[]},...,
     * {"step":0,...,"adjoint":7,"contributions":[{"from":2,"partial":1,"amount":1},...]}]}};
     * non-finite numbers as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    public String toJson() {
        StringBuilder out = new StringBuilder(64 + 96 * rows.size());
        out.append("{\"variables\":[");
        for (int i = 0; i < variables.size(); i++) {
            out.append(i > 0 ? "," : "").append(Json.string(variables.get(i)));
        }
        out.append("],\"value\":").append(Json.number(value())).append(",\"gradient\":{");
        double[] g = gradient();
        for (int i = 0; i < g.length; i++) {
            out.append(i > 0 ? "," : "").append(Json.string(variables.get(i))).append(':').append(Json.number(g[i]));
        }
        out.append("},\"rows\":[");
        boolean firstRow = true;
        for (Row r : rows) {
            out.append(firstRow ? "" : ",").append("{\"step\":").append(r.step())
                    .append(",\"text\":").append(Json.string(r.text()))
                    .append(",\"value\":").append(Json.number(r.value()))
                    .append(",\"adjoint\":").append(Json.number(r.adjoint()))
                    .append(",\"contributions\":[");
            firstRow = false;
            for (int i = 0; i < r.contributions().size(); i++) {
                Contribution c = r.contributions().get(i);
                out.append(i > 0 ? "," : "").append("{\"from\":").append(c.from())
                        .append(",\"partial\":").append(Json.number(c.partial()))
                        .append(",\"amount\":").append(Json.number(c.amount())).append('}');
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    /**
     * The trace as an aligned text table, last step first, each contribution on its own line:
     * <pre>
     * step           value  adjoint  contributions
     * v0 = x         3      7        += 3 * 1 from v1
     *                                += 3 * 1 from v1
     *                                += 1 * 1 from v2
     * </pre>
     * where each contribution reads {@code += partial * adjoint(from) from v_from}.
     */
    public String toTable() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"step", "value", "adjoint", "contributions"});
        for (Row r : rows) {
            List<Contribution> cs = r.contributions();
            String first = cs.isEmpty() ? (r.step() == output ? "(output: seed 1)" : "") : describe(cs.getFirst());
            cells.add(new String[] {r.text(), Table.number(r.value()), Table.number(r.adjoint()), first});
            for (int i = 1; i < cs.size(); i++) {
                cells.add(new String[] {"", "", "", describe(cs.get(i))});
            }
        }
        return Table.render(cells);
    }

    private String describe(Contribution c) {
        double fromAdjoint = row(c.from()).adjoint();
        return "+= " + Table.number(c.partial()) + " * " + Table.number(fromAdjoint) + " from v" + c.from()
                + " (= " + Table.number(c.amount()) + ")";
    }
}
