package org.autodiff4j.tensor;

import java.util.Arrays;
import org.autodiff4j.tensor.kernel.Decompositions;

/**
 * The linear-algebra primitives, batched over leading dimensions: {@link Solve}, {@link Det},
 * {@link LogAbsDet} and {@link Cholesky}; {@link Linalg} composes {@code inv} and {@code slogdet}
 * from them. Forward values come from the LU and Cholesky kernels ({@link Decompositions}), in
 * double for both types (F32 rounds once). Each VJP is written with {@link Linalg#solve},
 * {@code matmul} and element-wise ops, so all four are twice differentiable.
 */
final class MatrixPrimitives {

    private MatrixPrimitives() {
    }

    /**
     * {@code X = A^-1 B} for {@code A [..., n, n]} and {@code B [..., n, k]}, batches broadcast;
     * {@code op} names the public operation in errors ({@code solve}, {@code inv}, ...).
     * VJPs (Giles 2008, "Collected matrix derivative results"): {@code gB = A^-T g},
     * {@code gA = -gB X^T}.
     */
    record Solve(String op) implements Primitive {
        @Override public Tensor forward(Tensor... x) {
            Tensor a = x[0];
            Tensor b = x[1];
            int n = a.shape().dim(-1);
            int k = b.shape().dim(-1);
            Shape batch = batchOf(a).broadcast(batchOf(b));
            Shape outShape = withMatrix(batch, n, k);
            double[] ad = Values.denseF64(Values.expand(a, withMatrix(batch, n, n)));
            double[] bd = Values.denseF64(Values.expand(b, outShape));
            double[] out = new double[outShape.size()];
            double[] work = new double[n * n];
            int[] perm = new int[n];
            for (int m = 0; m < batch.size(); m++) {
                System.arraycopy(ad, m * n * n, work, 0, n * n);
                Decompositions.lu(work, 0, n, perm);
                for (int i = 0; i < n; i++) {
                    if (work[i * n + i] == 0) {
                        throw new ArithmeticException(op + ": the matrix " + which(m, batch, n) + " is singular: pivot "
                                + i + " of its LU factorization is exactly 0");
                    }
                }
                Decompositions.luSolve(work, 0, n, perm, bd, m * n * k, k, out, m * n * k);
            }
            return result(out, outShape, a.dtype());
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            // NOTE: both inputs' VJPs solve with A^T; the engine asks for them one at a time, so the
            // solve runs twice when both track gradients (cheaper to repeat than to cache in a rule).
            Tensor gb = Linalg.solve(x[0].mT(), g, "the gradient of " + op);
            return i == 1 ? gb : gb.matmul(out.mT()).neg();
        }
        @Override public String toString() { return "solve"; }
    }

    /** {@code det A} over the last two dimensions; VJP {@code g det(A) A^-T} (Jacobi's formula). */
    enum Det implements Primitive {
        DET;

        @Override public Tensor forward(Tensor... x) {
            return result(lu(x[0])[2], batchOf(x[0]), x[0].dtype());
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            Tensor inverseT = Linalg.inv(x[0], "the gradient of det").mT();
            return g.mul(out).unsqueeze(-1).unsqueeze(-1).chainMul(inverseT);
        }
        @Override public String toString() { return "det"; }
    }

    /** {@code log |det A|} (-inf for a singular A); VJP {@code g A^-T}. */
    enum LogAbsDet implements Primitive {
        LOG_ABS_DET;

        @Override public Tensor forward(Tensor... x) {
            return result(lu(x[0])[1], batchOf(x[0]), x[0].dtype());
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            Tensor inverseT = Linalg.inv(x[0], "the gradient of slogdet").mT();
            return g.unsqueeze(-1).unsqueeze(-1).chainMul(inverseT);
        }
        @Override public String toString() { return "logAbsDet"; }
    }

