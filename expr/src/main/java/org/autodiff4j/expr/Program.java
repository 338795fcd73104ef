package org.autodiff4j.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.autodiff4j.AD;
import org.autodiff4j.Real;

/**
 * A parsed formula as a Wengert list: the inputs first ({@code v0 = x}, one per variable in order of
 * first appearance), then one elementary operation per step ({@code v3 = v1*v2}), the last step
 * being the output. Identical subexpressions share one step.
 *
 * <p>A program evaluates under any {@link Real}, so every mode of the core applies to it:
 * <pre>{@code
 * Program p = Program.parse("x1*x2 + sin(x1)");
 * p.value(2, 3);                                  // 6.909297...
 * AD.grad(p::evaluate, 2, 3);                     // {2.583853..., 2}
 * p.forwardTrace("x1", 2, 3).toTable();           // primal and tangent per step
 * p.reverseTrace(2, 3).toTable();                 // adjoint per step, with each += contribution
 * }</pre>
 */
public final class Program {

    /**
     * The longest formula {@link #parse} accepts, in characters: 100,000. A longer one is a
     * {@link ParseException}.
     */
    public static final int MAX_LENGTH = 100_000;

    /**
     * The deepest nesting {@link #parse} accepts: 200 levels of parentheses, calls, signs and
     * exponents together ({@code sin((-x)^2)} has 4). Deeper is a {@link ParseException}, never a
     * {@link StackOverflowError}. Long flat formulas ({@code x + x + ... + x}) are not nested.
     */
    public static final int MAX_DEPTH = 200;

    private final List<String> variables;
    private final List<Step> steps;
    private final int output;

    Program(List<String> variables, List<Step> steps, int output) {
        this.variables = List.copyOf(variables);
        this.steps = List.copyOf(steps);
        this.output = output;
    }

    /**
     * Parses {@code formula} into its Wengert list. The language: numbers ({@code 2}, {@code 0.5},
     * {@code 1e-3}), variables ({@code x}, {@code x1}, {@code theta}), {@code + - * / ^} with
     * {@code ^} right-associative and binding tighter than unary minus ({@code -x^2} is
     * {@code -(x^2)}, {@code 2^-x} is {@code 2^(-x)}), calls of every {@link org.autodiff4j.Op} by its
     * symbol ({@code sin(x)}, {@code atan2(y, x)}, {@code max(a, b)}), the constants {@code pi} and
     * {@code e}, comparisons {@code < <= > >= == !=} (1 or 0, derivative 0) and
     * {@code if(cond, a, b)} (the branch taken where cond is not 0; the other gets an exact zero
     * derivative).
     *
     * <pre>{@code
     * Program.parse("-x^2 + atan2(y, x)");
     * Program.parse("if(x > 0, sqrt(x), 0)");
     * }</pre>
     *
     * @throws ParseException for an unknown function, a wrong number of arguments, an unbalanced
     *     parenthesis, a stray character, an empty input, or an input past {@link #MAX_LENGTH}
     *     characters or {@link #MAX_DEPTH} levels of nesting; it names the problem and its position
     */
    public static Program parse(String formula) {
        return Parser.parse(formula);
    }

    /** The variables in order of first appearance: {@code parse("y + x*y").variables()} is {@code [y, x]}. */
    public List<String> variables() {
        return variables;
    }

    /** The steps {@code v0..vn}, inputs first: {@code parse("x*x").steps()} is {@code [v0 = x, v1 = v0*v0]}. */
    public List<Step> steps() {
        return steps;
    }

    /** The index of the step whose value is the formula's value: the last one. */
    public int output() {
        return output;
    }

    /**
     * The number of steps {@code v0..vn}: the length of the tape reverse mode records for this
     * formula. {@code parse("x*sin(x)").length()} is 3 ({@code x}, {@code sin}, {@code *}).
     */
    public int length() {
        return steps.size();
    }

    /**
     * The formula's value for {@code inputs} (one per variable, in the order of {@link #variables()})
     * under any number type; {@code AD.grad(program::evaluate, 2, 3)} is its gradient.
     */
    public Real evaluate(Real... inputs) {
        return evaluateSteps(inputs)[output];
    }

    /** The formula's value at {@code x}: {@code parse("x*y").value(2, 3)} is 6. */
    public double value(double... x) {
        return evaluate(constants(x)).value();
    }

    /**
     * The formula's value with inputs by name; throws {@link IllegalArgumentException} naming the
     * missing variables (and names that are not variables of the formula).
     *
     * <pre>{@code
     * Program.parse("x*y").value(Map.of("x", 2.0, "y", 3.0));   // 6
     * }</pre>
     */
    public double value(Map<String, Double> inputs) {
        return value(point(inputs));
    }

    /**
     * The values of {@code inputs} in the order of {@link #variables()}, for the methods taking
     * {@code double... x}: {@code parse("y + x").point(Map.of("x", 1.0, "y", 2.0))} is {@code {2, 1}}.
     *
     * @throws IllegalArgumentException naming the variables without a value, or the names that are
     *     not variables of the formula
     */
    public double[] point(Map<String, Double> inputs) {
        return inputsByName(inputs);
    }

