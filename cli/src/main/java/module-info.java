/**
 * autodiff4j cli: the {@code autodiff} command ({@link org.autodiff4j.cli.Main}). It parses a formula
 * with the expression language and shows its value, derivatives, traces, graph and checks.
 */
module org.autodiff4j.cli {
    requires org.autodiff4j;
    requires org.autodiff4j.expr;
    requires java.desktop; // ImageIO for `check --plot`
    requires jdk.httpserver; // the playground
    requires org.autodiff4j.nn; // autodiff train
    requires me.tongfei.progressbar;
    exports org.autodiff4j.cli;
}
