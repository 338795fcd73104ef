package org.autodiff4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The textbook examples as golden traces. Expected numbers are written out from closed forms
 * (sin 2, cos 2, ln 9 to 17 digits from tables) or computed here from the closed-form derivative
 * with {@link Math}; none comes from the code under test. Values agree to 1e-12.
 */
class TextbookTraceTest {

    private static final double SIN_2 = 0.90929742682568170;
    private static final double COS_2 = -0.41614683654714239;
    private static final double LN_9 = 2.1972245773362194;

    /** f(x1, x2) = x1*x2 + sin(x1) at (2, 3), the example of Baydin et al. (2018), Table 2. */
    @Test
    void productPlusSineForward() {
        Program f = Program.parse("x1*x2 + sin(x1)");
        ForwardTrace t = f.forwardTrace("x1", 2, 3);
        assertRows(t.toTable(), "tangent (d/dx1)", new Object[][] {
            {"v0 = x1", 2.0, 1.0},
            {"v1 = x2", 3.0, 0.0},
            {"v2 = v0*v1", 6.0, 3.0},
            {"v3 = sin(v0)", SIN_2, COS_2},
            {"v4 = v2 + v3", 6 + SIN_2, 3 + COS_2},
        });
        assertThat(t.value()).isCloseTo(6.909297426825682, within(1e-12));
        assertThat(t.tangent()).isCloseTo(2.5838531634528574, within(1e-12));
        // cos 2 * 0 is -0.0 in IEEE arithmetic; the table shows it as 0.
        assertThat(f.forwardTrace("x2", 2, 3).rows().stream().mapToDouble(ForwardTrace.Row::tangent).toArray())
                .containsExactly(new double[] {0, 1, 2, 0, 2}, within(0.0));
        assertThat(f.forwardTrace("x2", 2, 3).toTable()).doesNotContain("-0");
    }

    @Test
    void productPlusSineReverseShowsFanOutSummed() {
        ReverseTrace t = Program.parse("x1*x2 + sin(x1)").reverseTrace(2, 3);
        List<String> lines = t.toTable().lines().toList();
        assertThat(cells(lines.get(0))).containsExactly("step", "value", "adjoint", "contributions");
        assertThat(t.rows()).extracting(ReverseTrace.Row::text)
                .containsExactly("v4 = v2 + v3", "v3 = sin(v0)", "v2 = v0*v1", "v1 = x2", "v0 = x1");
        assertAdjoints(t, 3 + COS_2, 2, 1, 1, 1);
        // x1 is used twice: once by sin (partial cos 2), once by the product (partial x2 = 3).
        List<ReverseTrace.Contribution> x1 = t.row(0).contributions();
        assertThat(x1).extracting(ReverseTrace.Contribution::from).containsExactly(3, 2);
        assertThat(x1.get(0).partial()).isCloseTo(COS_2, within(1e-12));
        assertThat(x1.get(1).partial()).isEqualTo(3);
        assertThat(x1.get(0).amount() + x1.get(1).amount()).isEqualTo(t.row(0).adjoint());
        // In the table: the row of x1, then its second contribution on a line of its own.
        int row = lines.indexOf(lines.stream().filter(l -> l.startsWith("v0 = x1")).findFirst().orElseThrow());
        assertThat(cells(lines.get(row))).hasSize(4);
        assertThat(number(cells(lines.get(row)).get(2))).isCloseTo(3 + COS_2, within(1e-12));
        assertThat(cells(lines.get(row)).get(3)).startsWith("+= -0.41614683654714").endsWith(" * 1 from v3 (= " + Table.number(x1.get(0).amount()) + ")");
        assertThat(lines.get(row + 1).strip()).isEqualTo("+= 3 * 1 from v2 (= 3)");
        assertThat(t.gradient()[0]).isCloseTo(2.5838531634528574, within(1e-12));
        assertThat(t.gradient()[1]).isEqualTo(2);
    }

