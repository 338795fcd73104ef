package org.autodiff4j.expr;

import java.util.List;
import java.util.Locale;

/**
 * The computational graph of a program at a point, as text for Graphviz (DOT), Mermaid or JSON:
 * one node per step with its operation, value and adjoint, one edge per operand use, from the
 * operand to the step that uses it, labelled with the local partial.
 *
 * <pre>{@code
 * Program p = Program.parse("x*x + x");
 * String dot = GraphExport.dot(p, p.reverseTrace(3));    // digraph { v0 [label="v0 = x\nvalue 3\nadjoint 7"]; ... }
 * String json = GraphExport.json(p, p.reverseTrace(3));  // {"nodes":[...],"edges":[...]}
 * }</pre>
 */
public final class GraphExport {

    private GraphExport() {
    }

    /**
     * Graphviz DOT: {@code dot -Tsvg} renders it. Example: {@code GraphExport.dot(p, p.reverseTrace(3))}.
     */
    public static String dot(Program program, ReverseTrace trace) {
        StringBuilder out = new StringBuilder("digraph program {\n  rankdir=LR;\n  node [shape=box];\n");
        for (Step s : program.steps()) {
            ReverseTrace.Row r = trace.row(s.index());
            out.append("  v").append(s.index()).append(" [label=\"")
                    .append(dotEscape(s + "\nvalue " + Table.number(r.value()) + "\nadjoint " + Table.number(r.adjoint())))
                    .append("\"];\n");
        }
        for (Edge e : edges(program, trace)) {
            out.append("  v").append(e.from).append(" -> v").append(e.to)
                    .append(" [label=\"").append(Table.number(e.partial)).append("\"];\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * A Mermaid flowchart ({@code flowchart LR}). Example: {@code GraphExport.mermaid(p, p.reverseTrace(3))}.
     */
    public static String mermaid(Program program, ReverseTrace trace) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Step s : program.steps()) {
            ReverseTrace.Row r = trace.row(s.index());
            // NOTE: Mermaid labels in quotes may not contain '"'; #quot; is its entity for it.
            String label = (s + "<br/>value " + Table.number(r.value()) + "<br/>adjoint " + Table.number(r.adjoint()))
                    .replace("\"", "#quot;");
            out.append("  v").append(s.index()).append("[\"").append(label).append("\"]\n");
        }
        for (Edge e : edges(program, trace)) {
            out.append("  v").append(e.from).append(" -->|").append(Table.number(e.partial)).append("| v").append(e.to).append('\n');
        }
        return out.toString();
    }

    /**
     * JSON: {@code {"variables":[...],"output":k,"nodes":[{"id":"v0","step":"v0 = x","kind":"INPUT","op":"x",
     * "value":3,"adjoint":7},...],"edges":[{"from":"v0","to":"v1","partial":3},...]}}. Non-finite
     * numbers are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    public static String json(Program program, ReverseTrace trace) {
        StringBuilder out = new StringBuilder("{\"variables\":[");
        List<String> vars = program.variables();
        for (int i = 0; i < vars.size(); i++) {
            out.append(i > 0 ? "," : "").append(jsonString(vars.get(i)));
        }
        out.append("],\"output\":\"v").append(program.output()).append("\",\"nodes\":[");
        for (Step s : program.steps()) {
            ReverseTrace.Row r = trace.row(s.index());
            out.append(s.index() > 0 ? "," : "")
                    .append("{\"id\":\"v").append(s.index())
                    .append("\",\"step\":").append(jsonString(s.toString()))
                    .append(",\"kind\":\"").append(s.kind())
                    .append("\",\"op\":").append(jsonString(operation(s)))
                    .append(",\"value\":").append(jsonNumber(r.value()))
                    .append(",\"adjoint\":").append(jsonNumber(r.adjoint())).append('}');
        }
        out.append("],\"edges\":[");
        boolean first = true;
        for (Edge e : edges(program, trace)) {
            out.append(first ? "" : ",").append("{\"from\":\"v").append(e.from).append("\",\"to\":\"v").append(e.to)
                    .append("\",\"partial\":").append(jsonNumber(e.partial)).append('}');
            first = false;
        }
        return out.append("]}").toString();
    }

    /** {@code "a\"b"} for {@code a"b}: quotes, backslashes and control characters escaped. */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
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

    // NOTE: JSON has no NaN or infinity; strings keep them visible instead of failing or writing null.
    private static String jsonNumber(double x) {
        return Double.isFinite(x) ? Table.number(x) : "\"" + x + "\"";
    }

    private static String dotEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** The operation's name: the op symbol ({@code "mul"}), the comparison ({@code "<"}), "if", or the input/constant. */
    private static String operation(Step s) {
        return switch (s.kind()) {
            case INPUT, CONSTANT -> s.name();
            case OP -> s.op().symbol();
            case COMPARE -> s.comparison().symbol();
            case IF -> "if";
        };
    }

    private record Edge(int from, int to, double partial) {
    }

    /** One edge per operand use, in step order; x*x gives two edges v0 -> v1. */
    private static List<Edge> edges(Program program, ReverseTrace trace) {
        List<Edge> edges = new java.util.ArrayList<>();
        for (Step s : program.steps()) {
            for (ReverseTrace.Contribution c : trace.row(s.index()).contributions()) {
                edges.add(new Edge(s.index(), c.from(), c.partial()));
            }
        }
        return edges;
    }
}
