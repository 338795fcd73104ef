package org.autodiff4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-submit} with the assembly jar, as the README shows it. Spark's {@code bin/spark-submit}
 * runs {@code org.apache.spark.deploy.SparkSubmit} in a JVM started with Spark's module flags; this test
 * does the same in a child JVM whose class path holds Spark's jars only, so autodiff4j comes from the
 * assembly jar alone. Failsafe runs it in {@code verify}, after {@code package} built the jar and the
 * launcher files ({@code target/jvm-options}, {@code target/spark-classpath},
 * {@code target/log4j2.properties}).
 */
class SparkSubmitIT {

    private static final Path TARGET = Path.of(System.getProperty("launcher.dir"));
    private static final Path JAR = Path.of(System.getProperty("assembly.jar"));
    private static final int STEPS = 20;
    private static final Pattern STEP = Pattern.compile("(?m)^step (\\d+)/" + STEPS + "  loss (\\S+) ");

    @Test
    void theAssemblyHoldsAutodiff4jButNotSparkNorModuleInfoNorSignatures() throws IOException {
        List<String> names;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            names = jar.stream().map(JarEntry::getName).toList();
        }
        assertThat(names).contains("org/autodiff4j/spark/TrainOnSpark.class", "org/autodiff4j/nn/Module.class",
                "org/autodiff4j/optim/LBFGS.class", "org/autodiff4j/tensor/Tensor.class", "org/autodiff4j/AD.class",
                "META-INF/MANIFEST.MF");
        assertThat(names).noneMatch(n -> n.startsWith("org/apache/") || n.startsWith("scala/")
                || n.endsWith("module-info.class") || n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")
                || n.contains("log4j2"));
        assertThat(Files.size(JAR)).isLessThan(2_000_000);
    }

    @Test
    void sparkSubmitTrainsTheSpiralsFromTheAssemblyJar(@TempDir Path dir) throws Exception {
        List<String> sparkJars = Arrays.asList(Files.readString(TARGET.resolve("spark-classpath")).strip()
                .split(File.pathSeparator));
        assertThat(sparkJars).anyMatch(j -> Path.of(j).getFileName().toString().startsWith("spark-core_2.13-"))
                .noneMatch(j -> Path.of(j).getFileName().toString().startsWith("autodiff4j-"));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(Files.readString(TARGET.resolve("jvm-options")).strip().split("\\s+")));
        command.addAll(List.of("-Dlog4j2.configurationFile=" + TARGET.resolve("log4j2.properties"),
                "-cp", String.join(File.pathSeparator, sparkJars), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--class", "org.autodiff4j.spark.TrainOnSpark",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                JAR.toString(),
                "--dataset", "spirals", "--epochs", String.valueOf(STEPS), "--optimizer", "lbfgs",
                "--partitions", "4", "--out", dir.resolve("out").toString()));
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(stdout);
        String err = Files.readString(stderr);
        String both = "stdout:\n" + out + "\nstderr:\n" + err;

        assertThat(exited).as("spark-submit finished within 120 s; %s", both).isTrue();
        assertThat(p.exitValue()).as("exit status; %s", both).isZero();
        List<Double> losses = new ArrayList<>();
        Matcher m = STEP.matcher(out);
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(losses.size() + 1);
            losses.add(Double.parseDouble(m.group(2)));
        }
        assertThat(losses).as(both).hasSize(STEPS);
        assertThat(losses.getLast()).isLessThan(losses.getFirst() * 0.95);
        assertThat(out).containsPattern("(?m)^test loss \\S+  test accuracy \\S+  \\S+ ms per step on local\\[2\\]$");
        assertThat(dir.resolve("out/model.safetensors")).isNotEmptyFile();
        // the launcher's log configuration keeps Spark's INFO lines (about 40 a run) out
        assertThat(err).doesNotContain(" INFO ").doesNotContain("log4j2-defaults.properties");
    }
}
