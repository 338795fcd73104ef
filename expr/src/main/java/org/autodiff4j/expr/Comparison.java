package org.autodiff4j.expr;

import org.autodiff4j.Real;

/**
 * A comparison operator of the expression language. It compares values through {@link Real#gt},
 * {@link Real#lt} and {@link Real#compareTo}, so that every number type sees the branch, and yields
 * 1 or 0 with derivative 0.
 *
 * <pre>{@code
 * Comparison.LT.test(Real.of(1), Real.of(2));   // true
 * Comparison.find("<=");                         // LE
 * }</pre>
 */
public enum Comparison {
    /** {@code x < y}. */
    LT("<"),
    /** {@code x <= y}. */
    LE("<="),
    /** {@code x > y}. */
    GT(">"),
    /** {@code x >= y}. */
    GE(">="),
    /** {@code x == y}. */
    EQ("=="),
    /** {@code x != y}. */
    NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written: {@code "<="}. */
    public String symbol() {
        return symbol;
    }

    /**
     * Whether {@code x symbol y} holds: {@code Comparison.GE.test(Real.of(2), Real.of(2))} is true.
     * NOTE: LE, GE, EQ and NE follow {@link Real#compareTo}, that is {@link Double#compare}, also for NaN.
     */
    public boolean test(Real x, Real y) {
        return switch (this) {
            case LT -> x.lt(y);
            case GT -> x.gt(y);
            case LE -> x.compareTo(y) <= 0;
            case GE -> x.compareTo(y) >= 0;
            case EQ -> x.compareTo(y) == 0;
            case NE -> x.compareTo(y) != 0;
        };
    }

    /** The comparison written {@code symbol}, or null: {@code Comparison.find("!=")} is NE. */
    public static Comparison find(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        return null;
    }
}
