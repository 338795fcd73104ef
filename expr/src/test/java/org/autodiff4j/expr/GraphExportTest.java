package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GraphExportTest {

    private static final Program FAN_OUT = Program.parse("x*x + x");
    private static final ReverseTrace AT_3 = FAN_OUT.reverseTrace(3);

    @Test
    void dotHasOneNodePerStepAndOneEdgePerOperandSlot() {
        String dot = GraphExport.dot(FAN_OUT, AT_3);
        assertThat(dot).startsWith("digraph program {\n  rankdir=LR;\n")
                .contains("  v0 [label=\"v0 = x\\nvalue 3\\nadjoint 7\", style=filled, fillcolor=\"#dbeafe\"];\n")
                .contains("  v1 [label=\"v1 = v0*v0\\nvalue 9\\nadjoint 1\"];\n")
                .contains("  v2 [label=\"v2 = v1 + v0\\nvalue 12\\nadjoint 1\", style=filled, fillcolor=\"#fde68a\"];\n")
                .endsWith("}\n");
        // x*x uses v0 twice: two edges v0 -> v1, each with partial 3; and v0 -> v2 with partial 1.
        assertThat(dot.lines().filter(l -> l.startsWith("  v0 -> v1 [label=\"3\"]"))).hasSize(2);
        assertThat(dot).contains("  v1 -> v2 [label=\"1\"];\n", "  v0 -> v2 [label=\"1\"];\n");
    }

    @Test
    void mermaidFlowchart() {
        assertThat(GraphExport.mermaid(FAN_OUT, AT_3)).isEqualTo("""
                flowchart LR
                  v0["v0 = x<br/>value 3<br/>adjoint 7"]
                  v1["v1 = v0*v0<br/>value 9<br/>adjoint 1"]
                  v2["v2 = v1 + v0<br/>value 12<br/>adjoint 1"]
                  v0 -->|3| v1
                  v0 -->|3| v1
                  v1 -->|1| v2
                  v0 -->|1| v2
                """);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonParsesBackWithNodesEdgesValuesAdjointsAndLayout() {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(GraphExport.json(FAN_OUT, AT_3));
        assertThat(json.get("variables")).isEqualTo(List.of("x"));
        assertThat(json.get("output")).isEqualTo("v2");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) json.get("nodes");
        assertThat(nodes).extracting(n -> n.get("label")).containsExactly("v0 = x", "v1 = v0*v0", "v2 = v1 + v0");
        assertThat(nodes).extracting(n -> n.get("op")).containsExactly("x", "mul", "add");
        assertThat(nodes).extracting(n -> n.get("value")).containsExactly(3.0, 9.0, 12.0);
        assertThat(nodes).extracting(n -> n.get("adjoint")).containsExactly(7.0, 1.0, 1.0);
        assertThat(nodes).extracting(n -> n.get("layer")).containsExactly(0.0, 1.0, 2.0);
        List<Map<String, Object>> edges = (List<Map<String, Object>>) json.get("edges");
        assertThat(edges).extracting(e -> e.get("from") + "->" + e.get("to") + "#" + e.get("operand") + ":" + e.get("partial"))
                .containsExactly("v0->v1#0.0:3.0", "v0->v1#1.0:3.0", "v1->v2#0.0:1.0", "v0->v2#1.0:1.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonFiniteNumbersAreStringsInJson() {
        Program p = Program.parse("sqrt(x) + log(x)");
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(GraphExport.json(p, p.reverseTrace(0)));
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) json.get("nodes");
        assertThat(nodes.get(0).get("adjoint")).isEqualTo("Infinity");
        assertThat(nodes.get(2).get("value")).isEqualTo("-Infinity");
    }

    @Test
    void svgIsWellFormedWithEveryStepValueAndAdjoint() {
        Program p = Program.parse("x1*x2 + sin(x1)");
        ReverseTrace t = p.reverseTrace(2, 3);
        String svg = GraphExport.svg(p, t);
        assertThat(XmlChecker.check(svg)).isEqualTo("svg");
        for (Step s : p.steps()) {
            int group = svg.indexOf("<g id=\"v" + s.index() + "\">");
            String box = svg.substring(group, svg.indexOf("</g>", group));
            assertThat(box).contains(">" + s + "<", ">value " + Table.number(t.row(s.index()).value()) + "<",
                    ">adjoint " + Table.number(t.row(s.index()).adjoint()) + "<");
        }
        // One curve per operand slot (plus the arrow head's path), one label each.
        assertThat(svg.split("<path ", -1).length - 2).isEqualTo(GraphExport.edges(p, t).size());
        assertThat(svg.split("<title>", -1).length - 1).isEqualTo(GraphExport.edges(p, t).size());
        assertThat(svg).contains(">value 0.9092974268256817<", ">adjoint 2.5838531634528574<");
    }

    @Test
    void svgEdgeLabelsAreBriefAndTooltipsFull() {
        assertThat(GraphSvg.brief(0.3663774614314588)).isEqualTo("0.366377");
        assertThat(GraphSvg.brief(3)).isEqualTo("3");
        assertThat(GraphSvg.brief(-0.5)).isEqualTo("-0.5");
        assertThat(GraphSvg.brief(1.23456789e-10)).isEqualTo("1.23457e-10");
        assertThat(GraphSvg.brief(2e20)).isEqualTo("2e+20");
        assertThat(GraphSvg.brief(Double.NaN)).isEqualTo("NaN");
        Program p = Program.parse("log(x)");
        assertThat(GraphExport.svg(p, p.reverseTrace(3))).contains("<title>d v1 / d v0 = 0.3333333333333333</title>0.333333</text>");
    }

    @Test
    void svgEscapesComparisons() {
        Program p = Program.parse("if(x < 1, x, 2*x)");
        assertThat(XmlChecker.check(GraphExport.svg(p, p.reverseTrace(0.5)))).isEqualTo("svg");
        assertThat(GraphExport.svg(p, p.reverseTrace(0.5))).contains("v0 &lt; v1");
    }

    @Test
    void layoutPutsInputsLeftOutputRightAndNoBoxesOverlap() {
        Program p = Program.parse("log((x1+x2)^2 + sin(x1*x2)) + if(x1 < 2, x2, 3*x1)");
        GraphLayout layout = GraphLayout.of(p);
        int last = layout.layers() - 1;
        for (Step s : p.steps()) {
            GraphLayout.Node n = layout.node(s.index());
            if (s.kind() == Step.Kind.INPUT) {
                assertThat(n.layer()).isZero();
            }
            for (int a : s.operands()) {
                assertThat(layout.node(a).layer()).isLessThan(n.layer());
                assertThat(layout.node(a).x() + layout.node(a).width()).isLessThan(n.x());
            }
            assertThat(n.layer() == last).isEqualTo(s.index() == p.output());
            assertThat(n.x() + n.width()).isLessThanOrEqualTo(layout.width());
            assertThat(n.y() + n.height()).isLessThanOrEqualTo(layout.height());
            assertThat(n.x()).isGreaterThanOrEqualTo(0);
            assertThat(n.y()).isGreaterThanOrEqualTo(0);
            for (GraphLayout.Node other : layout.nodes()) {
                if (other != n) {
                    assertThat(n.overlaps(other)).as(n + " and " + other).isFalse();
                }
            }
        }
    }

    @Test
    void layoutOfALongChainIsLinear() {
        Program p = Program.parse("x" + "+x".repeat(10_000));
        long start = System.nanoTime();
        GraphLayout layout = GraphLayout.of(p);
        assertThat(layout.layers()).isEqualTo(10_001);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void traceOfAnotherProgramIsRejected() {
        assertThatThrownBy(() -> GraphExport.dot(Program.parse("x*y"), AT_3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the trace is not of this program");
    }
}
