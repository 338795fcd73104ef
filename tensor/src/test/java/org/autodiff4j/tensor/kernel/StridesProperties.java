package org.autodiff4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Strides#viewStrides}: over seeded random layouts (dense, permuted, broadcast, sliced, with
 * extents 0 and 1) and random new shapes of the same size, strides it returns visit exactly the
 * elements of the old layout in row-major order; it refuses the layouts no strides can describe.
 */
class StridesProperties {

    @Test
    void viewStridesVisitTheSameElementsInTheSameOrder() {
        SplittableRandom rng = new SplittableRandom(3);
        int views = 0;
        for (int c = 0; c < 5000; c++) {
            int rank = rng.nextInt(0, 5);
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = rng.nextInt(10) == 0 ? 0 : rng.nextInt(1, 5);
            }
            int[] strides = randomLayout(rng, shape);
            int[] newShape = randomShapeOfSize(rng, size(shape));
            int[] got = Strides.viewStrides(shape, strides, newShape);
            String what = Arrays.toString(shape) + " strides " + Arrays.toString(strides) + " as " + Arrays.toString(newShape);
            if (got != null) {
                views++;
                assertThat(Strides.offsets(newShape, got, 7)).as(what).containsExactly(Strides.offsets(shape, strides, 7));
            }
            if (Strides.isContiguous(shape, strides)) {
                assertThat(got).as(what).isNotNull();
            }
        }
        assertThat(views).as("layouts that stayed views").isGreaterThan(2500);
    }

    @Test
    void knownLayouts() {
        // a broadcast block and a broadcast row stay views
        assertThat(Strides.viewStrides(new int[] {2, 3}, new int[] {0, 0}, new int[] {6})).containsExactly(0);
        assertThat(Strides.viewStrides(new int[] {4, 2, 3}, new int[] {0, 3, 1}, new int[] {4, 1, 6})).containsExactly(0, 6, 1);
        // a transposed matrix cannot be flattened, but takes leading and trailing ones
        assertThat(Strides.viewStrides(new int[] {3, 2}, new int[] {1, 3}, new int[] {6})).isNull();
        int[] ones = Strides.viewStrides(new int[] {3, 2}, new int[] {1, 3}, new int[] {1, 3, 2, 1});
        assertThat(ones[1]).isEqualTo(1);
        assertThat(ones[2]).isEqualTo(3);   // (the strides of extents 1 are never stepped along)
        // three of every other column of rows of 8: the rows split, the columns cannot merge with them
        assertThat(Strides.viewStrides(new int[] {4, 3}, new int[] {8, 2}, new int[] {2, 2, 3})).containsExactly(16, 8, 2);
        assertThat(Strides.viewStrides(new int[] {4, 3}, new int[] {8, 2}, new int[] {12})).isNull();
        // every other element throughout is one even step
        assertThat(Strides.viewStrides(new int[] {4, 3}, new int[] {6, 2}, new int[] {12})).containsExactly(2);
    }

    /** Strides of a random view of a dense array of some base shape: permuted, broadcast or stepped. */
    private static int[] randomLayout(SplittableRandom rng, int[] shape) {
        int rank = shape.length;
        int[] step = new int[rank];
        for (int d = 0; d < rank; d++) {
            step[d] = rng.nextInt(4) == 0 ? 2 : 1;
        }
        int[] order = new int[rank];
        for (int d = 0; d < rank; d++) {
            order[d] = d;
        }
        if (rng.nextBoolean()) {
            for (int d = rank - 1; d > 0; d--) {
                int e = rng.nextInt(d + 1);
                int t = order[d];
                order[d] = order[e];
                order[e] = t;
            }
        }
        int[] strides = new int[rank];
        int s = 1;
        for (int k = rank - 1; k >= 0; k--) {
            int d = order[k];
            strides[d] = rng.nextInt(5) == 0 ? 0 : s * step[d];
            s *= Math.max(1, shape[d]) * step[d];
        }
        return strides;
    }

    private static int[] randomShapeOfSize(SplittableRandom rng, int size) {
        List<Integer> dims = new ArrayList<>();
        if (size == 0) {
            dims.add(0);
            while (rng.nextBoolean()) {
                dims.add(rng.nextInt(1, 4));
            }
        } else {
            int left = size;
            for (int f = 2; f <= left; f++) {
                while (left % f == 0) {
                    dims.add(f);
                    left /= f;
                }
            }
            // merge neighbours at random, sprinkle ones
            for (int i = 0; i + 1 < dims.size(); i++) {
                if (rng.nextBoolean()) {
                    dims.set(i, dims.get(i) * dims.remove(i + 1));
                }
            }
            while (rng.nextInt(3) == 0) {
                dims.add(rng.nextInt(dims.size() + 1), 1);
            }
        }
        java.util.Collections.shuffle(dims, new java.util.Random(rng.nextLong()));
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
