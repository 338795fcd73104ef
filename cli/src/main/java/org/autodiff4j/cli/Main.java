package org.autodiff4j.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.autodiff4j.Op;
import org.autodiff4j.expr.ParseException;

/**
 * The {@code autodiff} command: {@code ./autodiff COMMAND FORMULA --at x=1,y=2 [options]}. Exit
 * status 0 on success, 2 for a user error (message on stderr), 1 for a bug.
 *
 * <pre>
 * $ ./autodiff grad 'log((x1+x2)^2 + sin(x1*x2))' --at x1=1,x2=0.5 --hessian
 * $ ./autodiff help
 * </pre>
 */
public final class Main {

    private static final Map<String, Command> COMMANDS = commands(
            new GradCommand(false), new GradCommand(true), new TraceCommand(), new GraphCommand(),
            new CheckCommand(), new CompareCommand(), new ServeCommand(), new TrainCommand());

    private Main() {
    }

    /** Runs the command of {@code args} and exits with its status. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command of {@code args}, writing its result to {@code out} and errors to {@code err}.
     *
     * @return the exit status: 0 on success, 2 for a user error, 1 for a bug
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(help());
            return args.length == 0 ? 2 : 0;
        }
        Command command = COMMANDS.get(args[0]);
        try {
            if (command == null) {
                throw new UsageException("unknown command '" + args[0] + "'; the commands are "
                        + String.join(", ", COMMANDS.keySet()) + " (./autodiff help)");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            if (rest.contains("--help") || rest.contains("-h")) {
                out.println("usage: ./autodiff " + command.usage());
                out.println(command.summary());
                return 0;
            }
            command.run(Options.parse(command.name(), rest, command.valued(), command.flags()), out);
            return 0;
        } catch (ParseException e) {
            err.println("autodiff: " + e.problem() + " (at position " + e.position() + ")");
            err.println(indent(e.caretLine()));
            return 2;
        } catch (UsageException | IllegalArgumentException e) {
            err.println("autodiff: " + e.getMessage());
            return 2;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("autodiff: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("autodiff: internal error, please report it with the command line:");
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The help text: the commands, the grammar, and the functions of the op registry. */
    static String help() {
        StringBuilder s = new StringBuilder();
        s.append("autodiff: exact derivatives of a formula, and how they were computed\n\n");
        s.append("usage:\n");
        for (Command c : COMMANDS.values()) {
            s.append("  ./autodiff ").append(c.usage()).append('\n');
            s.append("      ").append(c.summary()).append('\n');
        }
        s.append("\nformulas: numbers (2, 0.5, 1e-3), variables (x, x1, theta), + - * / ^ (right-associative,\n");
        s.append("  -x^2 = -(x^2)), constants pi and e, comparisons < <= > >= == != and if(cond, a, b).\n");
        s.append("functions:\n");
        String unary = Arrays.stream(Op.values()).filter(op -> op.arity() == 1 && Character.isLetter(op.symbol().charAt(0)))
                .map(Op::symbol).collect(Collectors.joining(" "));
        String binary = Arrays.stream(Op.values()).filter(op -> op.arity() == 2 && Character.isLetter(op.symbol().charAt(0)))
                .map(op -> op.symbol() + "(a, b)").collect(Collectors.joining(" "));
        s.append(wrap("  f(x): " + unary)).append(wrap("  f(a, b): " + binary));
        s.append("\nexample:\n  ./autodiff grad 'log((x1+x2)^2 + sin(x1*x2))' --at x1=1,x2=0.5 --hessian\n");
        return s.toString();
    }

    private static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 96 && !line.isEmpty()) {
                out.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append("    ");
            }
            line.append(word).append(' ');
        }
        return out.append(line.toString().stripTrailing()).append('\n').toString();
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    private static Map<String, Command> commands(Command... commands) {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : commands) {
            m.put(c.name(), c);
        }
        return m;
    }
}
