package org.autodiff4j.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autodiff4j.AD;
import org.autodiff4j.Real;
import org.autodiff4j.expr.Program;

/**
 * {@code autodiff grad} and {@code autodiff hessian}: the value, the gradient (reverse or forward
 * mode) and, with {@code --hessian} or as {@code hessian}, the Hessian (forward over reverse).
 *
 * <pre>
 * $ ./autodiff grad 'x1*x2 + sin(x1)' --at x1=2,x2=3 --json
 * {"expression": "x1*x2 + sin(x1)", "point": {"x1": 2.0, "x2": 3.0}, "value": 6.909297426825682,
 *  "gradient": {"x1": 2.5838531634528574, "x2": 2.0}}
 * </pre>
 */
final class GradCommand extends Command {

    private final boolean hessianAlways;

    /** {@code grad} when {@code hessianAlways} is false, {@code hessian} when true. */
    GradCommand(boolean hessianAlways) {
        super(hessianAlways ? "hessian" : "grad",
                hessianAlways ? "hessian EXPR --at x=1,y=2 [--mode forward|reverse] [--json]"
                        : "grad EXPR --at x=1,y=2 [--hessian] [--mode forward|reverse] [--json]",
                hessianAlways ? "value, gradient and Hessian (forward over reverse)"
                        : "value and gradient (reverse mode by default), optionally the Hessian",
                Set.of("--at", "--mode"), hessianAlways ? Set.of("--json") : Set.of("--json", "--hessian"));
        this.hessianAlways = hessianAlways;
    }

    @Override
    void run(Options options, PrintStream out) {
        String mode = options.choice("--mode", "reverse", "forward", "reverse");
        Formula f = Formula.of(options);
        Result r = compute(f.program(), f.x(), mode.equals("forward"), hessianAlways || options.flag("--hessian"));
        List<String> names = f.program().variables();
        if (options.flag("--json")) {
            out.println(Json.write(json(f, r)));
            return;
        }
        out.println("f = " + f.text());
        out.println("at " + f.pointText());
        out.println();
        out.println("value  " + r.value());
        if (!names.isEmpty()) {
            out.println();
            out.println("gradient (" + mode + " mode)");
            String[][] rows = new String[names.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new String[] {"df/d" + names.get(i), Double.toString(r.gradient()[i])};
            }
            out.print(TextTable.render(null, rows));
        }
        if (r.hessian() != null && !names.isEmpty()) {
            out.println();
            out.println("Hessian (forward over reverse)");
            String[] header = new String[names.size() + 1];
            header[0] = "";
            String[][] rows = new String[names.size()][names.size() + 1];
            for (int i = 0; i < names.size(); i++) {
                header[i + 1] = names.get(i);
                rows[i][0] = names.get(i);
                for (int j = 0; j < names.size(); j++) {
                    rows[i][j + 1] = Double.toString(r.hessian()[i][j]);
                }
            }
            out.print(TextTable.render(header, rows));
        }
    }

    /** Value, gradient and (if asked) Hessian of {@code program} at {@code x}. */
    record Result(double value, double[] gradient, double[][] hessian) {
    }

    static Result compute(Program program, double[] x, boolean forward, boolean hessian) {
        double value = program.value(x);
        double[] gradient = x.length == 0 ? new double[0]
                : forward ? AD.jacfwd(v -> new Real[] {program.evaluate(v)}, x)[0]
                : program.gradient(x);
        double[][] h = hessian ? (x.length == 0 ? new double[0][0] : program.hessian(x)) : null;
        return new Result(value, gradient, h);
    }

    /** The {@code --json} object: expression, point, value, gradient and (if computed) hessian. */
    static Map<String, Object> json(Formula f, Result r) {
        List<String> names = f.program().variables();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expression", f.text());
        m.put("point", f.pointJson());
        m.put("value", r.value());
        Map<String, Object> g = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            g.put(names.get(i), r.gradient()[i]);
        }
        m.put("gradient", g);
        if (r.hessian() != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int j = 0; j < names.size(); j++) {
                    row.put(names.get(j), r.hessian()[i][j]);
                }
                h.put(names.get(i), row);
            }
            m.put("hessian", h);
        }
        return m;
    }
}
