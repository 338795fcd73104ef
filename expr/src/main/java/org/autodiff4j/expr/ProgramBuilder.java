package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.autodiff4j.Op;

/**
 * Collects the steps of a {@link Program} while the parser walks the formula, sharing common
 * subexpressions: asking twice for the same op on the same operands returns the same step
 * (hash-consing), so {@code sin(x) + sin(x)} computes {@code sin(x)} once.
 */
final class ProgramBuilder {

    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> byExpression = new HashMap<>();

    /** The step holding variable {@code name}; its first use makes it an input. */
    int variable(String name) {
        return intern(Step.Kind.INPUT, name, 0, null, null, List.of());
    }

    /** The step holding the number {@code value}, spelled {@code name} ("pi") or by its value if null. */
    int constant(double value, String name) {
        return intern(Step.Kind.CONSTANT, name != null ? name : spell(value), value, null, null, List.of());
    }

    int op(Op op, int... operands) {
        return intern(Step.Kind.OP, null, 0, op, null, boxed(operands));
    }

    int compare(Comparison comparison, int x, int y) {
        return intern(Step.Kind.COMPARE, null, 0, null, comparison, List.of(x, y));
    }

    int branch(int cond, int then, int otherwise) {
        return intern(Step.Kind.IF, null, 0, null, null, List.of(cond, then, otherwise));
    }

    /**
     * The program with the inputs moved to the front in order of first appearance, then the other
     * steps in the order they were made (so every operand still comes before its use).
     */
    Program build(int output) {
        int[] renumber = new int[steps.size()];
        List<String> variables = new ArrayList<>();
        int next = 0;
        for (Step s : steps) {
            if (s.kind() == Step.Kind.INPUT) {
                renumber[s.index()] = next++;
                variables.add(s.name());
            }
        }
        List<Step> ordered = new ArrayList<>(steps.size());
        for (Step s : steps) {
            if (s.kind() == Step.Kind.INPUT) {
                ordered.add(s);
            }
        }
        for (Step s : steps) {
            if (s.kind() != Step.Kind.INPUT) {
                renumber[s.index()] = next++;
                ordered.add(s);
            }
        }
        List<Step> result = new ArrayList<>(ordered.size());
        for (Step s : ordered) {
            List<Integer> operands = s.operands().stream().map(i -> renumber[i]).toList();
            result.add(new Step(renumber[s.index()], s.kind(), s.name(), s.constant(), s.op(), s.comparison(), operands));
        }
        return new Program(variables, result, renumber[output]);
    }

    // NOTE: the printed right-hand side with provisional indices is an exact key: two steps print
    // alike exactly when they have the same kind, op and operands (constants print their exact value).
    private int intern(Step.Kind kind, String name, double constant, Op op, Comparison comparison, List<Integer> operands) {
        Step step = new Step(steps.size(), kind, name, constant, op, comparison, operands);
        Integer known = byExpression.putIfAbsent(step.expression(), step.index());
        if (known != null) {
            return known;
        }
        steps.add(step);
        return step.index();
    }

    /** {@code 2} rather than {@code 2.0} for whole numbers; otherwise the shortest exact decimal. */
    static String spell(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !(value == 0 && 1 / value < 0)) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static List<Integer> boxed(int[] operands) {
        List<Integer> list = new ArrayList<>(operands.length);
        for (int i : operands) {
            list.add(i);
        }
        return list;
    }
}
