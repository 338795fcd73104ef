package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Seeded random sweeps over formulas from {@link RandomFormulas}. */
class ProgramProperties {

    private static final int FORMULAS = 500;

    @Test
    void printedAndReparsedGivesAnEqualProgram() {
        RandomFormulas gen = new RandomFormulas(1);
        for (int i = 0; i < FORMULAS; i++) {
            String formula = gen.formula(6);
            Program p = Program.parse(formula);
            String printed = p.toString();
            assertThat(Program.parse(printed)).as(formula + "  printed as  " + printed).isEqualTo(p);
            assertThat(Program.parse(printed)).hasToString(printed);
        }
    }

    @Test
    void forwardTangentsAgreeWithReverseAdjointsAndTheCore() {
        RandomFormulas gen = new RandomFormulas(2);
        int compared = 0;
        for (int i = 0; i < FORMULAS; i++) {
            Program p = Program.parse(gen.formula(5));
            double[] x = gen.point(p);
            ReverseTrace reverse = p.reverseTrace(x);
            double[] core = p.gradient(x);
            assertIdentical(reverse.value(), p.value(x), "value");
            for (int v = 0; v < x.length; v++) {
                ForwardTrace forward = p.forwardTrace(p.variables().get(v), x);
                String what = p + " at " + java.util.Arrays.toString(x) + ", d/d" + p.variables().get(v);
                assertClose(core[v], reverse.gradient()[v], what);
                // NOTE: where a local partial is infinite (acos'(1) behind x/x), forward mode meets
                // inf * 0 (zero rule: 0) and reverse mode inf - inf (NaN): the derivative is undefined
                // there and the modes may legitimately differ, so such points are not compared.
                if (allPartialsFinite(reverse)) {
                    assertClose(forward.tangent(), reverse.gradient()[v], what);
                }
                assertIdentical(forward.value(), reverse.value(), what);
                compared += Double.isFinite(core[v]) ? 1 : 0;
            }
        }
        // Most derivatives are finite numbers, so the sweep compares something.
        assertThat(compared).isGreaterThan(FORMULAS);
    }

    @Test
    void symbolicDerivativeAgreesWithADWhereBothAreFinite() {
        RandomFormulas gen = new RandomFormulas(3);
        int compared = 0;
        for (int i = 0; i < FORMULAS; i++) {
            Program p = Program.parse(gen.formula(4));
            double[] x = gen.point(p);
            double[] g = p.gradient(x);
            for (int v = 0; v < x.length; v++) {
                Symbolic d = Symbolic.of(p).derivative(p.variables().get(v));
                double s = d.value(x);
                if (Double.isFinite(s) && Double.isFinite(g[v])) {
                    // NOTE: looser than forward against reverse: the textbook rules compute other
                    // expressions (1 - tanh^2 for 1/cosh^2, s(1 - s) for the sigmoid's e/(1+e)^2).
                    assertThat(Math.abs(s - g[v])).as(d.toString(300) + " at " + java.util.Arrays.toString(x))
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.max(Math.abs(s), Math.abs(g[v]))));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(FORMULAS / 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonExportsParseBackToTheTraces() {
        RandomFormulas gen = new RandomFormulas(4);
        for (int i = 0; i < FORMULAS; i++) {
            Program p = Program.parse(gen.formula(5));
            ReverseTrace t = p.reverseTrace(gen.point(p));
            Map<String, Object> graph = (Map<String, Object>) JsonReader.parse(GraphExport.json(p, t));
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) graph.get("nodes");
            assertThat(nodes).hasSize(p.length());
            for (Map<String, Object> node : nodes) {
                int k = ((Double) node.get("step")).intValue();
                assertThat(node.get("label")).isEqualTo(p.steps().get(k).toString());
                assertIdentical(number(node.get("value")), t.row(k).value(), "value");
                assertIdentical(number(node.get("adjoint")), t.row(k).adjoint(), "adjoint");
            }
            List<Map<String, Object>> edges = (List<Map<String, Object>>) graph.get("edges");
            assertThat(edges).hasSize(p.steps().stream().mapToInt(s -> s.operands().size()).sum());
            JsonReader.parse(t.toJson());
            if (!p.variables().isEmpty()) {
                JsonReader.parse(p.forwardTrace(p.variables().getFirst(), gen.point(p)).toJson());
            }
        }
    }

    @Test
    void layoutsNeverOverlap() {
        RandomFormulas gen = new RandomFormulas(5);
        for (int i = 0; i < 100; i++) {
            Program p = Program.parse(gen.formula(6));
            GraphLayout layout = GraphLayout.of(p);
            List<GraphLayout.Node> nodes = layout.nodes();
            for (int a = 0; a < nodes.size(); a++) {
                for (int b = a + 1; b < nodes.size(); b++) {
                    assertThat(nodes.get(a).overlaps(nodes.get(b))).as(p.toString()).isFalse();
                }
                for (int operand : p.steps().get(a).operands()) {
                    assertThat(nodes.get(operand).layer()).isLessThan(nodes.get(a).layer());
                }
            }
            assertThat(layout.node(p.output()).layer()).isEqualTo(layout.layers() - 1);
            assertThat(XmlChecker.check(GraphExport.svg(p, p.reverseTrace(gen.point(p))))).isEqualTo("svg");
        }
    }

    private static boolean allPartialsFinite(ReverseTrace t) {
        return t.rows().stream().flatMap(r -> r.contributions().stream()).allMatch(c -> Double.isFinite(c.partial()));
    }

    /** The same double, NaN included. */
    private static void assertIdentical(double a, double b, String what) {
        assertThat(Double.compare(a, b)).as(what + ": " + a + " vs " + b).isZero();
    }

    /** A JSON number, or NaN and the infinities, which the export writes as strings. */
    private static double number(Object json) {
        return json instanceof String s ? Double.parseDouble(s) : (Double) json;
    }

    /** Equal to 1e-12 relative (absolute below 1), or both NaN, or the same infinity. */
    private static void assertClose(double a, double b, String what) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            assertIdentical(a, b, what);
        } else {
            assertThat(Math.abs(a - b)).as(what + ": " + a + " vs " + b)
                    .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b))));
        }
    }
}