    /** h(a, b, c) = (a + b) ln(b + c) at (1, 3, 6): b feeds both factors. */
    @Test
    void sumTimesLog() {
        Program h = Program.parse("(a+b)*log(b+c)");
        assertThat(h.listing()).isEqualTo("""
                v0 = a
                v1 = b
                v2 = c
                v3 = v0 + v1
                v4 = v1 + v2
                v5 = log(v4)
                v6 = v3*v5
                """);
        ForwardTrace fb = h.forwardTrace("b", 1, 3, 6);
        assertRows(fb.toTable(), "tangent (d/db)", new Object[][] {
            {"v0 = a", 1.0, 0.0},
            {"v1 = b", 3.0, 1.0},
            {"v2 = c", 6.0, 0.0},
            {"v3 = v0 + v1", 4.0, 1.0},
            {"v4 = v1 + v2", 9.0, 1.0},
            {"v5 = log(v4)", LN_9, 1 / 9.0},
            {"v6 = v3*v5", 4 * LN_9, LN_9 + 4 / 9.0},
        });
        ReverseTrace r = h.reverseTrace(1, 3, 6);
        assertThat(r.value()).isCloseTo(8.788898309344878, within(1e-12));
        // Adjoints v6..v0: 1, a+b = 4, 4/9, ln 9, 4/9 (c), ln 9 + 4/9 (b), ln 9 (a).
        assertAdjoints(r, LN_9, LN_9 + 4 / 9.0, 4 / 9.0, LN_9, 4 / 9.0, 4, 1);
        assertThat(r.row(1).contributions()).extracting(ReverseTrace.Contribution::from).containsExactly(4, 3);
        assertThat(r.gradient()).containsExactly(new double[] {LN_9, LN_9 + 4 / 9.0, 4 / 9.0}, within(1e-12));
    }

    /** log((x1+x2)^2 + sin(x1*x2)) at (1, 0.5), against its closed-form gradient and Hessian. */
    @Test
    void logOfSquarePlusSine() {
        Program f = Program.parse("log((x1+x2)^2 + sin(x1*x2))");
        double x1 = 1;
        double x2 = 0.5;
        double s = x1 + x2;
        double p = x1 * x2;
        double u = s * s + Math.sin(p);
        double u1 = 2 * s + x2 * Math.cos(p);
        double u2 = 2 * s + x1 * Math.cos(p);
        double u11 = 2 - x2 * x2 * Math.sin(p);
        double u22 = 2 - x1 * x1 * Math.sin(p);
        double u12 = 2 + Math.cos(p) - p * Math.sin(p);
        assertThat(f.value(x1, x2)).isCloseTo(Math.log(u), within(1e-12));
        assertThat(f.forwardTrace("x1", x1, x2).tangent()).isCloseTo(u1 / u, within(1e-12));
        assertThat(f.forwardTrace("x2", x1, x2).tangent()).isCloseTo(u2 / u, within(1e-12));
        assertThat(f.reverseTrace(x1, x2).gradient()).containsExactly(new double[] {u1 / u, u2 / u}, within(1e-12));
        assertThat(f.gradient(x1, x2)).containsExactly(new double[] {u1 / u, u2 / u}, within(1e-12));
        double[][] hessian = f.hessian(x1, x2);
        assertThat(hessian[0]).containsExactly(new double[] {u11 / u - u1 * u1 / (u * u), u12 / u - u1 * u2 / (u * u)}, within(1e-12));
        assertThat(hessian[1]).containsExactly(new double[] {u12 / u - u1 * u2 / (u * u), u22 / u - u2 * u2 / (u * u)}, within(1e-12));
    }

