package org.autodiff4j.expr;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.autodiff4j.Op;
import org.autodiff4j.Real;

/**
 * Naive symbolic differentiation, for comparison with automatic differentiation: a formula as an
 * expression tree, and its derivative as the tree a textbook differentiator builds by the sum,
 * product, quotient and chain rules, unsimplified ({@code d/dx x*x} is {@code 1*x + x*1}).
 *
 * <p>The point is expression swell: the derivative's tree copies its operands at every product and
 * every chain rule, so its {@link #size()} grows much faster than the formula, while reverse-mode AD
 * needs one pass over the {@link Program}'s {@link Program#length()} steps. For
 * {@code (x+1)*(x+2)*...*(x+n)} the program has about 3n steps and the derivative tree about
 * {@code 3n^2} nodes.
 *
 * <pre>{@code
 * Symbolic d = Symbolic.of(Program.parse("x*sin(x)")).derivative("x");
 * d.toString();   // "1*sin(x) + x*(cos(x)*1)"
 * d.size();       // 11
 * d.value(2.0);   // sin 2 + 2 cos 2 = 0.0770037537...
 * }</pre>
 *
 * <p>The tree is counted without sharing, as written out; in memory a repeated subtree is held once,
 * so building, sizing and evaluating cost time proportional to the formula's steps, not to
 * {@link #size()}. Printing costs the size: use {@link #toString(int)} for a bounded text.
 */
public final class Symbolic {

    private static final Term ZERO = Term.number(0);
    private static final Term ONE = Term.number(1);
    private static final Term TWO = Term.number(2);

    private final List<String> variables;
    private final Term root;

    private Symbolic(List<String> variables, Term root) {
        this.variables = List.copyOf(variables);
        this.root = root;
    }

    /**
     * The formula of {@code program} as an expression tree: shared steps are written out once per
     * use. {@code Symbolic.of(Program.parse("sin(x)*sin(x)")).size()} is 5.
     */
    public static Symbolic of(Program program) {
        return new Symbolic(program.variables(), Term.of(program)[program.output()]);
    }

    /** The variables, in the order of the program's inputs and of {@link #value(double...)}'s arguments. */
    public List<String> variables() {
        return variables;
    }

    /**
     * The number of nodes of the tree (variables, constants and operations), saturating at
     * {@link Long#MAX_VALUE}: {@code x*sin(x)} has 4.
     */
    public long size() {
        return root.size;
    }

    /**
     * The derivative in {@code variable}, by the textbook rules, unsimplified: {@code d/dx (u*v) =
     * du*v + u*dv}, {@code d/dx sin(u) = cos(u)*du}, and so on for every op of the registry; a
     * comparison has derivative 0 and {@code if(c, a, b)} has {@code if(c, da, db)}.
     *
     * <pre>{@code
     * Symbolic.of(Program.parse("x^2")).derivative("x").toString();   // "2*x^(2 - 1)*1"
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code variable} is not one of {@link #variables()}
     */
    public Symbolic derivative(String variable) {
        if (!variables.contains(variable)) {
            throw new IllegalArgumentException("no variable '" + variable + "' in the formula; its variables are " + variables);
        }
        Map<Term, Term> d = new IdentityHashMap<>();
        for (Term t : Term.postOrder(root)) {
            d.put(t, derivative(t, variable, d));
        }
        return new Symbolic(variables, d.get(root));
    }

    /**
     * The value of the tree at {@code x} (one value per variable, in the order of
     * {@link #variables()}), computed by plain double arithmetic with the registry's values.
     * NOTE: no zero rule here, unlike AD: {@code 0*inf} is NaN, as a textbook derivative evaluated
     * naively gives ({@code 0*sqrt(x)} has derivative {@code 0*sqrt(x) + 0*(1/(2*sqrt(x))*1)}, NaN
     * at 0 here, 0 in AD).
     *
     * @throws IllegalArgumentException if {@code x} does not hold one value per variable
     */
    public double value(double... x) {
        if (x.length != variables.size()) {
            throw new IllegalArgumentException("the formula has " + variables.size() + " variables " + variables
                    + ", got " + x.length + " values");
        }
        Map<Term, Double> v = new IdentityHashMap<>();
        for (Term t : Term.postOrder(root)) {
            v.put(t, value(t, x, v));
        }
        return v.get(root);
    }

    /** The tree as a formula that {@link Program#parse} reads back: {@code "1*sin(x) + x*(cos(x)*1)"}. */
    @Override
    public String toString() {
        return Formula.print(root, Long.MAX_VALUE);
    }

    /** {@link #toString()} cut after {@code maxLength} characters and then ending in {@code "..."}. */
    public String toString(int maxLength) {
        return Formula.print(root, maxLength);
    }

    private double value(Term t, double[] x, Map<Term, Double> v) {
        return switch (t.kind) {
            case INPUT -> x[variables.indexOf(t.name)];
            case CONSTANT -> t.constant;
            case OP -> t.args.length == 1 ? t.op.value(v.get(t.args[0])) : t.op.value(v.get(t.args[0]), v.get(t.args[1]));
            case COMPARE -> t.comparison.test(Real.of(v.get(t.args[0])), Real.of(v.get(t.args[1]))) ? 1 : 0;
            // NOTE: the same truth test as Program: a condition holds when it is not 0.
            case IF -> Double.compare(v.get(t.args[0]), 0) != 0 ? v.get(t.args[1]) : v.get(t.args[2]);
        };
    }

