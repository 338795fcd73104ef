package org.autodiff4j.tensor;

/**
 * The matrix product of the last two dimensions, {@code [..., n, k] x [..., k, m] -> [..., n, m]},
 * with the leading (batch) dimensions broadcast. VJPs: {@code g B^T} and {@code A^T g}, at the
 * broadcast batch shape; the engine sums them down to each input's own batch shape.
 */
enum MatMul implements Primitive {
    MATMUL;

    @Override
    public Tensor forward(Tensor... x) {
        return Values.matmul(x[0], x[1]);
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        // NOTE: an input that is a transposed matrix (Linear's x W^T) gets its gradient as the
        // transpose of the transposed product, (B g^T)^T and (g^T A)^T: the same sums in the same
        // order, but laid out as the matrix it is a view of, so that its gradient, once the
        // transpose's VJP has turned it back, is dense and an optimizer's update one pass
        if (i == 0) {
            return transposed(x[0]) ? x[1].matmul(g.mT()).mT() : g.matmul(x[1].mT());
        }
        return transposed(x[1]) ? g.mT().matmul(x[0]).mT() : x[0].mT().matmul(g);
    }

    /** True if x is not dense but its transpose (of the last two dimensions) is. */
    private static boolean transposed(Tensor x) {
        return !x.isContiguous() && x.mT().isContiguous();
    }

    @Override
    public String toString() {
        return "matmul";
    }
}
