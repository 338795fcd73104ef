package org.autodiff4j.nn;

import org.autodiff4j.tensor.Tensor;

/**
 * Modules applied one after another, named {@code "0"}, {@code "1"}, ... in the parameters' names.
 *
 * <pre>{@code
 * Module mlp = new Sequential(new Linear(2, 64, rng), new Tanh(), new Linear(64, 2, rng));
 * mlp.namedParameters().keySet();      // [0.weight, 0.bias, 2.weight, 2.bias]
 * }</pre>
 */
public final class Sequential extends Module {

    private final Module[] layers;

    /** The modules in the order they are applied. */
    public Sequential(Module... layers) {
        this.layers = layers.clone();
        for (int i = 0; i < layers.length; i++) {
            registerModule(Integer.toString(i), layers[i]);
        }
    }

    /** {@code x} passed through each module in turn; derivative by the chain rule. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x;
        for (Module m : layers) {
            out = m.forward(out);
        }
        return out;
    }

    /** The number of modules. */
    public int size() {
        return layers.length;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        return layers[index];
    }
}
