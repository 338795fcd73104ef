package org.autodiff4j.expr;

/**
 * A formula that does not parse: what is wrong, where (a 0-based character position), and the input
 * line with a caret under that position.
 *
 * <pre>{@code
 * try {
 *     Program.parse("pow(x)");
 * } catch (ParseException e) {
 *     e.problem();    // "pow takes 2 arguments, got 1"
 *     e.position();   // 0
 *     e.caretLine();  // "pow(x)\n^"
 * }
 * }</pre>
 */
public final class ParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Characters of context shown on each side of the position in {@link #caretLine()}. */
    private static final int WINDOW = 40;

    private final String problem;
    private final String input;
    private final int position;

    /**
     * A parse error at {@code position} of {@code input}.
     *
     * <pre>{@code
     * throw new ParseException("unexpected ')'", "x)", 1);
     * }</pre>
     */
    public ParseException(String problem, String input, int position) {
        super(problem + " at position " + position + "\n" + caretLine(input, position));
        this.problem = problem;
        this.input = input;
        this.position = position;
    }

    /** What is wrong, without the position: {@code "unbalanced parenthesis: '(' is never closed"}. */
    public String problem() {
        return problem;
    }

    /** The 0-based character position of the problem; {@code input().length()} means the end. */
    public int position() {
        return position;
    }

    /** The formula that failed to parse. */
    public String input() {
        return input;
    }

    /**
     * The input line and, below it, a caret under {@link #position()}: {@code "x + * y\n    ^"}.
     * Long inputs are cut to a window around the position, marked with {@code ...}.
     */
    public String caretLine() {
        return caretLine(input, position);
    }

    // NOTE: a 100,000-character input would make an unreadable message; show a window around the caret.
    private static String caretLine(String input, int position) {
        int from = Math.max(0, position - WINDOW);
        int to = Math.min(input.length(), position + WINDOW);
        String prefix = from > 0 ? "..." : "";
        String suffix = to < input.length() ? "..." : "";
        String shown = input.substring(from, to).replaceAll("[\\r\\n\\t]", " ");
        return prefix + shown + suffix + "\n" + " ".repeat(prefix.length() + position - from) + "^";
    }
}
