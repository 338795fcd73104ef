package org.autodiff4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;
import org.autodiff4j.tensor.TensorScope;

/**
 * A layer or a network: a function of a tensor with named {@link Parameter}s, buffers (non-trained
 * state, such as running statistics) and submodules, as PyTorch's {@code nn.Module}.
 *
 * <pre>{@code
 * Module net = new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 2, rng));
 * Tensor logits = net.forward(x);
 * net.namedParameters().keySet();       // [0.weight, 0.bias, 2.weight, 2.bias]
 * Map<String, Tensor> state = net.stateDict();
 * }</pre>
 *
 * <p>A subclass registers its parts in its constructor with {@link #registerParameter},
 * {@link #registerBuffer} and {@link #registerModule}; names are joined with dots along the tree.
 * Modules start in training mode.
 */
public abstract class Module {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with no parts, in training mode. */
    protected Module() {
    }

    /**
     * The module applied to {@code x}; its derivative is whatever autograd records.
     *
     * @throws IllegalArgumentException if {@code x}'s shape does not fit the module
     */
    public abstract Tensor forward(Tensor x);

    /** Registers {@code p} under {@code name} and returns it. */
    protected final Parameter registerParameter(String name, Parameter p) {
        checkName(name);
        parameters.put(name, Objects.requireNonNull(p, "parameter " + name + " is null"));
        return p;
    }

    /** Registers the non-trained state {@code value} under {@code name} (saved in the {@link #stateDict()}) and returns it. */
    protected final Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, TensorScope.escape(Objects.requireNonNull(value, "buffer " + name + " is null").detach()));
        return value;
    }

    /** The buffer registered under {@code name}. */
    protected final Tensor buffer(String name) {
        Tensor b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no buffer " + name + " in " + getClass().getSimpleName()
                    + "; buffers: " + buffers.keySet());
        }
        return b;
    }

    /**
     * Replaces the buffer registered under {@code name} (a detached copy is kept, and it outlives any
     * {@link TensorScope} open now).
     */
    protected final void setBuffer(String name, Tensor value) {
        buffer(name);
        buffers.put(name, TensorScope.escape(value.detach()));
    }

    /** Registers {@code m} as a submodule under {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M m) {
        checkName(name);
        modules.put(name, Objects.requireNonNull(m, "module " + name + " is null"));
        return m;
    }

    private void checkName(String name) {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a part's name must be non-empty and without dots, got '" + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || modules.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " already has a part named " + name);
        }
    }

    /** The direct submodules by name, in registration order. */
    public final Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(modules);
    }

    /** All parameters of this module and its submodules, depth first in registration order. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** All parameters by dotted path ({@code "0.weight"}, {@code "encoder.1.bias"}), depth first in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        modules.forEach((name, m) -> m.collectParameters(prefix + name + ".", out));
    }

    /** The number of trainable scalars: the sum of the parameters' sizes. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().size();
        }
        return n;
    }

    /** Puts this module and its submodules in training mode (dropout active, batch statistics) and returns it. */
    public final Module train() {
        return setTraining(true);
    }

    /** Puts this module and its submodules in evaluation mode (dropout off, running statistics) and returns it. */
    public final Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean on) {
        training = on;
        modules.values().forEach(m -> m.setTraining(on));
        return this;
    }

    /** True in training mode (the default), false after {@link #eval()}. */
    public final boolean isTraining() {
        return training;
    }

    /** Forgets the gradients of all parameters. */
    public final void zeroGrad() {
        parameters().forEach(Parameter::zeroGrad);
    }

    /** Converts all parameters and buffers to {@code dtype} and returns this module. */
    public final Module to(DType dtype) {
        parameters.values().forEach(p -> p.to(dtype));
        buffers.replaceAll((name, b) -> b.to(dtype));
        modules.values().forEach(m -> m.to(dtype));
        return this;
    }

    /**
     * The parameters' and buffers' current values by dotted name (detached, sharing storage), in the
     * order of {@link #namedParameters()} with each module's buffers after its parameters; what
     * {@link org.autodiff4j.io.Safetensors#save} writes.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p.value().detach()));
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        modules.forEach((name, m) -> m.collectState(prefix + name + ".", out));
    }

    /**
     * Sets every parameter and buffer from {@code state} (values converted to each one's type).
     * Nothing changes unless every key matches: the exception lists all missing keys, unexpected keys
     * and shape mismatches at once.
     *
     * @throws IllegalArgumentException if a key is missing or unexpected, or a shape differs
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "state must not be null");
        Map<String, Tensor> own = stateDict();
        TreeSet<String> missing = new TreeSet<>(own.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(own.keySet());
        List<String> mismatched = new ArrayList<>();
        own.forEach((key, t) -> {
            Tensor s = state.get(key);
            if (s != null && !s.shape().equals(t.shape())) {
                mismatched.add(key + ": expected shape " + t.shape() + ", got " + s.shape());
            }
        });
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder msg = new StringBuilder("loadStateDict into " + getClass().getSimpleName() + " failed:");
            if (!missing.isEmpty()) {
                msg.append(" missing keys ").append(missing).append(';');
            }
            if (!unexpected.isEmpty()) {
                msg.append(" unexpected keys ").append(unexpected).append(';');
            }
            if (!mismatched.isEmpty()) {
                msg.append(" shape mismatches ").append(mismatched).append(';');
            }
            throw new IllegalArgumentException(msg.substring(0, msg.length() - 1));
        }
        assignState("", state);
    }

    private void assignState(String prefix, Map<String, Tensor> state) {
        parameters.forEach((name, p) -> p.set(state.get(prefix + name).detach().to(p.value().dtype())));
        buffers.replaceAll((name, b) -> state.get(prefix + name).detach().to(b.dtype()));
        modules.forEach((name, m) -> m.assignState(prefix + name + ".", state));
    }

    /** The module tree, one part per line, as {@code Sequential(0: Linear(2 -> 16), 1: ReLU)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describe());
        if (!modules.isEmpty()) {
            sb.append('(');
            String sep = "";
            for (Map.Entry<String, Module> e : modules.entrySet()) {
                sb.append(sep).append(e.getKey()).append(": ").append(e.getValue());
                sep = ", ";
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** This module's own description without its children, as {@code Linear(2 -> 16)}; the class name by default. */
    protected String describe() {
        return getClass().getSimpleName();
    }
}
