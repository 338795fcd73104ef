package org.autodiff4j.expr;

import java.util.List;
import java.util.stream.Collectors;

import org.autodiff4j.Op;

/**
 * One line {@code v_k = ...} of a {@link Program}: an input, a constant, one elementary op of the
 * registry, a comparison, or an {@code if}. Operands are indices of earlier steps.
 *
 * <pre>{@code
 * Program p = Program.parse("x*y + sin(x)");
 * p.steps().get(2).toString();   // "v2 = v0*v1"
 * }</pre>
 *
 * @param index      k, the position in the list
 * @param kind       what the step computes
 * @param name       the variable name (INPUT) or the constant's spelling ({@code "pi"}, {@code "2"}); else null
 * @param constant   the value of a CONSTANT step; else 0
 * @param op         the registry op of an OP step; else null
 * @param comparison the operator of a COMPARE step; else null
 * @param operands   indices of earlier steps: 1 or 2 for OP, 2 for COMPARE, 3 (cond, then, else) for IF
 */
public record Step(int index, Kind kind, String name, double constant, Op op, Comparison comparison,
                   List<Integer> operands) {

    /** What a step computes. */
    public enum Kind {
        /** A variable of the formula: {@code v0 = x}. */
        INPUT,
        /** A number or named constant: {@code v1 = 2}, {@code v1 = pi}. */
        CONSTANT,
        /** One elementary op: {@code v2 = v0*v1}, {@code v3 = sin(v0)}. */
        OP,
        /** A comparison, 1 or 0 with derivative 0: {@code v2 = v0 < v1}. */
        COMPARE,
        /** The branch taken: {@code v5 = if(v2, v3, v4)}. */
        IF
    }

    /** Defensive copy of the operands. */
    public Step {
        operands = List.copyOf(operands);
    }

    /** The right-hand side: {@code "v0*v1"}, {@code "sin(v0)"}, {@code "x"}. */
    public String expression() {
        return switch (kind) {
            case INPUT, CONSTANT -> name;
            case COMPARE -> v(0) + " " + comparison.symbol() + " " + v(1);
            case IF -> "if(" + v(0) + ", " + v(1) + ", " + v(2) + ")";
            case OP -> switch (op) {
                case ADD -> v(0) + " + " + v(1);
                case SUB -> v(0) + " - " + v(1);
                case MUL -> v(0) + "*" + v(1);
                case DIV -> v(0) + "/" + v(1);
                case POW -> v(0) + "^" + v(1);
                case NEG -> "-" + v(0);
                default -> op.symbol() + "(" + operands.stream().map(i -> "v" + i).collect(Collectors.joining(", ")) + ")";
            };
        };
    }

    /** The line as printed by {@link Program#listing()}: {@code "v2 = v0*v1"}. */
    @Override
    public String toString() {
        return "v" + index + " = " + expression();
    }

    private String v(int i) {
        return "v" + operands.get(i);
    }
}
