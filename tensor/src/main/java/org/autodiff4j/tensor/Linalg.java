package org.autodiff4j.tensor;

import java.util.Objects;

/**
 * Linear algebra with gradients, batched over leading dimensions: a tensor of shape
 * {@code [..., n, n]} is a stack of square matrices and each is treated on its own.
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new double[] {4, 1}, new double[] {1, 3}).requiresGrad();
 * Tensor x = Linalg.solve(a, Tensor.vector(1, 2));     // a x = b
 * Linalg.det(a).backward();                           // a.grad() = det(a) a^-T
 * }</pre>
 *
 * <p>Four primitives carry this class ({@link MatrixPrimitives}): {@code solve}, {@code det},
 * {@code log|det|} and {@code cholesky}, each a plain scalar LU (partial pivoting) or Cholesky
 * kernel with a VJP written in tensor ops, so second derivatives work; {@link #inv} is
 * {@code solve(A, I)} and {@link #slogdet} pairs the log-determinant with a sign that has no
 * gradient.
 *
 * <p>Singular matrices: {@code solve} and {@code inv} throw an {@link ArithmeticException} saying
 * which matrix of the batch is singular when LU meets an exactly zero pivot, as LAPACK's
 * {@code getrf}. NOTE: matrices that are merely ill-conditioned are not detected (NumPy and PyTorch
 * do not either); their results lose about {@code log10(cond A)} digits. {@code det} and
 * {@code slogdet} return 0 and {@code (0, -inf)} for a singular matrix; their gradient there
 * ({@code adj(A)^T}) is not computed: asking for it throws the same singular-matrix error.
 */
public final class Linalg {

    private Linalg() {
    }

    /**
     * The solution X of {@code A X = B}: A is {@code [..., n, n]}, B {@code [..., n, k]} (batches
     * broadcast) or a vector {@code [n]} (then X is a vector). Derivatives: {@code dB -> A^-1 dB},
     * {@code dA -> -A^-1 dA X}; the VJP solves with {@code A^T}. {@code solve(eye(2).mul(2), vector(2, 4))}
     * is [1, 2].
     *
     * @throws ArithmeticException if a matrix of A is singular (an exactly zero pivot)
     * @throws IllegalArgumentException if A is not square or the shapes do not match (both named)
     */
    public static Tensor solve(Tensor a, Tensor b) {
        return solve(a, b, "solve");
    }

