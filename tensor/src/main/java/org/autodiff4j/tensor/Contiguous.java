package org.autodiff4j.tensor;

/** A dense row-major copy of a strided view; the identity for gradients. */
enum Contiguous implements Primitive {
    CONTIGUOUS;

    @Override
    public Tensor forward(Tensor... x) {
        return Values.dense(x[0]);
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        return g;
    }

    @Override
    public String toString() {
        return "contiguous";
    }
}
