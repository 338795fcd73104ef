package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A region of code whose tensors give their memory back when it closes, for loops that compute many
 * large intermediates: DJL's {@code NDManager} and ND4J's workspaces play this part, PyTorch needs
 * none because it counts references. Java cannot tell when a tensor is no longer used, so each new
 * intermediate is a fresh array, zeroed in memory that is out of cache; inside a scope, the arrays of
 * the tensors it created return to this thread's pool when it closes, and the next iteration
 * computes into them while they are still in cache.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(values, n).requiresGrad();
 * for (int step = 0; step < steps; step++) {
 *     x.zeroGrad();
 *     double f;
 *     try (TensorScope scope = TensorScope.open()) {
 *         Tensor loss = objective(x);
 *         loss.backward();        // x.grad() outlives the scope
 *         f = loss.item();        // read what you need before the scope closes
 *     }
 *     // use f and x.grad() here
 * }
 * }</pre>
 *
 * <p>What is released: every tensor created on this thread while the scope is its innermost open one
 * (results, views, constants), except the ones given to {@link #keep}. A released tensor cannot be
 * read any more: an operation on it, or reading its values, throws an {@link IllegalStateException}
 * that says so. Its memory is reused only if it was computed in the scope and no tensor that stays
 * usable shares it.
 *
 * <p>What stays: tensors created before the scope; tensors given to {@link #keep} (they then belong
 * to the enclosing scope, if any); gradients that a backward pass stores in a leaf ({@link
 * Tensor#grad()}) or hands to a hook; tensors given to {@link #escape} (as the {@code nn} module
 * does with parameters and buffers); and tensors created inside {@link #outside} (as an optimizer's
 * step is run, so that its moments and momenta live across steps). So a whole training step can run
 * in a scope.
 *
 * <p>A backward pass through a graph recorded in the scope must run before it closes. A scope holds
 * every tensor it creates until it closes: open one per iteration, not one around the whole loop.
 * Scopes nest; each belongs to the thread that opened it and must be closed there, innermost first.
 * Tensors created on other threads belong to none of this thread's scopes: do not let them view the
 * storage of a tensor that this thread's scope will release.
 */
public final class TensorScope implements AutoCloseable {

    /** {@link Tensor#scopeState}: created outside any scope, or given back by the outermost one. */
    static final byte NONE = 0;
    /** Created in the innermost open scope; released when it closes. */
    static final byte TRACKED = 1;
    /** Given to {@link #keep}: passes to the enclosing scope when this one closes. */
    static final byte KEPT = 2;
    /** Stays usable for good, and so does its storage: a leaf's gradient, or created {@link #outside}. */
    static final byte ESCAPED = 3;
    /** Released by a closed scope: reading it fails. */
    static final byte RELEASED = 4;

    /** Scopes open on any thread: while none is, creating a tensor costs one read of this. */
    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

    private final TensorScope parent;
    private final Thread thread;
    private final ArrayPool pool;
    private final List<Object> previousRecord;
    /** The arrays the pool handed out on this thread while this scope was innermost. */
    private final List<Object> handedOut = new ArrayList<>();
    /** The tensors created while this scope was innermost (and kept ones of inner scopes), in order. */
    private final List<Tensor> created = new ArrayList<>();
    /** How many {@link #outside} calls are running on this scope. */
    private int outsideDepth;
    private boolean closed;

    private TensorScope(TensorScope parent) {
        this.parent = parent;
        this.thread = Thread.currentThread();
        this.pool = ArrayPool.current();
        this.previousRecord = pool.recordForScope(handedOut);
    }

    /** Opens a scope on this thread, inside the one already open there (if any). Close it with try-with-resources. */
    public static TensorScope open() {
        TensorScope scope = new TensorScope(CURRENT.get());
        CURRENT.set(scope);
        OPEN.incrementAndGet();
        return scope;
    }

    /**
     * Keeps {@code t} usable after this scope closes (it then belongs to the enclosing scope, if any),
     * and returns it. Keeping a tensor keeps its storage, which its views share, but not the graph
     * that computed it: a backward pass from it must still run inside the scope.
     *
     * @throws IllegalStateException if this scope is closed or {@code t} was already released
     * @throws IllegalArgumentException if {@code t} was created in another scope that is still open
     */
    public Tensor keep(Tensor t) {
        Objects.requireNonNull(t, "keep: the tensor must not be null");
        if (closed) {
            throw new IllegalStateException("keep: this TensorScope is closed");
        }
        if (t.scopeState == RELEASED) {
            throw released(t);
        }
        if (t.scopeState == TRACKED) {
            if (t.scopeOwner != this) {
                throw new IllegalArgumentException("keep: this tensor (shape " + t.shape + ") belongs to another"
                        + " TensorScope, " + (isEnclosing(t.scopeOwner) ? "one enclosing this one" : "one opened inside this one or on another thread"));
            }
            t.scopeState = KEPT;
        }
        return t;
    }

    private boolean isEnclosing(TensorScope other) {
        for (TensorScope s = parent; s != null; s = s.parent) {
            if (s == other) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} as if no scope were open on this thread: the tensors it creates belong to no
     * scope and stay usable, as do the arrays they share. For state that outlives an iteration, such
     * as an optimizer's parameters and moments; without a scope open it just runs {@code work}.
     */
    public static void outside(Runnable work) {
        Objects.requireNonNull(work, "outside: the work must not be null");
        TensorScope scope = anyOpen() ? CURRENT.get() : null;
        if (scope == null) {
            work.run();
            return;
        }
        scope.outsideDepth++;
        List<Object> record = scope.pool.recordForScope(null);
        try {
            work.run();
        } finally {
            scope.pool.recordForScope(record);
            scope.outsideDepth--;
        }
    }

    /**
     * Closes the scope: every tensor it created and did not keep is released, and the arrays that
     * only such tensors use return to this thread's pool. Closing twice does nothing.
     *
     * @throws IllegalStateException on another thread than the one that opened it, or while a scope
     *     opened inside it is still open
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("close: a TensorScope must be closed on the thread that opened it ("
                    + thread.getName() + "), not on " + Thread.currentThread().getName());
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("close: a TensorScope opened inside this one is still open; close it first");
        }
        closed = true;
        CURRENT.set(parent);
        pool.recordForScope(previousRecord);
        OPEN.decrementAndGet();
        Set<Object> live = identitySet();
        for (Tensor t : created) {
            if (t.scopeState == KEPT || t.scopeState == ESCAPED) {
                live.add(t.storage());
            }
        }
        Set<Object> fresh = identitySet();
        fresh.addAll(handedOut);
        Set<Object> freed = identitySet();
        for (Tensor t : created) {
            switch (t.scopeState) {
                case KEPT -> {
                    if (parent == null) {
                        t.scopeState = NONE;
                        t.scopeOwner = null;
                    } else {
                        // NOTE: a scope opened inside outside() hands what it keeps to no scope, as outside() would
                        t.scopeState = parent.outsideDepth > 0 ? ESCAPED : TRACKED;
                        t.scopeOwner = parent;
                        parent.created.add(t);
                    }
                }
                case ESCAPED -> {
                    t.scopeOwner = parent;
                    if (parent != null) {
                        parent.created.add(t);   // NOTE: so that the enclosing scope keeps its storage too
                    }
                }
                case TRACKED -> {
                    t.scopeState = RELEASED;
                    t.scopeOwner = null;
                    Object array = t.storage();
                    if (fresh.contains(array) && !live.contains(array) && freed.add(array) && !pool.holds(array)) {
                        ArrayPool.release(array);   // NOTE: one the backward pass recycled is in the pool already
                    }
                }
                default -> {
                }
            }
        }
        if (parent != null) {
            for (Object array : fresh) {
                if (live.contains(array)) {
                    parent.handedOut.add(array);
                }
            }
        }
        created.clear();
        handedOut.clear();
    }

    /** True while some scope is open on some thread: only then does a new tensor look for its scope. */
    static boolean anyOpen() {
        return OPEN.get() != 0;
    }

    /** A new tensor on this thread: tracked by the innermost open scope, or escaped when created {@link #outside}. */
    static void created(Tensor t) {
        TensorScope scope = CURRENT.get();
        if (scope != null) {
            t.scopeState = scope.outsideDepth > 0 ? ESCAPED : TRACKED;
            t.scopeOwner = scope;
            scope.created.add(t);
        }
    }

    /**
     * Marks {@code t} as long-lived and returns it: it stays usable after every scope open on this
     * thread closes, and so does the storage it shares. For a tensor stored where it outlives the
     * iteration (a module's parameter or buffer); the engine does this for the gradients a backward
     * pass stores in leaves or hands to hooks. Tensors created before any scope need nothing.
     *
     * @throws IllegalStateException if {@code t} was already released
     */
    public static Tensor escape(Tensor t) {
        Objects.requireNonNull(t, "escape: the tensor must not be null");
        if (t.scopeState == RELEASED) {
            throw released(t);
        }
        if (t.scopeState == TRACKED || t.scopeState == KEPT) {
            t.scopeState = ESCAPED;
        }
        return t;
    }

    /** The error for reading a released tensor. */
    static IllegalStateException released(Tensor t) {
        return new IllegalStateException("this tensor (shape " + t.shape + ", " + t.dtype + ") was released when the"
                + " TensorScope it was created in closed; pass it to TensorScope.keep to use it after the scope");
    }

    private static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
