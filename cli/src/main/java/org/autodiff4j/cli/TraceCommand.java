package org.autodiff4j.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autodiff4j.expr.ForwardTrace;
import org.autodiff4j.expr.ReverseTrace;

/**
 * {@code autodiff trace}: the evaluation trace as the textbooks print it. Forward mode: per step the
 * operation, its primal value and its tangent for the seed variable. Reverse mode: per step, last
 * first, the adjoint and each {@code +=} contribution it received.
 *
 * <pre>
 * $ ./autodiff trace 'x1*x2 + sin(x1)' --at x1=2,x2=3 --seed x1
 * </pre>
 */
final class TraceCommand extends Command {

    TraceCommand() {
        super("trace", "trace EXPR --at x=1,y=2 [--mode forward|reverse] [--seed x] [--json]",
                "the Wengert list with primal and tangent (forward) or adjoint (reverse) values per step",
                Set.of("--at", "--mode", "--seed"), Set.of("--json"));
    }

    @Override
    void run(Options options, PrintStream out) {
        String mode = options.choice("--mode", "forward", "forward", "reverse");
        Formula f = Formula.of(options);
        List<String> names = f.program().variables();
        if (mode.equals("forward")) {
            if (names.isEmpty()) {
                throw new UsageException("trace: the formula has no variables to seed; use --mode reverse to see its steps");
            }
            String seed = options.value("--seed", names.get(0));
            if (!names.contains(seed)) {
                throw new UsageException("trace: --seed " + seed + " is not a variable of the formula (its variables: " + String.join(", ", names) + ")");
            }
            ForwardTrace t = f.program().forwardTrace(seed, f.x());
            if (options.flag("--json")) {
                out.println(Json.write(forwardJson(f, t)));
                return;
            }
            out.println("f = " + f.text());
            out.println("at " + f.pointText() + ";  forward mode, seed d" + seed + " = 1");
            out.println();
            out.print(t.toTable());
            out.println();
            out.println("df/d" + seed + " = " + t.tangent());
        } else {
            if (options.value("--seed") != null) {
                throw new UsageException("trace: --seed is for --mode forward; reverse mode seeds the output's adjoint with 1");
            }
            ReverseTrace t = f.program().reverseTrace(f.x());
            if (options.flag("--json")) {
                out.println(Json.write(reverseJson(f, t)));
                return;
            }
            out.println("f = " + f.text());
            out.println("at " + f.pointText() + ";  reverse mode, adjoint of the output = 1");
            out.println();
            out.print(t.toTable());
            out.println();
            double[] g = t.gradient();
            for (int i = 0; i < names.size(); i++) {
                out.println("df/d" + names.get(i) + " = " + g[i]);
            }
        }
    }

    /** The forward trace as JSON: expression, point, seed, rows (step, text, value, tangent). */
    static Map<String, Object> forwardJson(Formula f, ForwardTrace t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expression", f.text());
        m.put("point", f.pointJson());
        m.put("mode", "forward");
        m.put("seed", t.seed());
        m.put("rows", t.rows().stream().map(r -> (Object) row(
                "step", r.step(), "text", r.text(), "value", r.value(), "tangent", r.tangent())).toList());
        return m;
    }

    /** The reverse trace as JSON: rows, last step first, each with its {@code +=} contributions. */
    static Map<String, Object> reverseJson(Formula f, ReverseTrace t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expression", f.text());
        m.put("point", f.pointJson());
        m.put("mode", "reverse");
        m.put("rows", t.rows().stream().map(r -> (Object) row(
                "step", r.step(), "text", r.text(), "value", r.value(), "adjoint", r.adjoint(),
                "contributions", r.contributions().stream().map(c -> (Object) row(
                        "from", c.from(), "partial", c.partial(), "amount", c.amount())).toList())).toList());
        return m;
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
