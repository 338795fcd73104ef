package org.autodiff4j.sparse;

import java.util.Arrays;
import java.util.Objects;

/**
 * Graph colorings that compress a sparse derivative matrix into few products (Gebremedhin, Manne and
 * Pothen, "What color is your Jacobian? Graph coloring for computing derivatives", SIAM Review
 * 47(4), 2005):
 * <ul>
 *   <li>{@link #columns}: columns that share a row get different colors (a distance-2 coloring of
 *       the columns in the bipartite graph of the matrix). The sum of the columns of one color is
 *       one Jacobian-vector product, from which each of those columns is read off unmixed
 *       (Curtis, Powell and Reid, 1974).
 *   <li>{@link #rows}: the same for rows and vector-Jacobian products (reverse mode).
 *   <li>{@link #star}: a coloring of a symmetric pattern (the Hessian's) in which adjacent vertices
 *       differ and every path on four vertices uses at least three colors. It needs fewer colors
 *       than a column coloring, and every entry can still be read off one Hessian-vector product,
 *       from row i or from row j (Coleman and Moré, 1984).
 * </ul>
 * All are greedy: each vertex, in the given {@link Order}, takes the smallest color its colored
 * neighbours allow. Colors are numbered from 0; a row or column with no entries needs no product
 * and gets -1.
 *
 * <pre>{@code
 * int[] c = Coloring.columns(pattern, Coloring.Order.SMALLEST_LAST);
 * int passes = Coloring.count(c);
 * }</pre>
 */
public final class Coloring {

    /** The order in which the greedy coloring visits the vertices. */
    public enum Order {
        /** By index. Optimal for banded patterns. */
        NATURAL,
        /** Most neighbours first (Welsh and Powell, 1967). */
        LARGEST_FIRST,
        /**
         * Repeatedly take out a vertex of fewest remaining neighbours and color in the reverse order
         * (Matula and Beck, 1983): never more colors than the graph's degeneracy plus one.
         */
        SMALLEST_LAST
    }

    private Coloring() {
    }

    /**
     * A coloring of the columns in which two columns that share a row differ: the sum of the columns
     * of one color determines each of them.
     */
    public static int[] columns(SparsityPattern p, Order order) {
        Objects.requireNonNull(p, "pattern must not be null");
        Objects.requireNonNull(order, "order must not be null");
        int[] dense = ifARowHoldsAllColumns(p);
        if (dense != null) {
            return dense;
        }
        Graph g = Graph.columnIntersection(p);
        return greedy(g, order(g, order));
    }

    /** A coloring of the rows in which two rows that share a column differ. */
    public static int[] rows(SparsityPattern p, Order order) {
        Objects.requireNonNull(p, "pattern must not be null");
        return columns(p.transpose(), order);
    }

    /**
     * A star coloring of a symmetric pattern: adjacent vertices (i != j with (i, j) in the pattern)
     * differ and no path on four vertices has only two colors.
     *
     * @throws IllegalArgumentException if the pattern is not symmetric
     */
    public static int[] star(SparsityPattern symmetric, Order order) {
        Objects.requireNonNull(symmetric, "pattern must not be null");
        Objects.requireNonNull(order, "order must not be null");
        if (!symmetric.isSymmetric()) {
            throw new IllegalArgumentException("star coloring needs a symmetric pattern, got a "
                    + symmetric.rows() + " x " + symmetric.cols() + " pattern that is not");
        }
        Graph g = Graph.adjacency(symmetric);
        return starGreedy(g, order(g, order));
    }

    /** The number of colors: the largest color plus one (0 for none). */
    public static int count(int[] colors) {
        int max = -1;
        for (int c : colors) {
            max = Math.max(max, c);
        }
        return max + 1;
    }

    // ---- greedy colorings ----------------------------------------------------------------------