    /** The derivative of node {@code t}, given the derivatives {@code d} of its arguments. */
    private static Term derivative(Term t, String variable, Map<Term, Term> d) {
        return switch (t.kind) {
            case INPUT -> t.name.equals(variable) ? ONE : ZERO;
            case CONSTANT, COMPARE -> ZERO;
            case IF -> Term.branch(t.args[0], d.get(t.args[1]), d.get(t.args[2]));
            case OP -> t.args.length == 1
                    ? unary(t.op, t.args[0], d.get(t.args[0]))
                    : binary(t.op, t.args[0], t.args[1], d.get(t.args[0]), d.get(t.args[1]));
        };
    }

    // NOTE: switches without default, so that a new op of the registry does not compile until it has a rule here.
    private static Term unary(Op op, Term u, Term du) {
        Term outer = switch (op) {
            case NEG -> null;
            case SIN -> call(Op.COS, u);
            case COS -> neg(call(Op.SIN, u));
            case TAN -> add(ONE, pow(call(Op.TAN, u), TWO));
            case ASIN -> div(ONE, call(Op.SQRT, sub(ONE, pow(u, TWO))));
            case ACOS -> neg(div(ONE, call(Op.SQRT, sub(ONE, pow(u, TWO)))));
            case ATAN -> div(ONE, add(ONE, pow(u, TWO)));
            case SINH -> call(Op.COSH, u);
            case COSH -> call(Op.SINH, u);
            case TANH -> sub(ONE, pow(call(Op.TANH, u), TWO));
            case EXP, EXPM1 -> call(Op.EXP, u);
            case LOG -> div(ONE, u);
            case LOG1P -> div(ONE, add(ONE, u));
            case LOG2 -> div(ONE, mul(u, call(Op.LOG, TWO)));
            case LOG10 -> div(ONE, mul(u, call(Op.LOG, Term.number(10))));
            case SQRT -> div(ONE, mul(TWO, call(Op.SQRT, u)));
            case CBRT -> div(ONE, mul(Term.number(3), pow(call(Op.CBRT, u), TWO)));
            case ABS -> call(Op.SIGN, u);
            case SIGN, FLOOR, CEIL, ROUND -> ZERO;
            case RELU -> Term.compare(Comparison.GT, u, ZERO);
            case SIGMOID -> mul(call(Op.SIGMOID, u), sub(ONE, call(Op.SIGMOID, u)));
            case SOFTPLUS -> call(Op.SIGMOID, u);
            case ERF -> mul(div(TWO, call(Op.SQRT, Term.constant(Math.PI, "pi"))), call(Op.EXP, neg(pow(u, TWO))));
            case ADD, SUB, MUL, DIV, POW, ATAN2, HYPOT, MAX, MIN -> throw new IllegalArgumentException(op.symbol() + " is binary");
        };
        // The chain rule: f'(u) * du.
        return op == Op.NEG ? neg(du) : mul(outer, du);
    }

    private static Term binary(Op op, Term u, Term v, Term du, Term dv) {
        return switch (op) {
            case ADD -> add(du, dv);
            case SUB -> sub(du, dv);
            case MUL -> add(mul(du, v), mul(u, dv));
            case DIV -> div(sub(mul(du, v), mul(u, dv)), pow(v, TWO));
            // NOTE: the power rule when the exponent is constant, the exponential rule when the base is,
            // and the general rule u^v (v' ln u + v u'/u) otherwise: what a textbook does by cases.
            case POW -> !v.hasVariables ? mul(mul(v, pow(u, sub(v, ONE))), du)
                    : !u.hasVariables ? mul(mul(pow(u, v), call(Op.LOG, u)), dv)
                    : mul(pow(u, v), add(mul(dv, call(Op.LOG, u)), div(mul(v, du), u)));
            // atan2(u, v) is the angle of (v, u): d = (v du - u dv) / (u^2 + v^2).
            case ATAN2 -> div(sub(mul(v, du), mul(u, dv)), add(pow(u, TWO), pow(v, TWO)));
            case HYPOT -> div(add(mul(u, du), mul(v, dv)), call(Op.HYPOT, u, v));
            // NOTE: the registry's tie rule (half each), so that the symbolic value agrees with AD at ties.
            case MAX -> Term.branch(Term.compare(Comparison.GT, u, v), du,
                    Term.branch(Term.compare(Comparison.LT, u, v), dv, div(add(du, dv), TWO)));
            case MIN -> Term.branch(Term.compare(Comparison.LT, u, v), du,
                    Term.branch(Term.compare(Comparison.GT, u, v), dv, div(add(du, dv), TWO)));
            case NEG, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, EXP, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT,
                 CBRT, ABS, SIGN, FLOOR, CEIL, ROUND, RELU, SIGMOID, SOFTPLUS, ERF ->
                    throw new IllegalArgumentException(op.symbol() + " is unary");
        };
    }

    private static Term call(Op op, Term... args) {
        return Term.apply(op, args);
    }

    private static Term add(Term x, Term y) {
        return Term.apply(Op.ADD, x, y);
    }

    private static Term sub(Term x, Term y) {
        return Term.apply(Op.SUB, x, y);
    }

    private static Term mul(Term x, Term y) {
        return Term.apply(Op.MUL, x, y);
    }

    private static Term div(Term x, Term y) {
        return Term.apply(Op.DIV, x, y);
    }

    private static Term pow(Term x, Term y) {
        return Term.apply(Op.POW, x, y);
    }

    private static Term neg(Term x) {
        return Term.apply(Op.NEG, x);
    }
}