    static Tensor solve(Tensor a, Tensor b, String op) {
        requireSquare(op, a);
        Objects.requireNonNull(b, op + ": b must not be null");
        Values.requireSameType(op, a, b);
        boolean vector = b.rank() == 1;
        Tensor rhs = vector ? b.unsqueeze(-1) : b;
        if (rhs.rank() < 2 || rhs.shape().dim(-2) != a.shape().dim(-1)) {
            throw new IllegalArgumentException(op + ": A of shape " + a.shape() + " needs B of shape [..., "
                    + a.shape().dim(-1) + ", k] or [" + a.shape().dim(-1) + "], got " + b.shape());
        }
        try {
            MatrixPrimitives.batchOf(a).broadcast(MatrixPrimitives.batchOf(rhs));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": the batch dimensions of A " + a.shape() + " and B " + b.shape()
                    + " do not broadcast", e);
        }
        Tensor x = new MatrixPrimitives.Solve(op).apply(a, rhs);
        return vector ? x.squeeze(-1) : x;
    }

    /**
     * The inverse of each matrix, {@code solve(A, I)}; composite. Derivative:
     * {@code d inv(A) = -A^-1 dA A^-1}, so the VJP is {@code -A^-T g A^-T}.
     * {@code inv(Tensor.of(new double[] {2, 0}, new double[] {0, 4}))} is {@code [[0.5, 0], [0, 0.25]]}.
     *
     * @throws ArithmeticException if a matrix is singular (an exactly zero pivot), naming it
     */
    public static Tensor inv(Tensor a) {
        return inv(a, "inv");
    }

    static Tensor inv(Tensor a, String op) {
        requireSquare(op, a);
        return solve(a, Tensor.eye(a.shape().dim(-1)).to(a.dtype()), op);
    }

    /**
     * The determinant of each matrix, shaped as the batch; 0 for a singular one. Derivative
     * (Jacobi's formula): {@code d det(A) = det(A) tr(A^-1 dA)}, i.e. the gradient
     * {@code det(A) A^-T}. {@code det(Tensor.of(new double[] {1, 2}, new double[] {3, 4}))} is -2.
     * For large matrices prefer {@link #slogdet}: the determinant over- or underflows easily.
     *
     * @throws ArithmeticException from the backward pass at a singular matrix (the gradient there,
     *     the adjugate, is not computed)
     */
    public static Tensor det(Tensor a) {
        requireSquare("det", a);
        return MatrixPrimitives.Det.DET.apply(a);
    }

    /**
     * The sign and the logarithm of the absolute value of each determinant, shaped as the batch:
     * {@code det(A) = sign * exp(logAbsDet)}, exact where {@code det} over- or underflows. For a
     * singular matrix sign is 0 and logAbsDet -inf. Only logAbsDet has a gradient,
     * {@code A^-T}. {@code slogdet(eye(3).mul(-1e-200))} is {@code (-1, 3 * ln 1e-200)}.
     */
    public static SignLogDet slogdet(Tensor a) {
        requireSquare("slogdet", a);
        Tensor sign = MatrixPrimitives.result(MatrixPrimitives.lu(a)[0], MatrixPrimitives.batchOf(a), a.dtype());
        return new SignLogDet(sign, MatrixPrimitives.LogAbsDet.LOG_ABS_DET.apply(a));
    }

    /**
     * The result of {@link #slogdet}: {@code det = sign * exp(logAbsDet)}.
     *
     * @param sign the sign of each determinant (1, -1, or 0 for a singular matrix); a constant
     * @param logAbsDet {@code log |det|} of each matrix, with gradient {@code A^-T}
     */
    public record SignLogDet(Tensor sign, Tensor logAbsDet) {
    }

    /**
     * The lower-triangular Cholesky factor L with {@code A = L L^T} of each symmetric positive
     * definite matrix; only A's lower triangle is read. Derivative (Murray 2016): the VJP is the
     * symmetric {@code L^-T Phi(L^T g) L^-1} (Phi: lower triangle, halved diagonal, symmetrized),
     * right for symmetric perturbations of A. {@code cholesky(Tensor.of(new double[] {4, 2}, new double[] {2, 5}))}
     * is {@code [[2, 0], [1, 2]]}.
     *
     * @throws ArithmeticException if a matrix is not positive definite, naming it and the first
     *     leading minor that is not positive
     */
    public static Tensor cholesky(Tensor a) {
        requireSquare("cholesky", a);
        return MatrixPrimitives.Cholesky.CHOLESKY.apply(a);
    }

    /** {@link Tensor#tril}: a where with a constant mask of {@code col - row <= k}. */
    static Tensor tril(Tensor x, int k) {
        return triangle(x, k, true);
    }

    /** {@link Tensor#triu}: a where with a constant mask of {@code col - row >= k}. */
    static Tensor triu(Tensor x, int k) {
        return triangle(x, k, false);
    }

    private static Tensor triangle(Tensor x, int k, boolean lower) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException((lower ? "tril" : "triu") + " needs rank >= 2, got shape " + x.shape());
        }
        int rows = x.shape().dim(-2);
        int cols = x.shape().dim(-1);
        double[] mask = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                mask[i * cols + j] = (lower ? j - i <= k : j - i >= k) ? 1 : 0;
            }
        }
        return Tensor.where(Tensor.of(mask, rows, cols).to(x.dtype()), x, x.scalarLike(0));
    }

    private static void requireSquare(String op, Tensor a) {
        Objects.requireNonNull(a, op + ": the matrix must not be null");
        if (a.rank() < 2 || a.shape().dim(-1) != a.shape().dim(-2)) {
            throw new IllegalArgumentException(op + " needs square matrices [..., n, n], got shape " + a.shape());
        }
    }
}
