package org.autodiff4j.spark;

import org.apache.spark.api.java.JavaSparkContext;

/** The one Spark context of the test JVM (Spark allows one per JVM), started on first use. */
final class LocalSpark {

    /** Two threads, as {@code local[2]}, with up to 2 attempts per task so a failed task is retried. */
    static final String MASTER = "local[2,2]";

    private static JavaSparkContext sc;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (sc == null) {
            SparkLaunch.requireJvmOptions();
            sc = new JavaSparkContext(SparkLaunch.conf(MASTER, "autodiff4j-spark-tests"));
            sc.setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(sc::stop));
        }
        return sc;
    }
}
