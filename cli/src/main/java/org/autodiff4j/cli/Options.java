package org.autodiff4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: the positional ones (the formula) and the options, each checked against
 * what the command accepts. Options take a value ({@code --at x=1}, {@code --at=x=1}) unless they
 * are flags ({@code --json}).
 *
 * <pre>{@code
 * Options o = Options.parse("grad", List.of("x*y", "--at", "x=1,y=2", "--json"),
 *         Set.of("--at", "--mode"), Set.of("--json", "--hessian"));
 * o.positional();      // [x*y]
 * o.value("--at");     // "x=1,y=2"
 * o.flag("--json");    // true
 * }</pre>
 */
final class Options {

    private final String command;
    private final List<String> positional;
    private final Map<String, String> values;
    private final Set<String> flags;

    private Options(String command, List<String> positional, Map<String, String> values, Set<String> flags) {
        this.command = command;
        this.positional = positional;
        this.values = values;
        this.flags = flags;
    }

    /**
     * Parses {@code args} for {@code command}, which accepts the options in {@code valued} (each
     * followed by a value) and {@code flagNames} (on or off). A repeated valued option joins its
     * values with commas, so {@code --at x=1 --at y=2} is {@code --at x=1,y=2}.
     *
     * @throws UsageException for an option the command does not take, or one missing its value
     */
    static Options parse(String command, List<String> args, Set<String> valued, Set<String> flagNames) {
        List<String> positional = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!isOption(a)) {
                positional.add(a);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (flagNames.contains(name) && value == null) {
                flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(command + ": " + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                values.merge(name, value, (old, now) -> old + "," + now);
            } else {
                List<String> known = new ArrayList<>(valued);
                known.addAll(flagNames);
                known.sort(null);
                throw new UsageException(command + ": unknown option " + name + "; it takes "
                        + (known.isEmpty() ? "no options" : String.join(" ", known)));
            }
        }
        return new Options(command, positional, values, flags);
    }

    // NOTE: "-x^2" or "-1" is a formula or a number, not an option: options are letters after dashes.
    private static boolean isOption(String a) {
        return a.startsWith("--") && a.length() > 2 && Character.isLetter(a.charAt(2))
                || a.length() == 2 && a.charAt(0) == '-' && Character.isLetter(a.charAt(1));
    }

    /** The arguments that are not options, in order. */
    List<String> positional() {
        return positional;
    }

    /** The one positional argument, the formula; a usage error if there is none or more than one. */
    String formula() {
        if (positional.size() != 1) {
            throw new UsageException(command + ": expected one formula (quote it: '" + "x*y + sin(x)'), got "
                    + (positional.isEmpty() ? "none" : positional.size() + ": " + positional));
        }
        return positional.get(0);
    }

    /** The value of {@code name}, or null when it was not given. */
    String value(String name) {
        return values.get(name);
    }

    /** The value of {@code name}, or {@code fallback}. */
    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of {@code name}, which must be one of {@code allowed}; {@code fallback} if absent. */
    String choice(String name, String fallback, String... allowed) {
        String v = value(name, fallback);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new UsageException(command + ": " + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    /** An integer option in {@code [min, max]}, or {@code fallback} if absent. */
    int integer(String name, int fallback, int min, int max) {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(command + ": " + name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    /** Whether the flag {@code name} was given. */
    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The command these options are for (used in messages). */
    String command() {
        return command;
    }
}
