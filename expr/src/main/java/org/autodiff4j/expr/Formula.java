package org.autodiff4j.expr;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Prints a {@link Term} as formula text that {@link Parser} reads back to the same tree: infix
 * operators with only the parentheses the grammar needs ({@code (a + b)*c}, {@code a - (b - c)},
 * {@code (x^y)^z}, {@code -(x*y)}), spaces around {@code + -} and comparisons, none around
 * {@code * / ^}.
 *
 * <p>Iterative, with an explicit stack of pending pieces, and linear in the length of the text: a
 * sum of 50,000 terms is a tree 50,000 levels deep.
 */
final class Formula {

    private static final int LOOSEST = 0;
    private static final int COMPARISON = 1;
    private static final int SUM = 2;
    private static final int PRODUCT = 3;
    private static final int SIGN = 4;
    private static final int POWER = 5;
    private static final int PRIMARY = 6;

    private Formula() {
    }

    /** A subtree still to print, in parentheses if it binds looser than {@code min}. */
    private record Pending(Term term, int min) {
    }

    /** The text of {@code root}, cut after {@code limit} characters and then ending in {@code ...}. */
    static String print(Term root, long limit) {
        StringBuilder out = new StringBuilder();
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(new Pending(root, LOOSEST));
        while (!todo.isEmpty() && out.length() <= limit) {
            Object next = todo.pop();
            if (next instanceof String text) {
                out.append(text);
                continue;
            }
            Pending p = (Pending) next;
            Term t = p.term();
            if (precedence(t) < p.min()) {
                push(todo, "(", new Pending(t, LOOSEST), ")");
                continue;
            }
            switch (t.kind) {
                case INPUT, CONSTANT -> out.append(t.name);
                case COMPARE -> push(todo, arg(t, 0, SUM), " " + t.comparison.symbol() + " ", arg(t, 1, SUM));
                case IF -> push(todo, "if(", arg(t, 0, LOOSEST), ", ", arg(t, 1, LOOSEST), ", ", arg(t, 2, LOOSEST), ")");
                case OP -> {
                    switch (t.op) {
                        // NOTE: + and - are left-associative, so a sum on the right needs parentheses: a - (b - c).
                        case ADD -> push(todo, arg(t, 0, SUM), " + ", arg(t, 1, PRODUCT));
                        case SUB -> push(todo, arg(t, 0, SUM), " - ", arg(t, 1, PRODUCT));
                        case MUL -> push(todo, arg(t, 0, PRODUCT), "*", arg(t, 1, SIGN));
                        case DIV -> push(todo, arg(t, 0, PRODUCT), "/", arg(t, 1, SIGN));
                        case NEG -> push(todo, "-", arg(t, 0, SIGN));
                        // NOTE: the grammar's base is a primary (x^y^z is x^(y^z), -x^2 is -(x^2)); the exponent may be signed.
                        case POW -> push(todo, arg(t, 0, PRIMARY), "^", arg(t, 1, SIGN));
                        default -> {
                            if (t.args.length == 1) {
                                push(todo, t.op.symbol() + "(", arg(t, 0, LOOSEST), ")");
                            } else {
                                push(todo, t.op.symbol() + "(", arg(t, 0, LOOSEST), ", ", arg(t, 1, LOOSEST), ")");
                            }
                        }
                    }
                }
            }
        }
        if (out.length() > limit) {
            out.setLength((int) limit);
            out.append("...");
        }
        return out.toString();
    }

    private static Pending arg(Term t, int i, int min) {
        return new Pending(t.args[i], min);
    }

    /** Pushes {@code pieces} so that the first is printed first. */
    private static void push(Deque<Object> todo, Object... pieces) {
        for (int i = pieces.length - 1; i >= 0; i--) {
            todo.push(pieces[i]);
        }
    }

    private static int precedence(Term t) {
        return switch (t.kind) {
            case INPUT, CONSTANT, IF -> PRIMARY;
            case COMPARE -> COMPARISON;
            case OP -> switch (t.op) {
                case ADD, SUB -> SUM;
                case MUL, DIV -> PRODUCT;
                case NEG -> SIGN;
                case POW -> POWER;
                default -> PRIMARY;
            };
        };
    }
}
