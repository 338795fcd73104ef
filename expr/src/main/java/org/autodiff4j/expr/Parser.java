package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.autodiff4j.Op;

/**
 * A recursive-descent parser from formula text to a {@link Program}. The grammar, loosest first:
 * <pre>
 * comparison := additive (("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") additive)?
 * additive   := term (("+" | "-") term)*
 * term       := unary (("*" | "/") unary)*
 * unary      := ("-" | "+") unary | power
 * power      := primary ("^" unary)?
 * primary    := number | name | name "(" comparison ("," comparison)* ")" | "(" comparison ")"
 * </pre>
 * So {@code ^} is right-associative and binds tighter than unary minus ({@code -x^2 = -(x^2)}),
 * and an exponent may start with a sign ({@code 2^-x}).
 */
final class Parser {

    private static final int MAX_DEPTH = Program.MAX_DEPTH;
    private static final int MAX_LENGTH = Program.MAX_LENGTH;

    private final String input;
    private final ProgramBuilder builder = new ProgramBuilder();
    private int pos;
    private int depth;

    private Parser(String input) {
        this.input = input;
    }

    static Program parse(String input) {
        if (input == null) {
            throw new NullPointerException("parse: input must not be null");
        }
        if (input.length() > MAX_LENGTH) {
            throw new ParseException("input too long: " + input.length() + " characters, the limit is " + MAX_LENGTH,
                    input, MAX_LENGTH);
        }
        Parser parser = new Parser(input);
        parser.skipSpace();
        if (parser.atEnd()) {
            throw new ParseException("empty input", input, 0);
        }
        int output = parser.comparison();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.unexpected();
        }
        return parser.builder.build(output);
    }

    private int comparison() {
        int left = additive();
        Comparison c = comparisonAhead();
        if (c == null) {
            return left;
        }
        pos += c.symbol().length();
        int right = additive();
        skipSpace();
        if (comparisonAhead() != null) {
            throw error("comparisons do not chain: write (a < b) * (b < c) or nest if(...)");
        }
        return builder.compare(c, left, right);
    }

    private int additive() {
        int left = term();
        while (true) {
            skipSpace();
            if (eat('+')) {
                left = builder.op(Op.ADD, left, term());
            } else if (eat('-')) {
                left = builder.op(Op.SUB, left, term());
            } else {
                return left;
            }
        }
    }

    private int term() {
        int left = unary();
        while (true) {
            skipSpace();
            if (eat('*')) {
                left = builder.op(Op.MUL, left, unary());
            } else if (eat('/')) {
                left = builder.op(Op.DIV, left, unary());
            } else {
                return left;
            }
        }
    }

    // NOTE: every recursive path (parentheses, call arguments, signs, exponents) passes through here,
    // so counting depth in this one method bounds the Java stack for any input.
    private int unary() {
        skipSpace();
        if (++depth > MAX_DEPTH) {
            throw error("nesting too deep: the limit is " + MAX_DEPTH + " levels");
        }
        int result;
        if (eat('-')) {
            result = builder.op(Op.NEG, unary());
        } else if (eat('+')) {
            result = unary();
        } else {
            result = power();
        }
        depth--;
        return result;
    }

    private int power() {
        int base = primary();
        skipSpace();
        if (eat('^')) {
            return builder.op(Op.POW, base, unary());
        }
        return base;
    }

    private int primary() {
        skipSpace();
        if (atEnd()) {
            throw error("unexpected end of input: expected a number, a name or '('");
        }
        char c = input.charAt(pos);
        if (c == '(') {
            int open = pos++;
            int inner = comparison();
            skipSpace();
            if (!eat(')')) {
                throw atEnd() ? new ParseException("unbalanced parenthesis: '(' is never closed", input, open) : unexpected();
            }
            return inner;
        }
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (isNameStart(c)) {
            return nameOrCall();
        }
        throw unexpected();
    }

    private int number() {
        int start = pos;
        while (!atEnd() && isDigit(peek())) {
            pos++;
        }
        if (!atEnd() && peek() == '.') {
            pos++;
            while (!atEnd() && isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start == 1 && input.charAt(start) == '.') {
            throw new ParseException("a number needs a digit: '.' alone is not a number", input, start);
        }
        // NOTE: an exponent needs digits: "2e" is the number 2 followed by the name e, which is then an error.
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            int mark = pos + 1;
            if (mark < input.length() && (input.charAt(mark) == '+' || input.charAt(mark) == '-')) {
                mark++;
            }
            if (mark < input.length() && isDigit(input.charAt(mark))) {
                pos = mark;
                while (!atEnd() && isDigit(peek())) {
                    pos++;
                }
            }
        }
        double value = Double.parseDouble(input.substring(start, pos));
        // NOTE: a literal past Double.MAX_VALUE would become infinity, which has no spelling that parses
        // back (printed "Infinity" is a name); tiny literals round to 0 quietly, as in Java.
        if (Double.isInfinite(value)) {
            throw new ParseException("number too large: the largest is " + Double.MAX_VALUE, input, start);
        }
        return builder.constant(value, null);
    }

    private int nameOrCall() {
        int start = pos;
        while (!atEnd() && isNamePart(peek())) {
            pos++;
        }
        String name = input.substring(start, pos);
        skipSpace();
        boolean call = !atEnd() && peek() == '(';
        if (!call) {
            return switch (name) {
                case "pi" -> builder.constant(Math.PI, "pi");
                case "e" -> builder.constant(Math.E, "e");
                default -> {
                    if (name.equals("if") || Op.find(name).isPresent()) {
                        throw new ParseException(name + " is a function: call it as " + name + "(...)", input, start);
                    }
                    yield builder.variable(name);
                }
            };
        }
        int open = pos++;
        List<Integer> args = arguments(open);
        if (name.equals("if")) {
            checkArity("if", 3, args.size(), start);
            return builder.branch(args.get(0), args.get(1), args.get(2));
        }
        Optional<Op> op = Op.find(name);
        if (op.isEmpty()) {
            if (name.equals("pi") || name.equals("e")) {
                throw new ParseException(name + " is a constant, not a function", input, start);
            }
            throw new ParseException("unknown function '" + name + "'" + Names.suggestion(name), input, start);
        }
        checkArity(name, op.get().arity(), args.size(), start);
        return args.size() == 1 ? builder.op(op.get(), args.get(0)) : builder.op(op.get(), args.get(0), args.get(1));
    }

    private List<Integer> arguments(int open) {
        List<Integer> args = new ArrayList<>();
        skipSpace();
        if (eat(')')) {
            return args;
        }
        while (true) {
            args.add(comparison());
            skipSpace();
            if (eat(',')) {
                continue;
            }
            if (eat(')')) {
                return args;
            }
            throw atEnd() ? new ParseException("unbalanced parenthesis: '(' is never closed", input, open) : unexpected();
        }
    }

    private void checkArity(String name, int arity, int given, int at) {
        if (arity != given) {
            throw new ParseException(name + " takes " + arity + (arity == 1 ? " argument" : " arguments") + ", got " + given,
                    input, at);
        }
    }

    private Comparison comparisonAhead() {
        skipSpace();
        if (pos + 1 < input.length()) {
            Comparison two = Comparison.find(input.substring(pos, pos + 2));
            if (two != null) {
                return two;
            }
        }
        return atEnd() ? null : Comparison.find(input.substring(pos, pos + 1));
    }

    private ParseException unexpected() {
        char c = input.charAt(pos);
        if (c == ')') {
            return error("unbalanced parenthesis: ')' without a matching '('");
        }
        if (c == '=' || c == '!') {
            return error("unexpected '" + c + "': comparisons are written ==, !=, <, <=, >, >=");
        }
        int code = input.codePointAt(pos);
        String shown = Character.isISOControl(code) || Character.isWhitespace(code) || !Character.isDefined(code)
                || Character.isSurrogate(c) && Character.charCount(code) == 1
                ? String.format("\\u%04x", code) : Character.toString(code);
        return error("unexpected '" + shown + "'");
    }

    private ParseException error(String problem) {
        return new ParseException(problem, input, pos);
    }

    private boolean eat(char c) {
        if (!atEnd() && input.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return input.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private void skipSpace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
            pos++;
        }
    }

    // NOTE: ASCII digits only: Character.isDigit accepts other scripts' digits, which Double.parseDouble rejects.
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // NOTE: ASCII names only, so that every name can be typed and printed in the CLI and the caret lines up.
    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
