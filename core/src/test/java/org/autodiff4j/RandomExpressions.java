package org.autodiff4j;

import java.util.SplittableRandom;

/** Random expression trees over the whole registry, for property tests: seeded, so every failure replays. */
final class RandomExpressions {

    private RandomExpressions() {
    }

    /** A node of an expression tree, evaluable under any {@link Real}. */
    sealed interface Node {
        Real eval(Real[] x);
    }

    record Input(int i) implements Node {
        public Real eval(Real[] x) {
            return x[i];
        }

        @Override
        public String toString() {
            return "x" + i;
        }
    }

    record Literal(double c) implements Node {
        public Real eval(Real[] x) {
            return Real.of(c);
        }

        @Override
        public String toString() {
            return Double.toString(c);
        }
    }

    record Call(Op op, Node a, Node b) implements Node {
        public Real eval(Real[] x) {
            return op.arity() == 1 ? a.eval(x).apply(op) : a.eval(x).apply(op, b.eval(x));
        }

        @Override
        public String toString() {
            return op.symbol() + "(" + a + (b == null ? "" : ", " + b) + ")";
        }
    }

    /** A random tree of at most {@code depth} levels over inputs {@code x0 .. x(n-1)}. */
    static Node tree(SplittableRandom rng, int n, int depth) {
        if (depth == 0 || rng.nextInt(4) == 0) {
            return rng.nextInt(5) == 0 ? new Literal(Math.round(rng.nextDouble(-2, 2) * 8) / 8.0) : new Input(rng.nextInt(n));
        }
        Op op = Op.values()[rng.nextInt(Op.values().length)];
        Node a = tree(rng, n, depth - 1);
        return new Call(op, a, op.arity() == 2 ? tree(rng, n, depth - 1) : null);
    }

    /** A random point with coordinates in (-2, 2). */
    static double[] point(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-2, 2);
        }
        return x;
    }
}
