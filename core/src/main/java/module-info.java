/**
 * autodiff4j core: scalar automatic differentiation. {@link org.autodiff4j.AD} is the entry point;
 * {@link org.autodiff4j.Real} the interface functions are written against; {@link org.autodiff4j.Op}
 * the registry of elementary functions; {@link org.autodiff4j.check.GradCheck} checks derivatives
 * against finite differences.
 */
module org.autodiff4j {
    exports org.autodiff4j;
    exports org.autodiff4j.check;
    exports org.autodiff4j.sparse;
}
