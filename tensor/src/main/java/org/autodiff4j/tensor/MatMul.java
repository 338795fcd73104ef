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
        return i == 0 ? g.matmul(x[1].mT()) : x[0].mT().matmul(g);
    }

    @Override
    public String toString() {
        return "matmul";
    }
}
