package org.autodiff4j.cli;

/**
 * A mistake on the command line (an unknown option, a missing value, a variable without a value):
 * the command prints the message on stderr and exits with status 2.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A usage error with the message shown to the user: what was expected and what came. */
    public UsageException(String message) {
        super(message);
    }
}
