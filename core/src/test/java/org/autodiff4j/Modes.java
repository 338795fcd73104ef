package org.autodiff4j;

import java.util.List;

/**
 * The ways the tests apply one op to numbers: each number type, with both arguments variable and
 * with one of them a constant. Each gives the op's value and its partials, to be compared with the
 * plain double computation and with finite differences.
 */
final class Modes {

    private Modes() {
    }

    /** Applies {@code op} at {@code args}, returning {@code {value, partial_0, (partial_1)}}. */
    interface Mode {
        String name();

        double[] apply(Op op, double[] args);
    }

    static final Mode DUAL = mode("Dual", (op, a) -> {
        if (op.arity() == 1) {
            Dual y = (Dual) Dual.variable(a[0]).apply(op);
            return new double[] {y.value(), y.tangent()};
        }
        Dual fx = (Dual) Dual.of(a[0], 1).apply(op, Dual.of(a[1], 0));
        Dual fy = (Dual) Dual.of(a[0], 0).apply(op, Dual.of(a[1], 1));
        return new double[] {fx.value(), fx.tangent(), fy.tangent()};
    });

    /** Dual with the other argument a {@link Real#of} constant: the constant-left and constant-right paths. */
    static final Mode DUAL_CONSTANT = mode("Dual with a constant", (op, a) -> {
        if (op.arity() == 1) {
            return DUAL.apply(op, a);
        }
        Dual fx = (Dual) Dual.variable(a[0]).apply(op, Real.of(a[1]));
        Dual fy = (Dual) Real.of(a[0]).apply(op, Dual.variable(a[1]));
        return new double[] {fx.value(), fx.tangent(), fy.tangent()};
    });

    static final Mode DUAL_VEC = mode("DualVec", (op, a) -> {
        int k = a.length;
        DualVec x = DualVec.variable(a[0], k, 0);
        DualVec y = op.arity() == 1 ? (DualVec) x.apply(op) : (DualVec) x.apply(op, DualVec.variable(a[1], k, 1));
        return op.arity() == 1
                ? new double[] {y.value(), y.tangent(0)}
                : new double[] {y.value(), y.tangent(0), y.tangent(1)};
    });

    static final Mode DUAL_VEC_CONSTANT = mode("DualVec with a constant", (op, a) -> {
        if (op.arity() == 1) {
            return DUAL_VEC.apply(op, a);
        }
        DualVec fx = (DualVec) DualVec.variable(a[0], 3, 1).apply(op, Real.of(a[1]));
        DualVec fy = (DualVec) Real.of(a[0]).apply(op, DualVec.variable(a[1], 3, 2));
        return new double[] {fx.value(), fx.tangent(1), fy.tangent(2)};
    });

    static final Mode VAR = mode("Var", (op, a) -> {
        try (Tape tape = new Tape()) {
            Var[] x = tape.variables(a);
            Var y = (Var) (op.arity() == 1 ? x[0].apply(op) : x[0].apply(op, x[1]));
            tape.backward(y);
            return op.arity() == 1
                    ? new double[] {y.value(), x[0].grad()}
                    : new double[] {y.value(), x[0].grad(), x[1].grad()};
        }
    });

    static final Mode VAR_CONSTANT = mode("Var with a constant", (op, a) -> {
        if (op.arity() == 1) {
            return VAR.apply(op, a);
        }
        try (Tape tape = new Tape()) {
            Var x = tape.variable(a[0]);
            Var y = tape.variable(a[1]);
            Var fx = (Var) x.apply(op, Real.of(a[1]));
            Var fy = (Var) Real.of(a[0]).apply(op, y);
            tape.backward(fx);
            double dx = x.grad();
            tape.backward(fy);
            return new double[] {fx.value(), dx, y.grad()};
        }
    });

    static final List<Mode> ALL = List.of(DUAL, DUAL_CONSTANT, DUAL_VEC, DUAL_VEC_CONSTANT, VAR, VAR_CONSTANT);

    /** The op's value on doubles. */
    static double plain(Op op, double[] a) {
        return op.arity() == 1 ? op.value(a[0]) : op.value(a[0], a[1]);
    }

    /** The op as a function of Reals. */
    static ScalarFn fn(Op op) {
        return x -> op.arity() == 1 ? x[0].apply(op) : x[0].apply(op, x[1]);
    }

    private static Mode mode(String name, java.util.function.BiFunction<Op, double[], double[]> f) {
        return new Mode() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double[] apply(Op op, double[] args) {
                return f.apply(op, args);
            }
        };
    }
}
