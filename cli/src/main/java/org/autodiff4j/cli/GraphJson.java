package org.autodiff4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff4j.expr.GraphLayout;
import org.autodiff4j.expr.Program;
import org.autodiff4j.expr.ReverseTrace;
import org.autodiff4j.expr.Step;

/**
 * The graph the playground draws: {@code {"width", "height", "nodeWidth", "nodeHeight", "output",
 * "nodes": [{"id", "text", "kind", "value", "adjoint", "x", "y"}], "edges": [{"from", "to", "partial"}]}},
 * node positions (centres, in pixels) from the expression module's {@link GraphLayout}, the same
 * layered layout as its SVG export. An edge runs from an argument to the step that uses it, labelled
 * with the local partial derivative; {@code id}s are step indices.
 */
final class GraphJson {

    private GraphJson() {
    }

    /** The graph of {@code program} with the values and adjoints of {@code trace}. */
    static Map<String, Object> of(Program program, ReverseTrace trace) {
        GraphLayout layout = GraphLayout.of(program);
        List<Object> nodes = new ArrayList<>();
        List<Object> edges = new ArrayList<>();
        for (Step s : program.steps()) {
            ReverseTrace.Row row = trace.row(s.index());
            GraphLayout.Node at = layout.node(s.index());
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", s.index());
            n.put("text", row.text());
            n.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("value", row.value());
            n.put("adjoint", row.adjoint());
            n.put("x", at.x() + at.width() / 2);
            n.put("y", at.y() + at.height() / 2);
            nodes.add(n);
            for (ReverseTrace.Contribution c : row.contributions()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("from", s.index());
                e.put("to", c.from());
                e.put("partial", c.partial());
                edges.add(e);
            }
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("width", layout.width());
        g.put("height", layout.height());
        // NOTE: the layout makes every box alike, so one size serves the page
        GraphLayout.Node any = layout.nodes().isEmpty() ? null : layout.node(0);
        g.put("nodeWidth", any == null ? 0.0 : any.width());
        g.put("nodeHeight", any == null ? 0.0 : any.height());
        g.put("output", program.output());
        g.put("nodes", nodes);
        g.put("edges", edges);
        return g;
    }
}
