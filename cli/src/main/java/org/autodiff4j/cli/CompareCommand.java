package org.autodiff4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.autodiff4j.expr.Program;
import org.autodiff4j.expr.Symbolic;

/**
 * {@code autodiff compare}: the gradient three ways, side by side: reverse-mode AD, central finite
 * differences (step {@code cbrt(eps) max(1, |x_i|)}), and naive symbolic differentiation (the
 * unsimplified tree a textbook differentiator builds, see {@link Symbolic}), with each one's error
 * against AD and its size: the tape's length, the function evaluations, the derivative trees' nodes.
 * {@code --swell N} instead prints the sizes for {@code (x+1)(x+2)...(x+n)}, n = 1..N: expression
 * swell, as a table.
 */
final class CompareCommand extends Command {

    CompareCommand() {
        super("compare", "compare EXPR --at x=1,y=2 [--json]   |   compare --swell N",
                "AD, finite differences and naive symbolic differentiation side by side, with their sizes",
                Set.of("--at", "--swell"), Set.of("--json"));
    }

    /** NOTE: cbrt(eps) balances the central difference's h^2 truncation against its eps/h round-off. */
    private static final double CENTRAL_STEP = Math.cbrt(Math.ulp(1.0));

    @Override
    void run(Options options, PrintStream out) {
        if (options.value("--swell") != null) {
            if (!options.positional().isEmpty()) {
                throw new UsageException("compare: --swell builds its own formulas; give no formula with it");
            }
            swell(options.integer("--swell", 20, 1, 200), options.flag("--json"), out);
            return;
        }
        Formula f = Formula.of(options);
        Program p = f.program();
        List<String> names = p.variables();
        if (names.isEmpty()) {
            throw new UsageException("compare: the formula has no variables, so there is nothing to differentiate");
        }
        double[] x = f.x();
        double[] ad = p.gradient(x);
        double[] fd = new double[x.length];
        double[] sym = new double[x.length];
        long[] symSize = new long[x.length];
        Symbolic tree = Symbolic.of(p);
        for (int i = 0; i < x.length; i++) {
            double h = CENTRAL_STEP * Math.max(1, Math.abs(x[i]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            fd[i] = (p.value(up) - p.value(down)) / (up[i] - down[i]);
            Symbolic d = tree.derivative(names.get(i));
            sym[i] = d.value(x);
            symSize[i] = d.size();
        }
        if (options.flag("--json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("expression", f.text());
            m.put("point", f.pointJson());
            m.put("ad", named(names, ad));
            m.put("finiteDifferences", named(names, fd));
            m.put("symbolic", named(names, sym));
            m.put("tapeLength", p.length());
            m.put("formulaSize", tree.size());
            Map<String, Object> sizes = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                sizes.put(names.get(i), symSize[i]);
            }
            m.put("symbolicSize", sizes);
            out.println(Json.write(m));
            return;
        }
        out.println("f = " + f.text());
        out.println("at " + f.pointText());
        out.println();
        String[][] rows = new String[names.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new String[] {"df/d" + names.get(i), Double.toString(ad[i]), Double.toString(fd[i]), sci(Math.abs(fd[i] - ad[i])),
                    Double.toString(sym[i]), sci(Math.abs(sym[i] - ad[i]))};
        }
        out.print(TextTable.render(new String[] {"", "AD (reverse)", "central difference", "|FD - AD|", "symbolic", "|sym - AD|"}, rows));
        out.println();
        out.println("sizes: the formula's tree has " + tree.size() + " nodes; the tape (Wengert list) " + p.length()
                + " steps, swept once for the whole gradient;");
        out.println("finite differences take " + 2 * names.size() + " evaluations of f; the symbolic derivatives have "
                + sizesText(names, symSize) + " nodes, unsimplified.");
    }

    /** The sizes for {@code (x+1)(x+2)...(x+n)}, n = 1..max. */
    static void swell(int max, boolean json, PrintStream out) {
        List<Object> data = new ArrayList<>();
        String[][] rows = new String[max][];
        StringBuilder formula = new StringBuilder();
        for (int n = 1; n <= max; n++) {
            formula.append(n == 1 ? "" : "*").append("(x + ").append(n).append(')');
            Program p = Program.parse(formula.toString());
            Symbolic d = Symbolic.of(p).derivative("x");
            data.add(Map.of("n", n, "tapeLength", p.length(), "symbolicSize", d.size()));
            rows[n - 1] = new String[] {Integer.toString(n), Integer.toString(p.length()), Long.toString(d.size())};
        }
        if (json) {
            out.println(Json.write(data));
            return;
        }
        out.println("expression swell: f = (x+1)(x+2)...(x+n), its derivative in x");
        out.println();
        out.print(TextTable.render(new String[] {"n", "tape length (AD)", "symbolic derivative (nodes)"}, rows));
    }

    private static Map<String, Object> named(List<String> names, double[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), v[i]);
        }
        return m;
    }

    private static String sizesText(List<String> names, long[] sizes) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add(sizes[i] + " (d/d" + names.get(i) + ")");
        }
        return String.join(", ", parts);
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }
}
