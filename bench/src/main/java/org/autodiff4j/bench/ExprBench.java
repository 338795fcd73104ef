package org.autodiff4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.cli.Main;
import org.openjdk.jmh.annotations.*;

/**
 * The {@code autodiff grad ... --json} path on a formula of 1,000 nodes over 10 variables: parse,
 * build the Wengert list, evaluate, reverse-mode gradient, write the JSON. {@code gradJson} is the
 * whole command in-process (as {@code ./autodiff} runs it after the JVM has started);
 * {@code gradHessianJson} adds the 10 x 10 Hessian.
 *
 * <p>Goal: {@code gradJson} under 50 ms after warm-up.
 *
 * <p>Reproduce (repo root): {@code ./mvnw -q -pl bench -am package -DskipTests &&
 * $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar ExprBench -f 2 -wi 3 -w 1s -i 5 -r 1s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ExprBench {

    static final int NODES = 1000;
    static final int VARIABLES = 10;

    // NOTE: every variable appears in the sum in front, so --at may name all ten.
    final String formula = "x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + " + formula(NODES - 20, new SplittableRandom(42));
    final String point = point();

    /** A random formula with about {@code nodes} nodes (operators, calls, variables and numbers). */
    static String formula(int nodes, SplittableRandom rng) {
        if (nodes <= 1) {
            return rng.nextInt(4) == 0 ? Double.toString(1 + rng.nextInt(9) / 4.0) : "x" + rng.nextInt(VARIABLES);
        }
        int kind = rng.nextInt(6);
        if (kind == 0) {
            String[] unary = {"sin", "cos", "tanh", "exp", "log1p", "sqrt", "atan"};
            String f = unary[rng.nextInt(unary.length)];
            // NOTE: keep the arguments of exp, log1p and sqrt tame, so the value stays finite.
            String arg = formula(nodes - 2, rng);
            return switch (f) {
                case "exp" -> "exp(tanh(" + arg + "))";
                case "log1p", "sqrt" -> f + "(" + arg + "^2)";
                default -> f + "(" + arg + ")";
            };
        }
        int left = 1 + rng.nextInt(nodes - 1);
        String op = new String[] {"+", "-", "*", "+", "*"}[rng.nextInt(5)];
        return "(" + formula(left, rng) + " " + op + " " + formula(nodes - 1 - left, rng) + ")";
    }

    static String point() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < VARIABLES; i++) {
            s.append(i == 0 ? "" : ",").append("x").append(i).append('=').append(0.1 * (i + 1));
        }
        return s.toString();
    }

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException(err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Benchmark
    public String gradJson() {
        return run("grad", formula, "--at", point, "--json");
    }

    @Benchmark
    public String gradHessianJson() {
        return run("grad", formula, "--at", point, "--json", "--hessian");
    }
}
