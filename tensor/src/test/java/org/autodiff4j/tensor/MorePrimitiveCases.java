package org.autodiff4j.tensor;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Sample cases for the indexing, joining, sliding-window and linear-algebra primitives (and checkpoint), added to
 * {@link PrimitiveCases#all} so the registry sweep gradchecks, gradgradchecks and compares F32 with
 * F64 for them too.
 */
final class MorePrimitiveCases {

    private MorePrimitiveCases() {
    }

    static void addTo(List<PrimitiveCases.Case> cases, SplittableRandom rng) {
        Tensor rows = Tensor.of(new double[] {1, 3}, new double[] {0, 0}, new double[] {3, 2});
        gather(cases, rng, 1, rows, 3, 4);
        gather(cases, rng, 0, Tensor.of(new double[] {2, 0, 2}, new double[] {1, 1, 0}), 3, 4);
        gather(cases, rng, 0, Tensor.zeros(0, 2), 3, 2);
        scatter(cases, rng, 1, rows, 3, 4);
        scatter(cases, rng, 0, Tensor.of(new double[] {2, 0, 2}, new double[] {2, 1, 0}), 3, 3);

        int[][][] cat = {{{2, 1}, {2, 3}, {2, 0}}, {{3}, {2}}, {{1, 2, 2}, {1, 1, 2}}};
        int[] catDims = {1, 0, 1};
        for (int c = 0; c < cat.length; c++) {
            Joining.Cat p = new Joining.Cat(catDims[c]);
            int[][] shapes = cat[c];
            Tensor[] xs = new Tensor[shapes.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = PrimitiveCases.sample(rng, Domain.of(-2, 2), shapes[i]);
            }
            cases.add(new PrimitiveCases.Case(p.toString(), p, x -> p.apply(x.toArray(new Tensor[0])), List.of(xs)));
        }

        MatrixPrimitives.Solve solve = new MatrixPrimitives.Solve("solve");
        int[][][] solveShapes = {{{3, 3}, {3, 2}}, {{2, 3, 3}, {3, 1}}, {{2, 2}, {2, 1, 2, 3}}, {{1, 1}, {1, 1}}};
        for (int[][] s : solveShapes) {
            cases.add(new PrimitiveCases.Case("solve", solve, x -> solve.apply(x.get(0), x.get(1)),
                    List.of(wellConditioned(rng, s[0]), PrimitiveCases.sample(rng, Domain.of(-2, 2), s[1]))));
        }
        for (int[] s : new int[][] {{3, 3}, {2, 2, 2}, {1, 1}, {0, 0}}) {
            matrix(cases, "det", MatrixPrimitives.Det.DET, x -> MatrixPrimitives.Det.DET.apply(x.get(0)), rng, s, false);
        }
        for (int[] s : new int[][] {{3, 3}, {2, 2, 2}}) {
            matrix(cases, "logAbsDet", MatrixPrimitives.LogAbsDet.LOG_ABS_DET,
                    x -> MatrixPrimitives.LogAbsDet.LOG_ABS_DET.apply(x.get(0)), rng, s, true);
        }
        // Window geometries: plain, strided with padding, dilated, one window covering the image.
        Windows.Geometry[] windows = {
            new Windows.Geometry(2, 3, 4, 2, 2, 1, 1, 0, 0, 1, 1),
            new Windows.Geometry(1, 4, 5, 3, 2, 2, 1, 1, 0, 1, 1),
            new Windows.Geometry(2, 5, 5, 2, 2, 1, 2, 1, 1, 2, 1),
            new Windows.Geometry(1, 2, 2, 2, 2, 1, 1, 0, 0, 1, 1),
        };
        for (Windows.Geometry geo : windows) {
            Windows.Unfold unfold = new Windows.Unfold(geo);
            cases.add(new PrimitiveCases.Case(unfold.toString(), unfold, x -> unfold.apply(x.get(0)),
                    List.of(PrimitiveCases.sample(rng, Domain.of(-2, 2), geo.image(2).toArray()))));
            Windows.Fold fold = new Windows.Fold(geo);
            cases.add(new PrimitiveCases.Case(fold.toString(), fold, x -> fold.apply(x.get(0)),
                    List.of(PrimitiveCases.sample(rng, Domain.of(-2, 2), geo.columns(2).toArray()))));
        }
        checkpoint(cases, rng, 2, 3);
        checkpoint(cases, rng, 1);
        Checkpoint layer = new Checkpoint(in -> in.get(0).matmul(in.get(1)).tanh().mul(in.get(2)));
        cases.add(new PrimitiveCases.Case("checkpoint of a layer", layer, x -> layer.apply(x.toArray(new Tensor[0])),
                List.of(PrimitiveCases.sample(rng, Domain.of(-1, 1), new int[] {2, 3}),
                        PrimitiveCases.sample(rng, Domain.of(-1, 1), new int[] {3, 2}),
                        PrimitiveCases.sample(rng, Domain.of(-1, 1), new int[] {2}))));
        // Cholesky reads the lower triangle of a symmetric matrix: checked through (x + x^T) / 2.
        for (int[] s : new int[][] {{3, 3}, {2, 2, 2}, {1, 1}}) {
            matrix(cases, "cholesky of (x + x^T)/2", MatrixPrimitives.Cholesky.CHOLESKY,
                    x -> MatrixPrimitives.Cholesky.CHOLESKY.apply(x.get(0).add(x.get(0).mT()).mul(0.5)), rng, s, false);
        }
    }

    private static void checkpoint(List<PrimitiveCases.Case> cases, SplittableRandom rng, int... shape) {
        Checkpoint p = new Checkpoint(in -> in.get(0).sin().mul(in.get(0)).exp().sum(new int[] {0}, true).mul(in.get(0)));
        cases.add(new PrimitiveCases.Case(p.toString(), p, x -> p.apply(x.get(0)),
                List.of(PrimitiveCases.sample(rng, Domain.of(-1, 1), shape))));
    }

    private static void gather(List<PrimitiveCases.Case> cases, SplittableRandom rng, int dim, Tensor index, int... shape) {
        Indexing.Gather p = new Indexing.Gather(dim, Indexing.indices("gather", index, dim, Shape.of(shape)), index.shape());
        cases.add(new PrimitiveCases.Case(p.toString(), p, x -> p.apply(x.get(0)),
                List.of(PrimitiveCases.sample(rng, Domain.of(-2, 2), shape))));
    }

    private static void scatter(List<PrimitiveCases.Case> cases, SplittableRandom rng, int dim, Tensor index, int... full) {
        Indexing.ScatterAdd p = new Indexing.ScatterAdd(dim, Indexing.indices("scatterAdd", index, dim, Shape.of(full)),
                index.shape(), Shape.of(full));
        cases.add(new PrimitiveCases.Case(p.toString(), p, x -> p.apply(x.get(0)),
                List.of(PrimitiveCases.sample(rng, Domain.of(-2, 2), index.shape().toArray()))));
    }

    private static void matrix(List<PrimitiveCases.Case> cases, String name, Primitive p, Function<List<Tensor>, Tensor> f,
                               SplittableRandom rng, int[] shape, boolean negate) {
        Tensor a = wellConditioned(rng, shape);
        cases.add(new PrimitiveCases.Case(name, p, f, List.of(negate ? a.neg() : a)));
    }

    /** Uniform in [-1, 1] plus 3 on the diagonal: symmetric part positive definite, condition number below ~5. */
    static Tensor wellConditioned(SplittableRandom rng, int[] shape) {
        Tensor noise = PrimitiveCases.sample(rng, Domain.of(-1, 1), shape);
        return noise.add(Tensor.eye(shape[shape.length - 1]).mul(3));
    }
}
