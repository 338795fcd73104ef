package org.autodiff4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.autodiff4j.expr.GraphExport;
import org.autodiff4j.expr.Program;
import org.autodiff4j.expr.ReverseTrace;

/**
 * {@code autodiff graph}: the computational graph with values and adjoints, as Graphviz DOT,
 * Mermaid, a self-drawn SVG, or JSON; to stdout or to {@code -o FILE}.
 *
 * <pre>
 * $ ./autodiff graph '(a+b)*log(b+c)' --at a=1,b=3,c=6 --format svg -o graph.svg
 * </pre>
 */
final class GraphCommand extends Command {

    GraphCommand() {
        super("graph", "graph EXPR --at x=1,y=2 --format dot|mermaid|svg|json [-o FILE]",
                "the computational graph with values, adjoints and local partials on the edges",
                Set.of("--at", "--format", "-o", "--output"), Set.of());
    }

    @Override
    void run(Options options, PrintStream out) throws IOException {
        String format = options.choice("--format", "dot", "dot", "mermaid", "svg", "json");
        Formula f = Formula.of(options);
        Program p = f.program();
        ReverseTrace trace = p.reverseTrace(f.x());
        String text = switch (format) {
            case "mermaid" -> GraphExport.mermaid(p, trace);
            case "svg" -> GraphExport.svg(p, trace);
            case "json" -> GraphExport.json(p, trace);
            default -> GraphExport.dot(p, trace);
        };
        String file = options.value("-o", options.value("--output"));
        if (file == null) {
            out.print(text.endsWith("\n") ? text : text + "\n");
        } else {
            Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
            out.println("wrote " + format + " graph of " + p.steps().size() + " steps to " + file);
        }
    }
}
