/**
 * The expression language: a formula typed by a person becomes a {@link org.autodiff4j.expr.Program},
 * the Wengert list of the textbooks, and shows how its derivatives are computed.
 *
 * <pre>{@code
 * Program p = Program.parse("x1*x2 + sin(x1)");
 * p.value(2, 3);                              // 6.909297426825682
 * p.gradient(2, 3);                           // {2.5838531634528574, 2}
 * p.forwardTrace("x1", 2, 3).toTable();       // per step: primal and tangent
 * p.reverseTrace(2, 3).toTable();             // per step: adjoint and each += it received
 * GraphExport.svg(p, p.reverseTrace(2, 3));   // the graph, values and adjoints on the nodes
 * Symbolic.of(p).derivative("x1");            // the textbook derivative tree, for comparison
 * }</pre>
 *
 * <p>Choices a reader may want to know:
 * <ul>
 * <li>A {@code Program} is evaluated by the core's number types ({@link org.autodiff4j.Real}), so
 *     its value, gradient and Hessian are the core's; the traces re-derive every step from the
 *     registry's partials ({@link org.autodiff4j.Op}) only to show the work, with the same zero rule.</li>
 * <li>Inputs are numbered in order of first appearance, not sorted: {@code y + x} has
 *     {@code v0 = y}. Identical subexpressions share a step (hash-consing while parsing), so a
 *     fan-out in the formula is a fan-out in the graph.</li>
 * <li>Parsing is recursive descent with a depth counter ({@link org.autodiff4j.expr.Program#MAX_DEPTH})
 *     and a length limit ({@link org.autodiff4j.expr.Program#MAX_LENGTH}); everything that walks a
 *     parsed formula afterwards (printing, symbolic differentiation, layout) is iterative, because a
 *     long flat sum is a tree as deep as it is long.</li>
 * <li>{@link org.autodiff4j.expr.Symbolic} exists to show expression swell, not to simplify: it
 *     builds exactly what the textbook rules build.</li>
 * </ul>
 */
package org.autodiff4j.expr;
