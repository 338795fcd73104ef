package org.autodiff4j.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradients of one backward pass, by tensor, and (without {@code createGraph}) the bookkeeping
 * that hands the pass's dead arrays back to the {@link ArrayPool}.
 *
 * <p>An array may be recycled when it is <em>owned</em> (allocated by a VJP of this pass while
 * {@linkplain #beginVjp recording}, and never {@linkplain #escape shown} to user code: a leaf's
 * {@code grad()}, a hook) and no gradient held here is stored in it. VJPs run without recording a
 * graph, so what they allocate is reachable only from what they return, and what they return is
 * held here; a temporary of a VJP ({@code 2 x} in {@code g (2 x)}) is dead when the VJP returns.
 * The gradient being back-propagated stays held until its node is done, so no VJP's input is ever
 * recycled under it. With {@code createGraph} nothing is recycled: the VJPs' results are saved in
 * the new graph.
 */
final class Grads {

    private static final int HOLDS = 0;
    private static final int OWNED = 1;

    private final Map<Tensor, Tensor> byTensor = new IdentityHashMap<>();
    /** Whether this pass recycles (no createGraph). */
    private final boolean recycle;
    /**
     * By storage array: how many gradients in {@link #byTensor} it backs ({@code [HOLDS]}) and
     * whether it is owned ({@code [OWNED]} 1); arrays with neither are absent.
     */
    private Map<Object, int[]> arrays;
    /** While a VJP runs: the arrays it was handed (null otherwise), and the gradients it dropped. */
    private List<Object> handedOut;
    private List<Object> record;
    private final List<Tensor> dropped = new ArrayList<>(0);
    private List<Object> previousRecord;
    /** This thread's pool, once a VJP has run. */
    private ArrayPool pool;

    Grads(boolean recycle) {
        this.recycle = recycle;
    }

    Tensor get(Tensor t) {
        return byTensor.get(t);
    }

    /** The gradients by tensor; for reading once the pass is over. */
    Map<Tensor, Tensor> byTensor() {
        return byTensor;
    }

    /** Sets t's gradient to g (replacing any). */
    void put(Tensor t, Tensor g) {
        Tensor old = byTensor.put(t, g);
        if (recycle) {
            if (pooled(g)) {
                entry(g.storage())[HOLDS]++;
            }
            if (old != null) {
                unhold(old);
            }
        }
    }

    /** Forgets t's gradient (and returns it). */
    Tensor remove(Tensor t) {
        Tensor old = byTensor.remove(t);
        if (old != null && recycle) {
            unhold(old);
        }
        return old;
    }

    /**
     * Adds {@code g} to t's gradient: the first contribution is kept as it is, not added to zeros; a
     * later one is added in place when the gradient is an {@linkplain #accumulator accumulator}.
     */
    void add(Tensor t, Tensor g) {
        Tensor old = byTensor.get(t);
        if (old == null) {
            put(t, g);
        } else if (accumulator(t) != null) {
            Values.addTo(old, g);
            drop(g);
        } else {
            put(t, old.add(g));
            drop(old);
            drop(g);
        }
    }

    /**
     * t's gradient if contributions may be added into it in place, else null: it is owned, no other
     * gradient shares its array, and it is dense (a broadcast view repeats elements).
     */
    Tensor accumulator(Tensor t) {
        Tensor g = recycle ? byTensor.get(t) : null;
        if (g == null) {
            return null;
        }
        int[] a = pooled(g) && arrays != null ? arrays.get(g.storage()) : null;
        return a != null && a[OWNED] == 1 && a[HOLDS] == 1 && g.isContiguous() ? g : null;
    }

    /** The pass no longer uses {@code g}: its array is recycled if owned and no gradient here is stored in it. */
    void drop(Tensor g) {
        if (!recycle || !pooled(g)) {
            return;
        }
        if (handedOut != null) {
            dropped.add(g);  // NOTE: not while a VJP runs, so that no array is handed out twice in one record
        } else {
            recycleIfDead(g.storage());
        }
    }

    /**
     * {@code g} is handed to user code (a leaf's grad, a hook): its array is never recycled, by this
     * pass or by a {@link TensorScope} open now.
     */
    void escape(Tensor g) {
        TensorScope.escape(g);
        int[] a = recycle && pooled(g) && arrays != null ? arrays.get(g.storage()) : null;
        if (a != null) {
            a[OWNED] = 0;
            if (a[HOLDS] == 0) {
                arrays.remove(g.storage());
            }
        }
    }

    /** Starts recording the arrays that VJPs allocate, as owned; {@link #endVjp} must follow. */
    void beginVjp() {
        if (recycle) {
            if (pool == null) {
                pool = ArrayPool.current();
                record = new ArrayList<>();
            }
            handedOut = record;
            previousRecord = pool.record(record);
        }
    }

    /** Stops recording; recycles what the VJPs allocated or dropped that no gradient here is stored in. */
    void endVjp() {
        if (!recycle) {
            return;
        }
        pool.record(previousRecord);
        handedOut = null;
        for (Object a : record) {
            entry(a)[OWNED] = 1;
        }
        for (Object a : record) {
            recycleIfDead(a);
        }
        for (Tensor g : dropped) {
            recycleIfDead(g.storage());
        }
        record.clear();
        dropped.clear();
    }

    private void unhold(Tensor g) {
        if (!pooled(g)) {
            return;
        }
        int[] a = arrays.get(g.storage());
        if (--a[HOLDS] == 0 && a[OWNED] == 0) {
            arrays.remove(g.storage());
        }
    }

    /** Whether the output or an input of a node is large enough for its VJPs' arrays to be pooled. */
    static boolean large(Tensor out, Tensor[] inputs) {
        if (out.size() >= ArrayPool.MIN_LENGTH) {
            return true;
        }
        for (Tensor x : inputs) {
            if (x.size() >= ArrayPool.MIN_LENGTH) {
                return true;
            }
        }
        return false;
    }

    /** The entry of {@code array}, created (holding nothing, not owned) if absent. */
    private int[] entry(Object array) {
        if (arrays == null) {
            arrays = new IdentityHashMap<>();
        }
        return arrays.computeIfAbsent(array, k -> new int[2]);
    }

    /** Whether g's storage is long enough for the pool: shorter arrays are neither counted nor recycled. */
    private static boolean pooled(Tensor g) {
        return g.storageLength() >= ArrayPool.MIN_LENGTH;
    }

    private void recycleIfDead(Object array) {
        int[] a = arrays == null ? null : arrays.get(array);
        if (a != null && a[OWNED] == 1 && a[HOLDS] == 0) {
            arrays.remove(array);
            ArrayPool.release(array);
        }
    }
}
