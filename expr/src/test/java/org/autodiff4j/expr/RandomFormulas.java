package org.autodiff4j.expr;

import java.util.List;
import java.util.Random;

import org.autodiff4j.Op;

/**
 * Random formulas for the property and fuzz tests: every op of the registry (by call and, for
 * arithmetic, by operator), comparisons, {@code if}, {@code pi}, {@code e}, signs, numbers in
 * several spellings, redundant parentheses and random spacing. Seeded, so every run is the same.
 */
final class RandomFormulas {

    static final List<String> VARIABLES = List.of("x", "y", "z1", "theta");

    private final Random random;

    RandomFormulas(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A formula of at most {@code depth} levels. */
    String formula(int depth) {
        StringBuilder out = new StringBuilder();
        write(out, depth);
        return out.toString();
    }

    /** A point with one value per variable of {@code p}, in [0.1, 2]: inside most ops' domains. */
    double[] point(Program p) {
        double[] x = new double[p.variables().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 + 1.9 * random.nextDouble();
        }
        return x;
    }

    private void write(StringBuilder out, int depth) {
        if (depth == 0 || random.nextInt(5) == 0) {
            leaf(out);
            return;
        }
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                String[] infix = {"+", "-", "*", "/", "^"};
                String o = infix[random.nextInt(infix.length)];
                // Sometimes a redundant pair of parentheses, which the printed form drops.
                int parens = random.nextInt(4) == 0 ? 2 : 1;
                out.append("(".repeat(parens));
                write(out, depth - 1);
                out.append(space()).append(o).append(space());
                // NOTE: small exponents keep x^y^z finite often enough to test something.
                if (o.equals("^")) {
                    out.append(random.nextBoolean() ? "2" : "(");
                    if (out.charAt(out.length() - 1) == '(') {
                        write(out, Math.min(depth - 1, 1));
                        out.append(')');
                    }
                } else {
                    write(out, depth - 1);
                }
                out.append(")".repeat(parens));
            }
            case 3 -> {
                out.append(random.nextBoolean() ? "-" : "+").append(space());
                write(out, depth - 1);
            }
            case 4 -> {
                String[] comparisons = {"<", "<=", ">", ">=", "==", "!="};
                out.append("if(");
                write(out, depth - 1);
                out.append(space()).append(comparisons[random.nextInt(comparisons.length)]).append(space());
                write(out, depth - 1);
                out.append(",").append(space());
                write(out, depth - 1);
                out.append(",").append(space());
                write(out, depth - 1);
                out.append(')');
            }
            default -> {
                Op op = Op.values()[random.nextInt(Op.values().length)];
                out.append(op.symbol()).append('(');
                write(out, depth - 1);
                if (op.arity() == 2) {
                    out.append(',').append(space());
                    write(out, depth - 1);
                }
                out.append(')');
            }
        }
    }

    private void leaf(StringBuilder out) {
        switch (random.nextInt(8)) {
            case 0 -> out.append(random.nextBoolean() ? "pi" : "e");
            case 1 -> out.append(random.nextInt(10));
            case 2 -> out.append(String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 3));
            case 3 -> out.append(random.nextInt(9) + 1).append("e-").append(random.nextInt(3));
            default -> out.append(VARIABLES.get(random.nextInt(VARIABLES.size())));
        }
    }

    private String space() {
        return random.nextInt(3) == 0 ? "" : " ";
    }
}