    /**
     * The gradient of the formula at {@code x} in reverse mode (the program evaluated on the core's
     * tape by {@link AD#grad}): one partial per variable. {@code parse("x*y").gradient(2, 3)} is
     * {@code {3, 2}}.
     */
    public double[] gradient(double... x) {
        checkArity(x.length);
        return AD.grad(this::evaluate, x);
    }

    /**
     * The Hessian of the formula at {@code x} (forward over reverse, by {@link AD#hessian}):
     * {@code parse("x^2*y").hessian(1, 3)} is {@code {{6, 2}, {2, 0}}}.
     */
    public double[][] hessian(double... x) {
        checkArity(x.length);
        return AD.hessian(this::evaluate, x);
    }

    /**
     * The forward-mode trace seeded on {@code variable}: per step the primal and the tangent.
     *
     * <pre>{@code
     * Program.parse("x1*x2 + sin(x1)").forwardTrace("x1", 2, 3).tangent();   // 2.583853...
     * }</pre>
     */
    public ForwardTrace forwardTrace(String variable, double... x) {
        int seed = variables.indexOf(variable);
        if (seed < 0) {
            throw new IllegalArgumentException("no variable '" + variable + "' in the formula; its variables are " + variables);
        }
        return ForwardTrace.of(this, seed, x);
    }

    /**
     * The reverse-mode trace at {@code x}: per step, last first, the adjoint and each {@code +=}
     * contribution it received.
     *
     * <pre>{@code
     * Program.parse("x*x + x").reverseTrace(3).gradient();   // {7}
     * }</pre>
     */
    public ReverseTrace reverseTrace(double... x) {
        return ReverseTrace.of(this, x);
    }

    /** The Wengert list, one step per line: {@code parse("x*x").listing()} is {@code "v0 = x\nv1 = v0*v0\n"}. */
    public String listing() {
        StringBuilder out = new StringBuilder();
        for (Step s : steps) {
            out.append(s).append('\n');
        }
        return out.toString();
    }

    /**
     * The formula, printed back with only the parentheses it needs, so that
     * {@code parse(p.toString()).equals(p)}: {@code parse("((x)*x) + -(y)")} prints as
     * {@code "x*x + -y"}. Shared steps are written out at each use, as in the input.
     * NOTE: the printed text has spaces around {@code +}, {@code -} and comparisons, so it may be
     * longer than a formula typed without them; one close to {@link #MAX_LENGTH} may not parse back.
     */
    @Override
    public String toString() {
        return Formula.print(Term.of(this)[output], Long.MAX_VALUE);
    }

    /** Programs are equal when they have the same variables and the same steps. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Program p && p.variables.equals(variables) && p.steps.equals(steps) && p.output == output;
    }

    @Override
    public int hashCode() {
        return Objects.hash(variables, steps, output);
    }

    /** The value of every step, inputs first. */
    Real[] evaluateSteps(Real[] inputs) {
        checkArity(inputs.length);
        Real[] v = new Real[steps.size()];
        for (Step s : steps) {
            List<Integer> a = s.operands();
            v[s.index()] = switch (s.kind()) {
                case INPUT -> Objects.requireNonNull(inputs[s.index()], "evaluate: input must not be null");
                case CONSTANT -> Real.of(s.constant());
                case OP -> a.size() == 1 ? v[a.get(0)].apply(s.op()) : v[a.get(0)].apply(s.op(), v[a.get(1)]);
                case COMPARE -> Real.of(s.comparison().test(v[a.get(0)], v[a.get(1)]) ? 1 : 0);
                // NOTE: a condition is true when it compares unequal to 0, through compareTo so that every number
                // type sees the branch; the branch not taken contributes an exact zero derivative.
                case IF -> AD.where(v[a.get(0)].compareTo(Real.of(0)) != 0, v[a.get(1)], v[a.get(2)]);
            };
        }
        return v;
    }

    /** The value of every step at {@code x}, as doubles. */
    double[] values(double... x) {
        Real[] v = evaluateSteps(constants(x));
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i].value();
        }
        return d;
    }

    private double[] inputsByName(Map<String, Double> inputs) {
        List<String> missing = new ArrayList<>();
        double[] x = new double[variables.size()];
        for (int i = 0; i < x.length; i++) {
            Double v = inputs.get(variables.get(i));
            if (v == null) {
                missing.add(variables.get(i));
            } else {
                x[i] = v;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing value" + (missing.size() == 1 ? "" : "s") + " for "
                    + String.join(", ", missing) + "; the formula's variables are " + variables);
        }
        // NOTE: an extra name is most likely a typo of a variable, so it is an error rather than ignored.
        List<String> unknown = inputs.keySet().stream().filter(k -> !variables.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not variables of the formula: " + String.join(", ", unknown)
                    + "; its variables are " + variables);
        }
        return x;
    }

    private void checkArity(int given) {
        if (given != variables.size()) {
            throw new IllegalArgumentException("the formula has " + variables.size() + " variable"
                    + (variables.size() == 1 ? "" : "s") + " " + variables + ", got " + given + " value" + (given == 1 ? "" : "s"));
        }
    }

    private static Real[] constants(double[] x) {
        Real[] r = new Real[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = Real.of(x[i]);
        }
        return r;
    }
}
