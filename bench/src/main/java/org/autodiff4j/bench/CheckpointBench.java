package org.autodiff4j.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.autodiff4j.Checkpoint;
import org.autodiff4j.CheckpointResult;
import org.autodiff4j.Real;
import org.autodiff4j.ScalarFn;
import org.autodiff4j.Schedule;
import org.autodiff4j.StepFn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Checkpointing: the time and the peak tape of the gradient of a loss through n = 10^4 steps of a
 * forced, damped pendulum (3 state components, 2 parameters, 12 recorded ops per step), under the
 * three schedules, in the same run.
 *
 * <p>Goals (issue "Checkpointing"): {@link Schedule#sqrt()} takes at most 1.35 times the time of
 * {@link Schedule#storeAll()} and at most 3% of its peak tape (it holds 1%: 100 steps of 10^4).
 * {@link Schedule#revolve(int)} with 100 snapshots is shown for comparison: a tape of one step,
 * 2.5 evaluations per step on plain values.
 *
 * <p>Where the time goes: store-all records and sweeps back about 150 ns per step. sqrt evaluates
 * 9900 steps on plain values ({@link Real#of} constants, 30 to 45 ns per step, two thirds of it the
 * sin and cos themselves), records the last segment and one more, and replays that recording for the
 * other 98 segments (about 120 ns per step with the sweep back: no Var handles and no dispatch on
 * number types, but still the partials' cos and sin). Before it replayed, recording every segment,
 * sqrt took 1.3 times store-all.
 *
 * <p>Each schedule runs in a JVM of its own (a JMH fork per {@code schedule}): the JIT's type
 * profile of the step's calls depends on which numbers flowed through them first, and a store-all
 * run in a JVM that had mostly evaluated the step on constants is 1.4 times slower.
 *
 * <p>Run: {@code ./mvnw -q -pl core,bench -am package -DskipTests}, then either
 * {@code $(.mvn/find-jdk25)/bin/java -jar bench/target/benchmarks.jar CheckpointBench -f 1 -wi 3 -i 5}
 * (JMH's table; each fork prints its schedule's peak tape at setup), or
 * {@code $(.mvn/find-jdk25)/bin/java -cp bench/target/benchmarks.jar org.autodiff4j.bench.CheckpointBench}
 * (the same run, then the time and the peak tape of each schedule as ratios to store-all). On a
 * machine shared with other work the ratios move by 10-20% from run to run: repeat, or add forks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CheckpointBench {

    static final int STEPS = 10_000;
    private static final double DT = 0.01;

    /** Symplectic Euler: omega' = omega + dt (-gamma omega - k sin theta + 0.5 cos t), theta' = theta + dt omega', t' = t + dt. */
    static final StepFn PENDULUM = (s, p) -> {
        Real force = p[0].mul(s[1]).add(p[1].mul(s[0].sin())).sub(s[2].cos().mul(0.5));
        Real omega = s[1].sub(force.mul(DT));
        return new Real[] {s[0].add(omega.mul(DT)), omega, s[2].add(DT)};
    };
    static final ScalarFn ENERGY = s -> s[1].mul(s[1]).mul(0.5).sub(s[0].cos().mul(9.81));
    static final double[] S0 = {1.0, -0.3, 0.0};
    static final double[] PARAMS = {0.15, 9.81};

    @Param({"storeAll", "sqrt", "revolve100"})
    public String schedule;

    private Schedule chosen;

    static Schedule schedule(String name) {
        return switch (name) {
            case "storeAll" -> Schedule.storeAll();
            case "sqrt" -> Schedule.sqrt();
            case "revolve100" -> Schedule.revolve(100);
            default -> throw new IllegalArgumentException("unknown schedule " + name);
        };
    }

    static CheckpointResult run(Schedule schedule) {
        return Checkpoint.gradient(PENDULUM, S0, PARAMS, STEPS, ENERGY, schedule);
    }

    @Setup
    public void choose() {
        chosen = schedule(schedule);
        CheckpointResult r = run(chosen);
        System.out.printf(Locale.ROOT, "%n%s: peak tape %d, recomputations %d, snapshots %d%n", chosen,
                r.peakTapeSize(), r.recomputations(), r.snapshots());
    }

    @Benchmark
    public CheckpointResult gradient() {
        return run(chosen);
    }

    /** Runs the benchmark and prints each schedule's time and peak tape as ratios to store-all. */
    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(CheckpointBench.class.getName() + "\\.").build();
        Map<String, Double> millis = new HashMap<>();
        for (RunResult r : new Runner(options).run()) {
            millis.put(r.getParams().getParam("schedule"), r.getPrimaryResult().getScore());
        }
        double allTape = run(Schedule.storeAll()).peakTapeSize();
        System.out.printf(Locale.ROOT, "%n%-11s %9s %9s %10s %9s%n", "schedule", "ms/op", "time/all", "peak tape",
                "tape/all");
        for (String name : new String[] {"storeAll", "sqrt", "revolve100"}) {
            int tape = run(schedule(name)).peakTapeSize();
            System.out.printf(Locale.ROOT, "%-11s %9.3f %8.2fx %10d %8.2f%%%n", name, millis.get(name),
                    millis.get(name) / millis.get("storeAll"), tape, 100 * tape / allTape);
        }
    }
}
