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
    /** The case of {@link #replay}'s switch for each node: one of the common ops below, or {@link #OTHER}. */
    byte[] code = new byte[16];
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
            code = Arrays.copyOf(code, n);
            op = Arrays.copyOf(op, n);
            constant = Arrays.copyOf(constant, n);
        }
        kind[index] = k;
        code[index] = code(k, o);
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

    /**
     * Re-evaluates the program on the tape arrays for new inputs: values and partials in place, no
     * allocation. False if a recorded comparison would now go the other way.
     */
    boolean replay(double[] x, int size, double[] val, int[] a0, int[] a1, double[] d0, double[] d1) {
        if (!replayable) {
            return false;
        }
        int input = 0;
        for (int i = 1; i < size; i++) {
            // NOTE: the common ops are called on their constants, which the JIT inlines; through the
            // shared op[i] the calls are megamorphic and cost more than the arithmetic
            switch (code[i]) {
                case C_INPUT -> val[i] = x[input++];
                case C_EXP -> {
                    double a = val[a0[i]];
                    double f = Op.EXP.value(a);
                    val[i] = f;
                    d0[i] = Op.EXP.d(a, f);
                }
                case C_LOG -> {
                    double a = val[a0[i]];
                    double f = Op.LOG.value(a);
                    val[i] = f;
                    d0[i] = Op.LOG.d(a, f);
                }
                case C_SIN -> {
                    double a = val[a0[i]];
                    double f = Op.SIN.value(a);
                    val[i] = f;
                    d0[i] = Op.SIN.d(a, f);
                }
                case C_COS -> {
                    double a = val[a0[i]];
                    double f = Op.COS.value(a);
                    val[i] = f;
                    d0[i] = Op.COS.d(a, f);
                }
                case C_TANH -> {
                    double a = val[a0[i]];
                    double f = Op.TANH.value(a);
                    val[i] = f;
                    d0[i] = Op.TANH.d(a, f);
                }
                case C_SQRT -> {
                    double a = val[a0[i]];
                    double f = Op.SQRT.value(a);
                    val[i] = f;
                    d0[i] = Op.SQRT.d(a, f);
                }
                case C_NEG -> val[i] = Op.NEG.value(val[a0[i]]);
                case C_ADD -> val[i] = Op.ADD.value(val[a0[i]], val[a1[i]]);
                case C_SUB -> val[i] = Op.SUB.value(val[a0[i]], val[a1[i]]);
                case C_MUL -> {
                    double a = val[a0[i]];
                    double b = val[a1[i]];
                    double f = Op.MUL.value(a, b);
                    val[i] = f;
                    d0[i] = Op.MUL.dx(a, b, f);
                    d1[i] = Op.MUL.dy(a, b, f);
                }
                case C_DIV -> {
                    double a = val[a0[i]];
                    double b = val[a1[i]];
                    double f = Op.DIV.value(a, b);
                    val[i] = f;
                    d0[i] = Op.DIV.dx(a, b, f);
                    d1[i] = Op.DIV.dy(a, b, f);
                }
                case C_ADD_CONSTANT -> val[i] = Op.ADD.value(val[a0[i]], constant[i]);
                case C_SUB_CONSTANT -> val[i] = Op.SUB.value(val[a0[i]], constant[i]);
                case C_MUL_CONSTANT -> val[i] = Op.MUL.value(val[a0[i]], constant[i]);
                default -> other(i, val, a0, a1, d0, d1);
            }
        }
        for (int g = 0; g < guards; g++) {
            double a = guardLeft[g] == 0 ? guardLeftConstant[g] : val[guardLeft[g]];
            double b = guardRight[g] == 0 ? guardRightConstant[g] : val[guardRight[g]];
            if (outcome(guardKind[g], a, b) != guardOutcome[g]) {
                return false;
            }
        }
        return true;
    }

    static final byte OTHER = 0;
    static final byte C_INPUT = 1;
    static final byte C_EXP = 2;
    static final byte C_LOG = 3;
    static final byte C_SIN = 4;
    static final byte C_COS = 5;
    static final byte C_TANH = 6;
    static final byte C_SQRT = 7;
    static final byte C_NEG = 8;
    static final byte C_ADD = 9;
    static final byte C_SUB = 10;
    static final byte C_MUL = 11;
    static final byte C_DIV = 12;
    static final byte C_ADD_CONSTANT = 13;
    static final byte C_SUB_CONSTANT = 14;
    static final byte C_MUL_CONSTANT = 15;

    /**
     * The switch case of a node of kind k applying o. NOTE: the cases of negation, addition,
     * subtraction and multiplication by a constant write no partial: theirs (-1, 1, -1, the
     * constant) do not depend on the inputs and stay as recorded.
     */
    private static byte code(byte k, Op o) {
        return switch (k) {
            case INPUT -> C_INPUT;
            case UNARY -> switch (o) {
                case EXP -> C_EXP;
                case LOG -> C_LOG;
                case SIN -> C_SIN;
                case COS -> C_COS;
                case TANH -> C_TANH;
                case SQRT -> C_SQRT;
                case NEG -> C_NEG;
                default -> OTHER;
            };
            case BINARY -> switch (o) {
                case ADD -> C_ADD;
                case SUB -> C_SUB;
                case MUL -> C_MUL;
                case DIV -> C_DIV;
                default -> OTHER;
            };
            case CONSTANT_RIGHT -> switch (o) {
                case ADD -> C_ADD_CONSTANT;
                case SUB -> C_SUB_CONSTANT;
                case MUL -> C_MUL_CONSTANT;
                default -> OTHER;
            };
            default -> OTHER;
        };
    }

    /** A node of a kind or op without a case of its own in {@link #replay}. */
    private void other(int i, double[] val, int[] a0, int[] a1, double[] d0, double[] d1) {
        byte k = kind[i];
        if (k == STOP) {
            val[i] = val[a0[i]];
        } else if (k == STRAIGHT) {
            val[i] = val[a1[i]];
        } else {
            node(op[i], k, i, val, a0, a1, d0, d1);
        }
    }

    /** Re-evaluates node i, an application of {@code op}, from its arguments' new values. */
    private void node(Op op, byte k, int i, double[] val, int[] a0, int[] a1, double[] d0, double[] d1) {
        switch (k) {
            case UNARY -> {
                double a = val[a0[i]];
                double f = op.value(a);
                val[i] = f;
                d0[i] = op.d(a, f);
            }
            case BINARY -> {
                double a = val[a0[i]];
                double b = val[a1[i]];
                double f = op.value(a, b);
                val[i] = f;
                d0[i] = op.dx(a, b, f);
                d1[i] = op.dy(a, b, f);
            }
            case CONSTANT_RIGHT -> {
                double a = val[a0[i]];
                double c = constant[i];
                double f = op.value(a, c);
                val[i] = f;
                d0[i] = op.dx(a, c, f);
            }
            case CONSTANT_LEFT -> {
                double b = val[a0[i]];
                double c = constant[i];
                double f = op.value(c, b);
                val[i] = f;
                d0[i] = op.dy(c, b, f);
            }
            default -> throw new AssertionError("not an op node: kind " + k);
        }
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