    /** sin(x^2 + 1) at 1.5: the chain rule, 2x cos(x^2 + 1). */
    @Test
    void sineOfSquarePlusOne() {
        Program f = Program.parse("sin(x^2 + 1)");
        double x = 1.5;
        assertRows(f.forwardTrace("x", x).toTable(), "tangent (d/dx)", new Object[][] {
            {"v0 = x", x, 1.0},
            {"v1 = 2", 2.0, 0.0},
            {"v2 = v0^v1", x * x, 2 * x},
            {"v3 = 1", 1.0, 0.0},
            {"v4 = v2 + v3", x * x + 1, 2 * x},
            {"v5 = sin(v4)", Math.sin(x * x + 1), 2 * x * Math.cos(x * x + 1)},
        });
        ReverseTrace r = f.reverseTrace(x);
        double c = Math.cos(x * x + 1);
        // The constants get adjoints too: d out / d 2 = x^2 ln x cos(x^2 + 1), d out / d 1 = cos(x^2 + 1).
        assertAdjoints(r, 2 * x * c, x * x * Math.log(x) * c, c, c, c, 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tracesAsJson() {
        Program f = Program.parse("x1*x2 + sin(x1)");
        Map<String, Object> fwd = (Map<String, Object>) JsonReader.parse(f.forwardTrace("x1", 2, 3).toJson());
        assertThat(fwd.get("seed")).isEqualTo("x1");
        assertThat((Double) fwd.get("tangent")).isCloseTo(3 + COS_2, within(1e-12));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) fwd.get("rows");
        assertThat(rows).extracting(m -> m.get("text")).containsExactly("v0 = x1", "v1 = x2", "v2 = v0*v1", "v3 = sin(v0)", "v4 = v2 + v3");
        Map<String, Object> rev = (Map<String, Object>) JsonReader.parse(f.reverseTrace(2, 3).toJson());
        Map<String, Object> gradient = (Map<String, Object>) rev.get("gradient");
        assertThat((Double) gradient.get("x1")).isCloseTo(3 + COS_2, within(1e-12));
        assertThat(gradient.get("x2")).isEqualTo(2.0);
        List<Map<String, Object>> reverseRows = (List<Map<String, Object>>) rev.get("rows");
        assertThat(reverseRows.getLast().get("step")).isEqualTo(0.0);
        assertThat((List<Object>) reverseRows.getLast().get("contributions")).hasSize(2);
    }

    /** Checks a forward table: header, then per step its text and two numbers to 1e-12. */
    private static void assertRows(String table, String tangentHeader, Object[][] expected) {
        List<String> lines = table.lines().toList();
        assertThat(cells(lines.get(0))).containsExactly("step", "value", tangentHeader);
        assertThat(lines).hasSize(expected.length + 1);
        for (int i = 0; i < expected.length; i++) {
            List<String> row = cells(lines.get(i + 1));
            assertThat(row.get(0)).isEqualTo(expected[i][0]);
            assertThat(number(row.get(1))).as(row.get(0) + " value").isCloseTo((Double) expected[i][1], within(1e-12));
            assertThat(number(row.get(2))).as(row.get(0) + " tangent").isCloseTo((Double) expected[i][2], within(1e-12));
        }
    }

    /** The adjoints of steps v0, v1, ... to 1e-12, from the records and from the table. */
    private static void assertAdjoints(ReverseTrace t, double... adjoints) {
        Map<String, Double> fromTable = new java.util.HashMap<>();
        for (String line : t.toTable().lines().skip(1).toList()) {
            List<String> row = cells(line);
            if (!line.startsWith(" ")) {
                fromTable.put(row.get(0).substring(0, row.get(0).indexOf(' ')), number(row.get(2)));
            }
        }
        for (int k = 0; k < adjoints.length; k++) {
            assertThat(t.row(k).adjoint()).as("adjoint of v" + k).isCloseTo(adjoints[k], within(1e-12));
            assertThat(fromTable.get("v" + k)).as("adjoint of v" + k + " in the table").isCloseTo(adjoints[k], within(1e-12));
        }
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>(List.of(line.strip().split(" {2,}")));
        cells.removeIf(String::isEmpty);
        return cells;
    }

    private static double number(String cell) {
        return Double.parseDouble(cell);
    }
}