    /**
     * One color per column if some row holds every column that has an entry: then no coloring
     * does better, and building the graph (quadratic in the row lengths) is skipped.
     */
    private static int[] ifARowHoldsAllColumns(SparsityPattern p) {
        int[] color = new int[p.cols()];
        Arrays.fill(color, -1);
        int active = 0;
        for (int j : p.colIndex) {
            if (color[j] < 0) {
                color[j] = active++;
            }
        }
        for (int r = 0; r < p.rows(); r++) {
            if (p.rowLength(r) == active && active > 1) {
                int c = 0;
                for (int j = 0; j < color.length; j++) {
                    color[j] = color[j] < 0 ? -1 : c++;
                }
                return color;
            }
        }
        return null;
    }

    private static int[] greedy(Graph g, int[] order) {
        int[] color = new int[g.n];
        Arrays.fill(color, -1);
        int[] forbidden = new int[g.n + 1];
        Arrays.fill(forbidden, -1);
        for (int v : order) {
            for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                int c = color[g.adj[k]];
                if (c >= 0) {
                    forbidden[c] = v;
                }
            }
            color[v] = smallestAllowed(forbidden, v);
        }
        return color;
    }

    /**
     * Greedy star coloring. When v is colored, a two-colored path on four vertices through v can
     * only appear with v at an end ({@code v-w-x-y}, c(v) = c(x), c(w) = c(y)) or inside
     * ({@code w-v-x-y}, c(w) = c(x), c(v) = c(y)); both are checked exactly, so a color is forbidden
     * only if it would make such a path (the greedy star coloring of GMP 2005, with both cases
     * spelled out).
     */
    private static int[] starGreedy(Graph g, int[] order) {
        int[] color = new int[g.n];
        Arrays.fill(color, -1);
        int[] forbidden = new int[g.n + 1];
        Arrays.fill(forbidden, -1);
        int[] seenBy = new int[g.n + 1];
        Arrays.fill(seenBy, -1);
        int[] seen = new int[g.n + 1];
        for (int v : order) {
            // adjacent vertices differ; count each color among the neighbours
            for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                int c = color[g.adj[k]];
                if (c >= 0) {
                    forbidden[c] = v;
                    seen[c] = seenBy[c] == v ? seen[c] + 1 : 1;
                    seenBy[c] = v;
                }
            }
            for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                int w = g.adj[k];
                int cw = color[w];
                if (cw < 0) {
                    continue;
                }
                boolean twice = seen[cw] >= 2;
                for (int l = g.start[w]; l < g.start[w + 1]; l++) {
                    int x = g.adj[l];
                    int cx = color[x];
                    if (x == v || cx < 0 || forbidden[cx] == v) {
                        continue;
                    }
                    // v inside: u-v-w-x with c(u) = c(w) for another neighbour u of v
                    // v at an end: v-w-x-y with c(y) = c(w), y != w
                    if (twice || hasNeighbourColored(g, color, x, cw, w)) {
                        forbidden[cx] = v;
                    }
                }
            }
            color[v] = smallestAllowed(forbidden, v);
        }
        return color;
    }

    private static boolean hasNeighbourColored(Graph g, int[] color, int x, int c, int except) {
        for (int k = g.start[x]; k < g.start[x + 1]; k++) {
            int y = g.adj[k];
            if (y != except && color[y] == c) {
                return true;
            }
        }
        return false;
    }

    private static int smallestAllowed(int[] forbidden, int v) {
        int c = 0;
        while (forbidden[c] == v) {
            c++;
        }
        return c;
    }

    // ---- orders --------------------------------------------------------------------------------

    /** The vertices to color (those with entries), in the given order. */
    private static int[] order(Graph g, Order order) {
        int[] active = new int[g.n];
        int n = 0;
        for (int v = 0; v < g.n; v++) {
            if (g.active[v]) {
                active[n++] = v;
            }
        }
        active = Arrays.copyOf(active, n);
        return switch (order) {
            case NATURAL -> active;
            case LARGEST_FIRST -> largestFirst(g, active);
            case SMALLEST_LAST -> smallestLast(g, active);
        };
    }

    /** By decreasing degree, ties by index: a counting sort. */
    private static int[] largestFirst(Graph g, int[] vertices) {
        int maxDegree = 0;
        for (int v : vertices) {
            maxDegree = Math.max(maxDegree, g.degree(v));
        }
        int[] start = new int[maxDegree + 2];
        for (int v : vertices) {
            start[maxDegree - g.degree(v) + 1]++;
        }
        for (int d = 0; d <= maxDegree; d++) {
            start[d + 1] += start[d];
        }
        int[] out = new int[vertices.length];
        for (int v : vertices) {
            out[start[maxDegree - g.degree(v)]++] = v;
        }
        return out;
    }

    /**
     * Smallest-last in linear time: the bucket algorithm of Batagelj and Zaversnik (2003) removes a
     * vertex of least remaining degree at each step; the order is the removals reversed.
     */
    private static int[] smallestLast(Graph g, int[] vertices) {
        int n = vertices.length;
        int[] degree = new int[g.n];
        int maxDegree = 0;
        for (int v : vertices) {
            degree[v] = g.degree(v);
            maxDegree = Math.max(maxDegree, degree[v]);
        }
        int[] bin = new int[maxDegree + 1];
        for (int v : vertices) {
            bin[degree[v]]++;
        }
        for (int d = 0, s = 0; d <= maxDegree; d++) {
            int count = bin[d];
            bin[d] = s;
            s += count;
        }
        int[] pos = new int[g.n];
        int[] vert = new int[n];
        for (int v : vertices) {
            pos[v] = bin[degree[v]]++;
            vert[pos[v]] = v;
        }
        for (int d = maxDegree; d > 0; d--) {
            bin[d] = bin[d - 1];
        }
        bin[0] = 0;
        for (int i = 0; i < n; i++) {
            int v = vert[i]; // least remaining degree: remove it
            for (int k = g.start[v]; k < g.start[v + 1]; k++) {
                int u = g.adj[k];
                if (degree[u] > degree[v]) {
                    int du = degree[u];
                    int pu = pos[u];
                    int pw = bin[du];
                    int w = vert[pw];
                    if (u != w) {
                        pos[u] = pw;
                        vert[pu] = w;
                        pos[w] = pu;
                        vert[pw] = u;
                    }
                    bin[du]++;
                    degree[u]--;
                }
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = vert[n - 1 - i];
        }
        return out;
    }

    /** An undirected graph without loops or repeated edges, as adjacency lists in one array. */
    private record Graph(int n, int[] start, int[] adj, boolean[] active) {

        int degree(int v) {
            return start[v + 1] - start[v];
        }

        /** Columns of p, adjacent when they share a row; active when they have an entry. */
        static Graph columnIntersection(SparsityPattern p) {
            SparsityPattern t = p.transpose();
            int n = p.cols();
            int[] start = new int[n + 1];
            int[] adj = new int[Math.max(16, 2 * p.nnz())];
            int[] mark = new int[n];
            Arrays.fill(mark, -1);
            boolean[] active = new boolean[n];
            int size = 0;
            for (int j = 0; j < n; j++) {
                mark[j] = j;
                active[j] = t.rowLength(j) > 0;
                for (int a = t.rowStart[j]; a < t.rowStart[j + 1]; a++) {
                    int r = t.colIndex[a];
                    for (int b = p.rowStart[r]; b < p.rowStart[r + 1]; b++) {
                        int other = p.colIndex[b];
                        if (mark[other] != j) {
                            mark[other] = j;
                            if (size == adj.length) {
                                adj = Arrays.copyOf(adj, 2 * size);
                            }
                            adj[size++] = other;
                        }
                    }
                }
                start[j + 1] = size;
            }
            return new Graph(n, start, Arrays.copyOf(adj, size), active);
        }

        /** The vertices of a symmetric pattern, adjacent where (i, j) is an entry with i != j. */
        static Graph adjacency(SparsityPattern p) {
            int n = p.rows();
            int[] start = new int[n + 1];
            int[] adj = new int[p.nnz()];
            boolean[] active = new boolean[n];
            int size = 0;
            for (int i = 0; i < n; i++) {
                active[i] = p.rowLength(i) > 0;
                for (int k = p.rowStart[i]; k < p.rowStart[i + 1]; k++) {
                    if (p.colIndex[k] != i) {
                        adj[size++] = p.colIndex[k];
                    }
                }
                start[i + 1] = size;
            }
            return new Graph(n, start, Arrays.copyOf(adj, size), active);
        }
    }
}
