/**
 * Sparse Jacobians and Hessians: sparsity detection, coloring, compressed evaluation.
 *
 * <pre>{@code
 * SparseResult j = Sparse.jacobian(f, x);     // f: VectorFn, x of length 10^4, banded
 * j.colors();                                 // a handful: the products evaluated
 * double d = j.matrix().get(5, 6);            // an entry of the Jacobian
 * SparseResult h = Sparse.hessian(g, x);      // g: ScalarFn
 * }</pre>
 *
 * <p>Three steps, each usable alone:
 * <ol>
 *   <li>{@link org.autodiff4j.sparse.SparsityPattern#ofJacobian} and
 *       {@link org.autodiff4j.sparse.SparsityPattern#ofHessian} run the function once on
 *       {@link org.autodiff4j.Tracer}s, numbers that carry the set of inputs they depend on (and,
 *       for Hessians, a shared set of nonlinear interactions). The pattern is a superset of the
 *       nonzeros at that point.
 *   <li>{@link org.autodiff4j.sparse.Coloring} groups columns (or rows) that touch disjoint entries,
 *       so one product per group suffices: column and row colorings for Jacobians, star colorings
 *       for symmetric Hessians (Gebremedhin, Manne and Pothen, SIAM Review 2005).
 *   <li>{@link org.autodiff4j.sparse.Sparse} evaluates one product per color with the dense modes of
 *       {@link org.autodiff4j.AD} (forward mode 8 colors per pass, reverse mode one backward sweep per
 *       color, {@link org.autodiff4j.AD#hvp} for Hessians) and reads each entry off them into a
 *       {@link org.autodiff4j.sparse.SparseMatrix} (compressed sparse rows).
 * </ol>
 *
 * <p>Which to choose: a sparse Jacobian pays one detection pass and a coloring (linear in the
 * pattern for banded structure) to replace n products by a number of colors bounded by the
 * structure (3 for a tridiagonal Jacobian, whatever n). For small or dense matrices the dense
 * {@link org.autodiff4j.AD#jacobian} is cheaper.
 */
package org.autodiff4j.sparse;
