package org.autodiff4j.tensor;

/** Conversion to another element type; the gradient is converted back to the input's type. */
record Cast(DType to) implements Primitive {

    @Override
    public Tensor forward(Tensor... x) {
        return Values.cast(x[0], to);
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        return g.to(x[0].dtype());
    }

    @Override
    public String toString() {
        return "to" + to;
    }
}
