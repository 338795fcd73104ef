package org.autodiff4j.tensor;

/**
 * {@code where(mask, a, b)}: a where the mask is non-zero, b elsewhere, all three broadcast. The
 * mask gets no gradient; a gets {@code where(mask, g, 0)} and b {@code where(mask, 0, g)}: selections,
 * not products with the mask, so the unselected branch's gradient is an exact 0 even where that
 * branch is NaN or infinite.
 */
enum Where implements Primitive {
    WHERE;

    @Override
    public Tensor forward(Tensor... x) {
        return Values.select(x[0], x[1], x[2]);
    }

    @Override
    public Tensor vjp(int i, Tensor g, Tensor[] x, Tensor out) {
        if (i == 0) {
            return null;
        }
        Tensor zero = g.scalarLike(0);
        return i == 1 ? Tensor.where(x[0], g, zero) : Tensor.where(x[0], zero, g);
    }

    @Override
    public String toString() {
        return "where";
    }
}
