package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's speed item: the adjoint gradient's memory is independent of the number of steps, the
 * backpropagated one's is not. Each measurement runs in a fresh JVM (serial GC, 4 MB young
 * generation, so garbage adds at most a few MB) that reports the peak heap in use, sampled every
 * millisecond (java.base only, so that the module needs no {@code java.management}).
 */
class OdeintMemoryTest {

    @Test
    void adjointPeakHeapIsFlatInTheNumberOfSteps() throws Exception {
        long adjointSmall = peakHeap("adjoint", 1_000);
        long adjointLarge = peakHeap("adjoint", 100_000);
        long backpropSmall = peakHeap("backprop", 1_000);
        long backpropLarge = peakHeap("backprop", 100_000);
        System.out.printf("peak heap, Lotka-Volterra gradient: adjoint %.1f MB at 10^3 steps, %.1f MB at 10^5;"
                + " backprop %.1f MB at 10^3, %.1f MB at 10^5%n", mb(adjointSmall), mb(adjointLarge), mb(backpropSmall),
                mb(backpropLarge));
        // The tape of 10^5 steps holds millions of entries (tens of bytes each): hundreds of MB. The
        // adjoint keeps O(states + parameters) doubles; its peak is the JVM's baseline plus garbage.
        assertThat(adjointLarge).isLessThan(adjointSmall + (8L << 20));
        assertThat(backpropLarge).isGreaterThan(backpropSmall + (64L << 20));
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }

    private static long peakHeap(String method, int steps) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-XX:+UseSerialGC", "-Xmn4m", "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), OdeintMemoryTest.class.getName(), method, Integer.toString(steps)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        String[] lines = out.split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }

    /** Runs one gradient and prints the peak heap in bytes: {@code method steps}. */
    public static void main(String[] args) throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long[] peak = {0};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        int steps = Integer.parseInt(args[1]);
        double[] y0 = {1.0, 0.5};
        double[] p = {1.1, 0.4, 0.1, 0.4};
        Solver solver = Solver.rk4(steps);
        OdeGradient g = args[0].equals("adjoint")
                ? Odeint.adjoint(OdeintTest.LOTKA_VOLTERRA, y0, p, 0, 5, y -> y[0].add(y[1]), solver)
                : Odeint.backprop(OdeintTest.LOTKA_VOLTERRA, y0, p, 0, 5, y -> y[0].add(y[1]), solver);
        if (!Double.isFinite(g.parameterGradient()[0])) {
            throw new AssertionError("non-finite gradient");
        }
        sampler.interrupt();
        sampler.join();
        System.out.println(Math.max(peak[0], rt.totalMemory() - rt.freeMemory()));
    }
}
