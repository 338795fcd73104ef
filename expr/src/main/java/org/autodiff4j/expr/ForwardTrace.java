package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.List;

import org.autodiff4j.Dual;
import org.autodiff4j.Real;

/**
 * Forward mode, step by step: the program evaluated on {@link Dual} numbers seeded with tangent 1 on
 * one variable, and for every step its primal value and its tangent (the derivative of that step in
 * the seed variable).
 *
 * <pre>{@code
 * ForwardTrace t = Program.parse("x1*x2 + sin(x1)").forwardTrace("x1", 2, 3);
 * t.rows().get(2);   // Row[step=2, text="v2 = v0*v1", value=6.0, tangent=3.0]
 * t.tangent();       // 2.583853...
 * }</pre>
 *
 * @param seed the variable whose tangent is 1
 * @param rows one row per step, in order
 * @param output the index of the output step
 */
public record ForwardTrace(String seed, List<Row> rows, int output) {

    /**
     * One step of the trace: {@code v2 = v0*v1}, value 6, tangent 3.
     *
     * @param step the step index
     * @param text the step as printed ({@code "v2 = v0*v1"})
     * @param value the primal value
     * @param tangent the derivative of the step in the seed variable
     */
    public record Row(int step, String text, double value, double tangent) {
    }

    /** Defensive copy of the rows. */
    public ForwardTrace {
        rows = List.copyOf(rows);
    }

    static ForwardTrace of(Program program, int seed, double[] x) {
        Real[] inputs = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            inputs[i] = i == seed ? Dual.variable(x[i]) : Dual.constant(x[i]);
        }
        Real[] v = program.evaluateSteps(inputs);
        List<Row> rows = new ArrayList<>(v.length);
        for (Step s : program.steps()) {
            Real r = v[s.index()];
            // NOTE: constants and comparisons come back as plain constants (not Dual): their tangent is 0.
            double tangent = r instanceof Dual d ? d.tangent() : 0;
            rows.add(new Row(s.index(), s.toString(), r.value(), tangent));
        }
        return new ForwardTrace(program.variables().get(seed), rows, program.output());
    }

    /** The formula's value: {@code forwardTrace("x1", 2, 3).value()} is 6.909297... for {@code x1*x2 + sin(x1)}. */
    public double value() {
        return rows.get(output).value();
    }

    /** The derivative of the formula in the seed variable: 2.583853... in the example above. */
    public double tangent() {
        return rows.get(output).tangent();
    }

    /**
     * The trace as JSON: {@code {"seed":"x1","value":6.909...,"tangent":2.583...,"rows":[{"step":0,
     * "text":"v0 = x1","value":2,"tangent":1},...]}}; non-finite numbers as the strings
     * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    public String toJson() {
        StringBuilder out = new StringBuilder(64 + 64 * rows.size());
        out.append("{\"seed\":").append(Json.string(seed))
                .append(",\"value\":").append(Json.number(value()))
                .append(",\"tangent\":").append(Json.number(tangent()))
                .append(",\"rows\":[");
        for (Row r : rows) {
            out.append(r.step() > 0 ? "," : "").append("{\"step\":").append(r.step())
                    .append(",\"text\":").append(Json.string(r.text()))
                    .append(",\"value\":").append(Json.number(r.value()))
                    .append(",\"tangent\":").append(Json.number(r.tangent())).append('}');
        }
        return out.append("]}").toString();
    }

    /**
     * The trace as an aligned text table, one line per step:
     * <pre>
     * step              value           tangent (d/dx1)
     * v2 = v0*v1      6               3
     * </pre>
     */
    public String toTable() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"step", "value", "tangent (d/d" + seed + ")"});
        for (Row r : rows) {
            cells.add(new String[] {r.text(), Table.number(r.value()), Table.number(r.tangent())});
        }
        return Table.render(cells);
    }
}
