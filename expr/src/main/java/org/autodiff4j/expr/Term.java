package org.autodiff4j.expr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.autodiff4j.Op;

/**
 * A node of an expression tree: what {@link Symbolic} differentiates and {@link Formula} prints.
 *
 * <p>A term stands for the whole tree below it, counted without sharing ({@link #size}), but a
 * subtree used twice is held once in memory: terms are immutable, so sharing is invisible except
 * in memory and time. That is what lets a derivative whose tree has 10^9 nodes be built, sized and
 * evaluated in time proportional to the distinct nodes.
 */
final class Term {

    final Step.Kind kind;
    /** The variable's name (INPUT) or the constant's spelling (CONSTANT: {@code "2"}, {@code "pi"}); else null. */
    final String name;
    final double constant;
    final Op op;
    final Comparison comparison;
    final Term[] args;
    /** The number of nodes of the tree, saturating at {@link Long#MAX_VALUE}. */
    final long size;
    /** Whether a variable occurs in the tree. */
    final boolean hasVariables;

    private Term(Step.Kind kind, String name, double constant, Op op, Comparison comparison, Term... args) {
        this.kind = kind;
        this.name = name;
        this.constant = constant;
        this.op = op;
        this.comparison = comparison;
        this.args = args;
        long n = 1;
        boolean variables = kind == Step.Kind.INPUT;
        for (Term a : args) {
            n = saturatedAdd(n, a.size);
            variables |= a.hasVariables;
        }
        this.size = n;
        this.hasVariables = variables;
    }

    static Term variable(String name) {
        return new Term(Step.Kind.INPUT, name, 0, null, null);
    }

    /** The number {@code c}, spelled as the parser reads it back ({@code 2}, {@code 0.5}). */
    static Term number(double c) {
        return new Term(Step.Kind.CONSTANT, ProgramBuilder.spell(c), c, null, null);
    }

    static Term constant(double c, String spelling) {
        return new Term(Step.Kind.CONSTANT, spelling, c, null, null);
    }

    static Term apply(Op op, Term... args) {
        if (args.length != op.arity()) {
            throw new IllegalArgumentException(op.symbol() + " takes " + op.arity() + " arguments, got " + args.length);
        }
        return new Term(Step.Kind.OP, null, 0, op, null, args);
    }

    static Term compare(Comparison c, Term x, Term y) {
        return new Term(Step.Kind.COMPARE, null, 0, null, c, x, y);
    }

    static Term branch(Term cond, Term then, Term otherwise) {
        return new Term(Step.Kind.IF, null, 0, null, null, cond, then, otherwise);
    }

    /** The trees of every step of {@code program}, sharing the steps' common subexpressions in memory. */
    static Term[] of(Program program) {
        List<Step> steps = program.steps();
        Term[] t = new Term[steps.size()];
        for (Step s : steps) {
            List<Integer> a = s.operands();
            t[s.index()] = switch (s.kind()) {
                case INPUT -> variable(s.name());
                case CONSTANT -> constant(s.constant(), s.name());
                case OP -> a.size() == 1 ? apply(s.op(), t[a.get(0)]) : apply(s.op(), t[a.get(0)], t[a.get(1)]);
                case COMPARE -> compare(s.comparison(), t[a.get(0)], t[a.get(1)]);
                case IF -> branch(t[a.get(0)], t[a.get(1)], t[a.get(2)]);
            };
        }
        return t;
    }

    /**
     * The distinct nodes under {@code root}, each after its arguments (so a loop over the list can
     * compute anything bottom-up). Iterative: trees thousands of levels deep do not overflow the stack.
     */
    static List<Term> postOrder(Term root) {
        List<Term> order = new ArrayList<>();
        Set<Term> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Term> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            Term t = stack.peek();
            int i = next.pop();
            if (i < t.args.length) {
                next.push(i + 1);
                Term child = t.args[i];
                if (seen.add(child)) {
                    stack.push(child);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
