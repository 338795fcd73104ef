/**
 * autodiff4j expr: the expression language. {@link org.autodiff4j.expr.Program#parse} turns a formula
 * such as {@code x1*x2 + sin(x1)} into a Wengert list that evaluates under any
 * {@link org.autodiff4j.Real} and renders forward and reverse traces and graphs.
 */
module org.autodiff4j.expr {
    requires org.autodiff4j;
    exports org.autodiff4j.expr;
}
