package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * The computational graph of a program at a point, as Graphviz DOT, Mermaid, JSON or a self-drawn
 * SVG: one node per step with its operation, value and adjoint (from a {@link ReverseTrace}), one
 * edge per operand use, from the operand to the step that uses it, labelled with the local partial
 * derivative {@code d v_to / d v_from}. A step that uses the same operand twice ({@code x*x}) has
 * two edges, one per operand slot.
 *
 * <pre>{@code
 * Program p = Program.parse("x*x + x");
 * ReverseTrace t = p.reverseTrace(3);
 * GraphExport.dot(p, t);       // digraph program { ... v0 -> v1 [label="3"]; ... }
 * GraphExport.mermaid(p, t);   // flowchart LR ...
 * GraphExport.json(p, t);      // {"variables":["x"],"output":"v2","nodes":[...],"edges":[...]}
 * GraphExport.svg(p, t);       // <svg xmlns=...> inputs left, output right
 * }</pre>
 */
public final class GraphExport {

    private GraphExport() {
    }

    /**
     * One edge: operand slot {@code operand} of step {@code to} reads step {@code from}, with the
     * local partial {@code d v_to / d v_from} for that slot.
     */
    record Edge(int from, int to, int operand, double partial) {
    }

    /**
     * Graphviz DOT, left to right: {@code dot -Tsvg} renders it. Each node's label is its step, value
     * and adjoint; each edge's label the local partial.
     *
     * @throws IllegalArgumentException if {@code trace} is not a trace of {@code program}
     */
    public static String dot(Program program, ReverseTrace trace) {
        check(program, trace);
        StringBuilder out = new StringBuilder("digraph program {\n  rankdir=LR;\n  node [shape=box, fontname=monospace];\n");
        for (Step s : program.steps()) {
            out.append("  v").append(s.index()).append(" [label=\"").append(dotEscape(label(s, trace, "\n"))).append('"');
            if (s.kind() == Step.Kind.INPUT) {
                out.append(", style=filled, fillcolor=\"#dbeafe\"");
            } else if (s.index() == program.output()) {
                out.append(", style=filled, fillcolor=\"#fde68a\"");
            }
            out.append("];\n");
        }
        for (Edge e : edges(program, trace)) {
            out.append("  v").append(e.from()).append(" -> v").append(e.to())
                    .append(" [label=\"").append(Table.number(e.partial())).append("\"];\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * A Mermaid flowchart ({@code flowchart LR}), for Markdown renderers such as GitHub's.
     *
     * @throws IllegalArgumentException if {@code trace} is not a trace of {@code program}
     */
    public static String mermaid(Program program, ReverseTrace trace) {
        check(program, trace);
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Step s : program.steps()) {
            // NOTE: Mermaid labels in quotes may not contain '"'; #quot; is its entity for it.
            String label = label(s, trace, "<br/>").replace("\"", "#quot;");
            out.append("  v").append(s.index()).append("[\"").append(label).append("\"]\n");
        }
        for (Edge e : edges(program, trace)) {
            out.append("  v").append(e.from()).append(" -->|").append(Table.number(e.partial())).append("| v")
                    .append(e.to()).append('\n');
        }
        return out.toString();
    }

    /**
     * JSON, with the layout of {@link GraphLayout#of} so that a web page can draw it as
     * {@link #svg} does:
     * <pre>
     * {"variables":["x"],"output":"v2","width":...,"height":...,
     *  "nodes":[{"id":"v0","step":0,"label":"v0 = x","kind":"INPUT","op":"x","value":3,"adjoint":7,
     *            "layer":0,"x":20,"y":20},...],
     *  "edges":[{"from":"v0","to":"v1","operand":0,"partial":3},...]}
     * </pre>
     * {@code op} is the registry symbol ({@code "mul"}), the comparison ({@code "<"}), {@code "if"},
     * or the variable's name or constant's spelling. Non-finite numbers are the strings
     * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     *
     * @throws IllegalArgumentException if {@code trace} is not a trace of {@code program}
     */
    public static String json(Program program, ReverseTrace trace) {
        check(program, trace);
        GraphLayout layout = GraphLayout.of(program);
        StringBuilder out = new StringBuilder("{\"variables\":[");
        List<String> vars = program.variables();
        for (int i = 0; i < vars.size(); i++) {
            out.append(i > 0 ? "," : "").append(Json.string(vars.get(i)));
        }
        out.append("],\"output\":\"v").append(program.output())
                .append("\",\"width\":").append(Json.number(layout.width()))
                .append(",\"height\":").append(Json.number(layout.height()))
                .append(",\"nodes\":[");
        for (Step s : program.steps()) {
            ReverseTrace.Row r = trace.row(s.index());
            GraphLayout.Node box = layout.node(s.index());
            out.append(s.index() > 0 ? "," : "")
                    .append("{\"id\":\"v").append(s.index())
                    .append("\",\"step\":").append(s.index())
                    .append(",\"label\":").append(Json.string(s.toString()))
                    .append(",\"kind\":\"").append(s.kind())
                    .append("\",\"op\":").append(Json.string(operation(s)))
                    .append(",\"value\":").append(Json.number(r.value()))
                    .append(",\"adjoint\":").append(Json.number(r.adjoint()))
                    .append(",\"layer\":").append(box.layer())
                    .append(",\"x\":").append(Json.number(box.x()))
                    .append(",\"y\":").append(Json.number(box.y())).append('}');
        }
        out.append("],\"edges\":[");
        boolean first = true;
        for (Edge e : edges(program, trace)) {
            out.append(first ? "" : ",").append("{\"from\":\"v").append(e.from()).append("\",\"to\":\"v").append(e.to())
                    .append("\",\"operand\":").append(e.operand())
                    .append(",\"partial\":").append(Json.number(e.partial())).append('}');
            first = false;
        }
        return out.append("]}").toString();
    }

    /**
     * A self-contained SVG drawing, laid out by {@link GraphLayout#of}: inputs on the left, the
     * output on the right, each box showing the step, its value and its adjoint, each edge
     * labelled with its local partial. Browsers display it as is.
     *
     * @throws IllegalArgumentException if {@code trace} is not a trace of {@code program}
     */
    public static String svg(Program program, ReverseTrace trace) {
        check(program, trace);
        return GraphSvg.draw(program, trace, GraphLayout.of(program), edges(program, trace));
    }

    /** One edge per operand slot, in step order: {@code x*x} gives two edges v0 -> v1. */
    static List<Edge> edges(Program program, ReverseTrace trace) {
        double[] values = new double[program.length()];
        for (ReverseTrace.Row r : trace.rows()) {
            values[r.step()] = r.value();
        }
        List<Edge> edges = new ArrayList<>();
        for (Step s : program.steps()) {
            double[] partials = ReverseTrace.partials(s, values);
            for (int j = 0; j < partials.length; j++) {
                edges.add(new Edge(s.operands().get(j), s.index(), j, partials[j]));
            }
        }
        return edges;
    }

    /** The operation's name: the op symbol ({@code "mul"}), the comparison ({@code "<"}), "if", or the input/constant. */
    static String operation(Step s) {
        return switch (s.kind()) {
            case INPUT, CONSTANT -> s.name();
            case OP -> s.op().symbol();
            case COMPARE -> s.comparison().symbol();
            case IF -> "if";
        };
    }

    private static String label(Step s, ReverseTrace trace, String newline) {
        ReverseTrace.Row r = trace.row(s.index());
        return s + newline + "value " + Table.number(r.value()) + newline + "adjoint " + Table.number(r.adjoint());
    }

    private static void check(Program program, ReverseTrace trace) {
        if (trace.rows().size() != program.length() || !trace.variables().equals(program.variables())
                || trace.output() != program.output()) {
            throw new IllegalArgumentException("the trace is not of this program: it has " + trace.rows().size()
                    + " steps and variables " + trace.variables() + ", the program " + program.length()
                    + " steps and variables " + program.variables());
        }
    }

    private static String dotEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
