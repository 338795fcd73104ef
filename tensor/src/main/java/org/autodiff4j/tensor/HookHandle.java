package org.autodiff4j.tensor;

/**
 * A gradient hook registered with {@link Tensor#registerHook}; {@link #remove()} unregisters it.
 *
 * <pre>{@code
 * HookHandle h = w.registerHook(g -> g.clamp(-1, 1));   // clip w's gradient in every backward pass
 * h.remove();
 * }</pre>
 */
public final class HookHandle {

    private final Runnable remover;

    HookHandle(Runnable remover) {
        this.remover = remover;
    }

    /** Unregisters the hook; later backward passes no longer call it. A second call does nothing. */
    public void remove() {
        remover.run();
    }
}