    /**
     * The lower Cholesky factor L of {@code A = L L^T}, from A's lower triangle. VJP (Murray 2016,
     * "Differentiation of the Cholesky decomposition", eq. 10, as PyTorch's
     * {@code cholesky_backward}): with {@code P = Phi(L^T g)}, Phi taking the lower triangle and
     * halving the diagonal, then symmetrized, {@code gA = L^-T P L^-1}.
     *
     * <p>NOTE: the gradient is the symmetric one: it is right for perturbations that keep A
     * symmetric (the only ones for which {@code A = L L^T} holds), not for one entry of the upper
     * triangle alone, which the factorization does not read.
     */
    enum Cholesky implements Primitive {
        CHOLESKY;

        @Override public Tensor forward(Tensor... x) {
            Tensor a = x[0];
            int n = a.shape().dim(-1);
            double[] out = Values.denseF64(a).clone();
            Shape batch = batchOf(a);
            for (int m = 0; m < batch.size(); m++) {
                int k = Decompositions.cholesky(out, m * n * n, n);
                if (k >= 0) {
                    throw new ArithmeticException("cholesky: the matrix " + which(m, batch, n) + " is not positive"
                            + " definite: its leading minor of order " + (k + 1) + " is not positive");
                }
            }
            return result(out, a.shape(), a.dtype());
        }
        @Override public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
            Tensor lT = out.mT();
            Tensor phi = lT.matmul(g).tril(0);
            Tensor p = phi.add(phi.tril(-1).mT()).mul(0.5);
            // NOTE: L^-T P L^-1 as two solves with L^T (general LU on a triangle: O(n^3) instead of a
            // triangular solve's O(n^2) per column, but it keeps the rule to differentiable primitives).
            Tensor y = Linalg.solve(lT, p, "the gradient of cholesky");
            return Linalg.solve(lT, y.mT(), "the gradient of cholesky").mT();
        }
        @Override public String toString() { return "cholesky"; }
    }

    /**
     * Per matrix of the batch: the sign of the determinant, log |det| and det, from one LU each;
     * three arrays shaped as the batch.
     */
    static double[][] lu(Tensor a) {
        int n = a.shape().dim(-1);
        double[] work = Values.denseF64(a).clone();
        int count = batchOf(a).size();
        double[][] out = new double[3][count];
        int[] perm = new int[n];
        for (int m = 0; m < count; m++) {
            double sign = Decompositions.lu(work, m * n * n, n, perm);
            double log = 0;
            double det = sign;
            for (int i = 0; i < n; i++) {
                double u = work[m * n * n + i * n + i];
                sign *= Math.signum(u);
                log += Math.log(Math.abs(u));
                det *= u;
            }
            out[0][m] = sign;
            out[1][m] = log;
            out[2][m] = det;
        }
        return out;
    }

    /** The leading (batch) dimensions of a stack of matrices. */
    static Shape batchOf(Tensor a) {
        return Shape.of(Arrays.copyOf(a.shape().toArray(), a.rank() - 2));
    }

    private static Shape withMatrix(Shape batch, int rows, int cols) {
        int[] dims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        dims[batch.rank()] = rows;
        dims[batch.rank() + 1] = cols;
        return Shape.of(dims);
    }

    /** "at batch index [1, 0] (n x n)" or "(n x n)" for a single matrix, for error messages. */
    private static String which(int m, Shape batch, int n) {
        String size = n + " x " + n;
        if (batch.rank() == 0) {
            return "(" + size + ")";
        }
        int[] index = new int[batch.rank()];
        for (int d = batch.rank() - 1, r = m; d >= 0; d--) {
            index[d] = r % batch.dim(d);
            r /= batch.dim(d);
        }
        return "at batch index " + Arrays.toString(index) + " (" + size + ")";
    }

    static Tensor result(double[] values, Shape shape, DType dtype) {
        Tensor out = Tensor.dense(values, shape);
        return dtype == DType.F64 ? out : Values.cast(out, dtype);
    }
}
