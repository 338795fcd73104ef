package org.autodiff4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

/**
 * One subcommand of {@code autodiff}: its name, its usage line and summary for the help, the options
 * it takes (with a value, or flags), and what it does.
 */
abstract class Command {

    private final String name;
    private final String usage;
    private final String summary;
    private final Set<String> valued;
    private final Set<String> flags;

    /**
     * @param name    the word that selects it: {@code grad}
     * @param usage   one line for the help: {@code "grad EXPR --at x=1,y=2 [--hessian] ..."}
     * @param summary what it does, in a sentence
     * @param valued  the options that take a value
     * @param flags   the options that are flags
     */
    Command(String name, String usage, String summary, Set<String> valued, Set<String> flags) {
        this.name = name;
        this.usage = usage;
        this.summary = summary;
        this.valued = valued;
        this.flags = flags;
    }

    final String name() {
        return name;
    }

    final String usage() {
        return usage;
    }

    final String summary() {
        return summary;
    }

    final Set<String> valued() {
        return valued;
    }

    final Set<String> flags() {
        return flags;
    }

    /**
     * Runs it, writing its result to {@code out}.
     *
     * @throws UsageException for a mistake on the command line (exit status 2)
     */
    abstract void run(Options options, PrintStream out) throws IOException;
}
