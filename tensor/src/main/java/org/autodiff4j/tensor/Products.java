package org.autodiff4j.tensor;

/**
 * The product along one axis as a composite: a tree of pairwise products of strided slices
 * (even positions times odd positions, log2 n levels), an odd last element folded in on the side.
 * Each level is one {@code mul} of two views, so the gradient needs no rule of its own and stays
 * exact where elements are 0.
 */
final class Products {

    private Products() {
    }

    /** The product of {@code x} along {@code axis}, which is kept with extent 1 (1 for an empty axis). */
    static Tensor along(Tensor x, int axis) {
        int n = x.shape().dim(axis);
        if (n == 0) {
            int[] dims = x.shape().toArray();
            dims[axis] = 1;
            return Tensor.full(x.dtype(), 1, dims);
        }
        Tensor odd = null;
        while (n > 1) {
            if (n % 2 == 1) {
                Tensor last = x.slice(axis, n - 1, n);
                odd = odd == null ? last : odd.mul(last);
                x = x.slice(axis, 0, n - 1);
                n--;
            }
            x = x.slice(axis, 0, n, 2).mul(x.slice(axis, 1, n, 2));
            n /= 2;
        }
        return odd == null ? x : x.mul(odd);
    }
}
