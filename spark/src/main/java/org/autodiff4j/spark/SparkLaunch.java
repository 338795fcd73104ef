package org.autodiff4j.spark;

import java.util.List;
import org.apache.spark.SparkConf;

/**
 * How to start Spark from this library: the JVM flags it needs on JDK 25 and a configuration for
 * local runs.
 *
 * <pre>{@code
 * SparkLaunch.requireJvmOptions();
 * try (JavaSparkContext sc = new JavaSparkContext(SparkLaunch.conf("local[2]", "train"))) { ... }
 * }</pre>
 */
public final class SparkLaunch {

    /**
     * The flags the JVM running a Spark driver (and, in local mode, its executors) needs on JDK 17 and
     * newer: Spark 4.2.0's own list, {@code org.apache.spark.launcher.JavaModuleOptions
     * .defaultModuleOptionArray()} (a test checks they agree). {@code spark-submit} adds them itself;
     * a launcher that runs {@code java} directly must pass them, and the spark module's surefire
     * {@code argLine} does.
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.type=pooled",
            "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE",
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED");

    private SparkLaunch() {
    }

    /**
     * A configuration for {@code master} with the web UI off; for a {@code local} master the driver
     * binds to 127.0.0.1, so nothing listens on other interfaces.
     *
     * <p>NOTE: local mode runs each task once unless the master names a retry count:
     * {@code local[2,3]} is 2 threads with up to 3 attempts per task ({@code spark.task.maxFailures} is
     * ignored in local mode).
     */
    public static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName)
                .set("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    /**
     * Checks that this JVM was started with {@link #JVM_OPTIONS} (by testing that {@code java.base}
     * opens {@code sun.nio.ch} to the class path), so a missing flag fails here with the fix rather
     * than deep inside Spark with an {@code InaccessibleObjectException}.
     *
     * @throws IllegalStateException naming the flags if they are missing
     */
    public static void requireJvmOptions() {
        Module unnamed = SparkLaunch.class.getClassLoader().getUnnamedModule();
        if (!Object.class.getModule().isOpen("sun.nio.ch", unnamed)) {
            throw new IllegalStateException("Spark needs this JVM started with its module flags; add to the java"
                    + " command line: " + String.join(" ", JVM_OPTIONS));
        }
    }
}
