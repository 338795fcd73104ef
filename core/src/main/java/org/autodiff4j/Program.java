package org.autodiff4j;

import java.util.Arrays;

/**
 * What a {@link Tape} needs, beyond values and partials, to replay a recording for new inputs:
 * the op of each node, the constants it used, and the comparisons the recorded code branched on
 * (guards). Kept only while recording for {@link AD#compile}.
 */
final class Program {

    static final byte INPUT = 0;
    static final byte UNARY = 1;
    static final byte BINARY = 2;
    /** op(x, c): a constant right operand. */
    static final byte CONSTANT_RIGHT = 3;
    /** op(c, y): a constant left operand. */
    static final byte CONSTANT_LEFT = 4;
    /** stopGradient(x): the value of a0, partial 0. */
    static final byte STOP = 5;
    /** straightThrough: the value of a1, partial 1 in a0. */
    static final byte STRAIGHT = 6;

    static final byte GT = 0;
    static final byte LT = 1;
    static final byte COMPARE = 2;

    byte[] kind = new byte[16];
    Op[] op = new Op[16];
    double[] constant = new double[16];

    int guards;
    byte[] guardKind = new byte[4];
    int[] guardLeft = new int[4];
    int[] guardRight = new int[4];
    double[] guardLeftConstant = new double[4];
    double[] guardRightConstant = new double[4];
    int[] guardOutcome = new int[4];

    /**
     * False once the recorded code read a value out of the tape ({@link Var#value()}) or used a
     * custom gradient: what it did with the value is not on the tape, so a replay could be wrong.
     */
    boolean replayable = true;

    void node(int index, byte k, Op o, double c) {
        if (index >= kind.length) {
            int n = Math.max(index + 1, 2 * kind.length);
            kind = Arrays.copyOf(kind, n);
            op = Arrays.copyOf(op, n);
            constant = Arrays.copyOf(constant, n);
        }
        kind[index] = k;
        op[index] = o;
        constant[index] = c;
    }

    /** A comparison of two tape indices (or constants, index 0) with its outcome. */
    void guard(byte k, int left, double leftConstant, int right, double rightConstant, int outcome) {
        if (guards == guardKind.length) {
            int n = 2 * guards;
            guardKind = Arrays.copyOf(guardKind, n);
            guardLeft = Arrays.copyOf(guardLeft, n);
            guardRight = Arrays.copyOf(guardRight, n);
            guardLeftConstant = Arrays.copyOf(guardLeftConstant, n);
            guardRightConstant = Arrays.copyOf(guardRightConstant, n);
            guardOutcome = Arrays.copyOf(guardOutcome, n);
        }
        guardKind[guards] = k;
        guardLeft[guards] = left;
        guardRight[guards] = right;
        guardLeftConstant[guards] = leftConstant;
        guardRightConstant[guards] = rightConstant;
        guardOutcome[guards] = outcome;
        guards++;
    }

    void clear() {
        guards = 0;
        replayable = true;
    }

    /** The outcome of comparison kind {@code k} on two values. */
    static int outcome(byte k, double a, double b) {
        return switch (k) {
            case GT -> a > b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            default -> Double.compare(a, b);
        };
    }
}
