package org.autodiff4j;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An immutable set of input indices for {@link Tracer}: a sorted {@code int[]}, or the union of two
 * sets that is merged only when its elements are asked for.
 *
 * <p>Why lazy: a sum of n terms ({@code s = s.add(t_i)}, the shape of most objectives) would copy
 * its growing set at every step, n^2 / 2 in all. Here a union of small sets is merged at once (as
 * cheap as the lazy node), and a larger one is a node of two children, merged once, when an output
 * or a nonlinear op needs its elements; the merge visits each node once, so the sum costs O(n).
 */
final class IndexSet {

    static final IndexSet EMPTY = new IndexSet(new int[0]);

    /** Unions up to this size are merged at once. */
    private static final int EAGER = 64;
    private static final AtomicLong VISITS = new AtomicLong();

    /** The elements, increasing, once known; null while this is an unmerged union. */
    private int[] sorted;
    private IndexSet left;
    private IndexSet right;
    /** An upper bound on the size: the exact size once merged. */
    private final int bound;
    /** The last merge that visited this node. */
    private long visit;

    private IndexSet(int[] sorted) {
        this.sorted = sorted;
        this.bound = sorted.length;
    }

    private IndexSet(IndexSet left, IndexSet right) {
        this.left = left;
        this.right = right;
        this.bound = (int) Math.min(Integer.MAX_VALUE, (long) left.bound + right.bound);
    }

    static IndexSet of(int i) {
        return new IndexSet(new int[] {i});
    }

    boolean isEmpty() {
        return bound == 0;
    }

    static IndexSet union(IndexSet a, IndexSet b) {
        if (a == b || b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        if ((long) a.bound + b.bound > EAGER) {
            return new IndexSet(a, b);
        }
        int[] x = a.elements();
        int[] y = b.elements();
        int[] merged = merge(x, y);
        return merged == x ? a : merged == y ? b : new IndexSet(merged);
    }

    /** The elements, increasing. The array is shared: do not modify it. */
    int[] elements() {
        if (sorted == null) {
            sorted = collect();
            left = right = null; // merged: let the children go
        }
        return sorted;
    }

    /** All elements under this union, each node visited once (no recursion: sums nest deeply). */
    private int[] collect() {
        long stamp = VISITS.incrementAndGet();
        int[] out = new int[Math.min(bound, 1 << 10)];
        int size = 0;
        ArrayDeque<IndexSet> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            IndexSet s = todo.pop();
            if (s.visit == stamp) {
                continue;
            }
            s.visit = stamp;
            if (s.sorted != null) {
                if (size + s.sorted.length > out.length) {
                    out = Arrays.copyOf(out, Math.max(2 * out.length, size + s.sorted.length));
                }
                System.arraycopy(s.sorted, 0, out, size, s.sorted.length);
                size += s.sorted.length;
            } else {
                todo.push(s.right);
                todo.push(s.left);
            }
        }
        Arrays.sort(out, 0, size);
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (k == 0 || out[i] != out[k - 1]) {
                out[k++] = out[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The union of two sorted sets; one of them, not a copy, when it holds the other. */
    private static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            out[k++] = Math.min(x, y);
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
        return k == a.length ? a : k == b.length ? b : k == out.length ? out : Arrays.copyOf(out, k);
    }

    @Override
    public String toString() {
        return Arrays.toString(elements());
    }
}
