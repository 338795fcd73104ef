package org.autodiff4j.expr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a laid-out program graph as SVG text: boxes with three lines (step, value, adjoint), and
 * curved edges from the right side of an operand's box to an input port on the left side of its
 * user's box, one port per operand slot so that {@code x*x} shows two edges.
 */
final class GraphSvg {

    private static final String INPUT_FILL = "#dbeafe";
    private static final String CONSTANT_FILL = "#f3f4f6";
    private static final String OUTPUT_FILL = "#fde68a";
    private static final String STEP_FILL = "#ffffff";

    private GraphSvg() {
    }

    static String draw(Program program, ReverseTrace trace, GraphLayout layout, List<GraphExport.Edge> edges) {
        StringBuilder out = new StringBuilder(256 + 400 * program.length());
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(px(layout.width()))
                .append("\" height=\"").append(px(layout.height()))
                .append("\" viewBox=\"0 0 ").append(px(layout.width())).append(' ').append(px(layout.height()))
                .append("\" font-family=\"monospace\" font-size=\"12\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\""
                        + " fill=\"#6b7280\"/></marker></defs>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        drawEdges(out, program, layout, edges);
        for (Step s : program.steps()) {
            drawNode(out, s, trace.row(s.index()), layout.node(s.index()), s.index() == program.output());
        }
        return out.append("</svg>\n").toString();
    }

    private static void drawEdges(StringBuilder out, Program program, GraphLayout layout, List<GraphExport.Edge> edges) {
        // NOTE: edges leaving one box fan out a little, so that labels of a step used several times do not coincide.
        Map<Integer, Integer> leaving = new HashMap<>();
        Map<Integer, Integer> sent = new HashMap<>();
        for (GraphExport.Edge e : edges) {
            leaving.merge(e.from(), 1, Integer::sum);
        }
        out.append("<g fill=\"none\" stroke=\"#6b7280\" stroke-width=\"1.2\">\n");
        StringBuilder labels = new StringBuilder("<g fill=\"#1f2937\" text-anchor=\"middle\" paint-order=\"stroke\""
                + " stroke=\"white\" stroke-width=\"4\">\n");
        for (GraphExport.Edge e : edges) {
            GraphLayout.Node from = layout.node(e.from());
            GraphLayout.Node to = layout.node(e.to());
            int slots = program.steps().get(e.to()).operands().size();
            int k = sent.merge(e.from(), 1, Integer::sum) - 1;
            int m = leaving.get(e.from());
            double x1 = from.x() + from.width();
            double y1 = from.y() + from.height() / 2 + (k - (m - 1) / 2.0) * Math.min(10, from.height() / (m + 1));
            double x2 = to.x();
            double y2 = to.y() + to.height() * (e.operand() + 1) / (slots + 1);
            double bend = Math.max(30, (x2 - x1) / 2);
            out.append("<path d=\"M ").append(px(x1)).append(' ').append(px(y1))
                    .append(" C ").append(px(x1 + bend)).append(' ').append(px(y1))
                    .append(", ").append(px(x2 - bend)).append(' ').append(px(y2))
                    .append(", ").append(px(x2)).append(' ').append(px(y2))
                    .append("\" marker-end=\"url(#arrow)\"/>\n");
            // Between neighbouring layers the label sits at the curve's midpoint (the midpoint of its ends, the
            // control points being symmetric); a longer edge is labelled in the gap before its target, where
            // the curve has flattened to the port's height, so that the label does not land on a box it passes.
            boolean neighbours = to.layer() - from.layer() == 1;
            double lx = neighbours ? (x1 + x2) / 2 : x2 - GraphLayout.LAYER_GAP / 2;
            double ly = neighbours ? (y1 + y2) / 2 : y2;
            labels.append("<text x=\"").append(px(lx)).append("\" y=\"").append(px(ly - 3))
                    .append("\"><title>").append(escape("d v" + e.to() + " / d v" + e.from() + " = " + Table.number(e.partial())))
                    .append("</title>").append(escape(brief(e.partial()))).append("</text>\n");
        }
        out.append("</g>\n").append(labels).append("</g>\n");
    }

    private static void drawNode(StringBuilder out, Step s, ReverseTrace.Row row, GraphLayout.Node box, boolean output) {
        String fill = output ? OUTPUT_FILL
                : s.kind() == Step.Kind.INPUT ? INPUT_FILL
                : s.kind() == Step.Kind.CONSTANT ? CONSTANT_FILL : STEP_FILL;
        double x = box.x();
        double y = box.y();
        out.append("<g id=\"v").append(s.index()).append("\">")
                .append("<rect x=\"").append(px(x)).append("\" y=\"").append(px(y))
                .append("\" width=\"").append(px(box.width())).append("\" height=\"").append(px(box.height()))
                .append("\" rx=\"6\" fill=\"").append(fill).append("\" stroke=\"#374151\"/>")
                .append(text(x + 8, y + 18, s.toString(), " font-weight=\"bold\""))
                .append(text(x + 8, y + 36, "value " + Table.number(row.value()), ""))
                .append(text(x + 8, y + 53, "adjoint " + Table.number(row.adjoint()), " fill=\"#b91c1c\""))
                .append("</g>\n");
    }

    private static String text(double x, double y, String content, String attributes) {
        return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\"" + attributes + ">" + escape(content) + "</text>";
    }

    /**
     * {@code 0.366377} for 0.3663774614314588: six significant digits, so that a label fits the gap
     * between layers; the full value is in the label's tooltip, the JSON and the trace tables.
     */
    static String brief(double x) {
        if (!Double.isFinite(x) || x == Math.rint(x) && Math.abs(x) < 1e6) {
            return Table.number(x);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6g", x);
        int exponent = s.indexOf('e');
        String mantissa = exponent < 0 ? s : s.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + s.substring(exponent);
    }

    /** A coordinate with at most one decimal: {@code 20}, {@code 20.5}. */
    private static String px(double v) {
        return Table.number(Math.round(v * 10) / 10.0);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
