package org.autodiff4j.tensor;

import java.util.Optional;

/**
 * Anomaly detection for backward passes: while enabled, each recorded operation remembers the line
 * of user code that called it, and the first NaN or infinity that a backward pass produces raises
 * an {@link ArithmeticException} naming the operation whose backward rule produced it and that
 * line. Slower (a stack walk per operation, a scan per gradient): for debugging. Scopes nest and are
 * confined to one thread, as {@link NoGrad}.
 *
 * <pre>{@code
 * try (AnomalyMode on = Autograd.detectAnomaly()) {
 *     Tensor loss = model(x);
 *     loss.backward();    // ArithmeticException: backward of sqrt produced inf ... created at Model.forward(Model.java:42)
 * }
 * }</pre>
 */
public final class AnomalyMode implements AutoCloseable {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {false});
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource LIBRARY = Tensor.class.getProtectionDomain().getCodeSource();

    private final boolean previous;
    private final Thread owner;
    private boolean closed;

    AnomalyMode() {
        this.previous = set(true);
        this.owner = Thread.currentThread();
    }

    /** Restores the mode in effect before this scope was entered; a second close does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("an anomaly detection scope entered on thread " + owner.getName()
                    + " must be closed on that thread, not " + Thread.currentThread().getName());
        }
        closed = true;
        set(previous);
    }

    static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Sets the mode on this thread and returns the previous one. */
    static boolean set(boolean enabled) {
        boolean[] cell = ENABLED.get();
        boolean was = cell[0];
        cell[0] = enabled;
        return was;
    }

    /**
     * The first frame of the current stack outside this library and the JDK, as
     * {@code Class.method(File.java:line)}: where user code called the operation being recorded.
     */
    static String callSite() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                .filter(f -> !isLibrary(f.getDeclaringClass())).findFirst());
        return frame.map(f -> f.toStackTraceElement().toString()).orElse("an unknown call site");
    }

    private static boolean isLibrary(Class<?> c) {
        if (c.getClassLoader() == null || c.getName().startsWith("java.") || c.getName().startsWith("jdk.")) {
            return true;
        }
        // NOTE: by origin, not by package: tests and users may share the package name.
        java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
        return LIBRARY != null && source != null && LIBRARY.getLocation().equals(source.getLocation());
    }

    /**
     * Throws if the gradient {@code g} that {@code node}'s VJP gave for input {@code k}, from the
     * upstream gradient {@code upstream}, holds a NaN or infinity.
     */
    static void check(Tensor g, Node node, int k, Tensor out, Tensor upstream) {
        String bad = nonFinite(g);
        if (bad == null) {
            return;
        }
        Tensor[] inputs = node.inputs();
        StringBuilder why = new StringBuilder();
        if (nonFinite(upstream) != null) {
            // Each contribution was checked when it was made, so only their sum can have overflowed.
            why.append("; the gradient reaching its output, a sum of finite contributions, overflowed");
        }
        if (nonFinite(out) != null) {
            why.append("; its forward value already held NaN or infinity");
        }
        for (int j = 0; inputs != null && j < inputs.length; j++) {
            if (nonFinite(inputs[j]) != null) {
                why.append("; its forward input ").append(j).append(" already held NaN or infinity");
            }
        }
        throw new ArithmeticException("anomaly: the backward of " + node.name() + " produced " + bad
                + " in the gradient of its input " + k + " (shape " + g.shape() + "); "
                + node.name() + " was called at " + (node.site != null ? node.site
                : "(unknown: anomaly detection was off when it was recorded)") + why);
    }

    /** Throws if the gradient a hook returned, or a seed, holds a NaN or infinity. */
    static void check(Tensor g, String what) {
        String bad = nonFinite(g);
        if (bad != null) {
            throw new ArithmeticException("anomaly: " + what + " holds " + bad + " (shape " + g.shape() + ")");
        }
    }

    /** "NaN" or "infinity" (the first non-finite value's kind), or null if all values are finite. */
    private static String nonFinite(Tensor t) {
        for (double v : t.toDoubleArray()) {
            if (Double.isNaN(v)) {
                return "NaN";
            }
            if (Double.isInfinite(v)) {
                return "infinity";
            }
        }
        return null;
    }
}
