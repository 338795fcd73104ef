package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The sample cases of the registry sweep: every {@link Unary} and {@link Binary} constant over a
 * table of shapes (broadcast pairs, scalars, size-0 and size-1 dimensions), and for the other kinds
 * of primitive a few parameterized applications. {@link PrimitiveRegistryTest} checks that every
 * permitted subclass of {@link Primitive} has a case here.
 */
final class PrimitiveCases {

    /** One application of a primitive to sampled F64 inputs. */
    record Case(String name, Primitive primitive, Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(name);
            for (Tensor x : inputs) {
                sb.append(' ').append(x.shape());
            }
            return sb.toString();
        }
    }

    private static final int[][] UNARY_SHAPES = {{}, {3}, {2, 3}, {0, 3}, {1, 4}};
    private static final int[][][] BINARY_SHAPES = {
        {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{}, {2, 2}}, {{0, 3}, {1, 3}}, {{1}, {1}}, {{3, 1, 2}, {2}},
    };

    private PrimitiveCases() {
    }

    static List<Case> all(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Case> cases = new ArrayList<>();
        for (Unary u : Unary.values()) {
            for (int[] s : UNARY_SHAPES) {
                cases.add(new Case(u.toString(), u, x -> u.apply(x.get(0)), List.of(sample(rng, u.domain, s))));
            }
        }
        for (Binary b : Binary.values()) {
            for (int[][] s : BINARY_SHAPES) {
                cases.add(new Case(b.toString(), b, x -> b.apply(x.get(0), x.get(1)),
                        List.of(sample(rng, b.xDomain, s[0]), sample(rng, b.yDomain, s[1]))));
                cases.add(new Case(b + " (swapped)", b, x -> b.apply(x.get(0), x.get(1)),
                        List.of(sample(rng, b.xDomain, s[1]), sample(rng, b.yDomain, s[0]))));
            }
        }
        for (Reduce.Reduction kind : Reduce.Reduction.values()) {
            reduce(cases, rng, kind, new int[] {2, 3}, new int[] {1}, false);
            reduce(cases, rng, kind, new int[] {2, 3, 2}, new int[] {0, 2}, true);
            reduce(cases, rng, kind, new int[] {4}, new int[] {0}, false);
            reduce(cases, rng, kind, new int[] {2, 3}, new int[] {0, 1}, false);
            reduce(cases, rng, kind, new int[] {0, 3}, new int[] {1}, true);
            reduce(cases, rng, kind, new int[] {1, 3}, new int[] {0}, false);
            if (kind == Reduce.Reduction.SUM) {
                reduce(cases, rng, kind, new int[] {3, 0}, new int[] {1}, false);
            }
        }
        int[][][] matmul = {
            {{2, 3}, {3, 4}}, {{1, 3}, {3, 1}}, {{2, 0}, {0, 3}}, {{0, 3}, {3, 2}}, {{2, 2, 3}, {3, 2}},
            {{2, 1, 2, 3}, {3, 3, 2}}, {{1, 1}, {2, 1, 1}},
        };
        for (int[][] s : matmul) {
            cases.add(new Case("matmul", MatMul.MATMUL, x -> MatMul.MATMUL.apply(x.get(0), x.get(1)),
                    List.of(sample(rng, Domain.of(-2, 2), s[0]), sample(rng, Domain.of(-2, 2), s[1]))));
        }
        int[][][] where = {{{2, 3}, {2, 3}, {2, 3}}, {{2, 3}, {3}, {2, 1}}, {{3}, {2, 3}, {}}, {{0, 2}, {2}, {1, 2}}};
        for (int[][] s : where) {
            Tensor mask = sample(rng, Domain.of(-1, 1), s[0]).gt(0);
            cases.add(new Case("where", Where.WHERE, x -> Where.WHERE.apply(mask, x.get(0), x.get(1)),
                    List.of(sample(rng, Domain.of(-2, 2), s[1]), sample(rng, Domain.of(-2, 2), s[2]))));
        }
        unary(cases, rng, new Views.Reshape(Shape.of(3, 2)), new int[] {2, 3}, false);
        unary(cases, rng, new Views.Reshape(Shape.of(6)), new int[] {2, 3}, true);
        unary(cases, rng, new Views.Reshape(Shape.of(0, 2)), new int[] {2, 0}, false);
        unary(cases, rng, new Views.Permute(new int[] {2, 0, 1}), new int[] {2, 3, 2}, false);
        unary(cases, rng, new Views.Expand(Shape.of(2, 3, 4)), new int[] {3, 1}, false);
        unary(cases, rng, new Views.Expand(Shape.of(2, 2)), new int[] {}, false);
        unary(cases, rng, new Views.Expand(Shape.of(3, 0)), new int[] {1, 0}, false);
        unary(cases, rng, new Views.Slice(0, 1, 5, 2), new int[] {5, 3}, false);
        unary(cases, rng, new Views.Slice(0, 1, 3, 1), new int[] {3, 2}, true);
        unary(cases, rng, new Views.Slice(0, 2, 2, 1), new int[] {4}, false);
        unary(cases, rng, new Views.SliceScatter(Shape.of(5, 3), 0, 1, 2), new int[] {2, 3}, false);
        unary(cases, rng, new Views.SliceScatter(Shape.of(2, 4), 1, 0, 3), new int[] {2, 2}, true);
        unary(cases, rng, Contiguous.CONTIGUOUS, new int[] {2, 3}, true);
        unary(cases, rng, new Cast(DType.F64), new int[] {2, 2}, false);
        MorePrimitiveCases.addTo(cases, rng);
        return cases;
    }

    private static void reduce(List<Case> cases, SplittableRandom rng, Reduce.Reduction kind, int[] shape,
                               int[] axes, boolean keepDims) {
        Reduce r = new Reduce(kind, axes, keepDims);
        // Max and min are checked away from ties: distinct values, at least 0.4 apart.
        Tensor x = kind == Reduce.Reduction.SUM ? sample(rng, Domain.of(-2, 2), shape) : distinct(rng, shape);
        cases.add(new Case(r.toString(), r, in -> r.apply(in.get(0)), List.of(x)));
    }

    /** A case applying {@code p} to one input, or to its transpose (a non-contiguous view) when {@code transposed}. */
    private static void unary(List<Case> cases, SplittableRandom rng, Primitive p, int[] shape, boolean transposed) {
        int[] leafShape = shape.clone();
        if (transposed) {
            leafShape[0] = shape[1];
            leafShape[1] = shape[0];
        }
        Function<List<Tensor>, Tensor> f = transposed
                ? x -> p.apply(x.get(0).transpose(0, 1))
                : x -> p.apply(x.get(0));
        cases.add(new Case(p + (transposed ? " of a transpose" : ""), p, f,
                List.of(sample(rng, Domain.of(-2, 2), leafShape))));
    }

    static Tensor sample(SplittableRandom rng, Domain domain, int[] shape) {
        Shape s = Shape.of(shape);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = domain.sample(rng);
        }
        return Tensor.of(v, shape);
    }

    private static Tensor distinct(SplittableRandom rng, int[] shape) {
        Shape s = Shape.of(shape);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5 * i - 1 + 0.1 * rng.nextDouble();
        }
        for (int i = v.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape);
    }
}
