package org.autodiff4j.spark;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;

/**
 * A model's state (its {@link Module#stateDict()}: parameters, then each module's buffers, in that
 * order) as one flat primitive array, what {@link DataParallel} broadcasts each step: a
 * {@code float[]} when every tensor is F32, else a {@code double[]} (which holds F32 values exactly).
 *
 * <p>NOTE: a flat array serializes as one bulk copy and is read back without parsing; the
 * safetensors bytes it replaced cost a JSON header, a {@code ByteBuffer} pass each way and building
 * a map of tensors on every task (about 2 ms of a 4096-example Fashion-MNIST step's task).
 */
final class FlatState {

    private FlatState() {
    }

    /** The model's state values, flattened in {@code stateDict()} order. */
    static Object of(Module model) {
        return flatten(model.stateDict().values());
    }

    /**
     * The values of {@code tensors}, one after another, in one array: a {@code float[]} when every
     * tensor is F32 (no double copy to convert back when it is written), else a {@code double[]}.
     */
    static Object flatten(Collection<Tensor> tensors) {
        boolean f32 = true;
        int n = 0;
        for (Tensor t : tensors) {
            f32 &= t.dtype() == DType.F32;
            n += t.size();
        }
        float[] floats = f32 ? new float[n] : null;
        double[] doubles = f32 ? null : new double[n];
        int at = 0;
        for (Tensor t : tensors) {
            double[] v = t.toDoubleArray();
            if (f32) {
                for (int i = 0; i < v.length; i++) {
                    floats[at + i] = (float) v[i];
                }
            } else {
                System.arraycopy(v, 0, doubles, at, v.length);
            }
            at += v.length;
        }
        return f32 ? floats : doubles;
    }

    /**
     * Sets {@code model}'s state from {@code flat} (a {@code float[]} or {@code double[]} written by
     * {@link #of} from a model of the same architecture).
     *
     * @throws IllegalArgumentException if the number of values differs from the model's
     */
    static void load(Module model, Object flat) {
        int length = flat instanceof float[] f ? f.length : ((double[]) flat).length;
        Map<String, Tensor> own = model.stateDict();
        List<Parameter> params = model.parameters();
        long n = 0;
        for (Tensor t : own.values()) {
            n += t.size();
        }
        if (n != length) {
            throw new IllegalArgumentException("the broadcast state holds " + length + " values, this executor's model "
                    + n + ": do all model factory calls build the same architecture?");
        }
        if (own.size() == params.size()) {
            // No buffers: set the parameters directly, skipping loadStateDict's maps and checks.
            int at = 0;
            for (Parameter p : params) {
                Tensor v = p.value();
                p.set(slice(flat, at, v));
                at += v.size();
            }
            return;
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            state.put(e.getKey(), slice(flat, at, e.getValue()));
            at += e.getValue().size();
        }
        model.loadStateDict(state);
    }

    /** The {@code like.size()} values of {@code flat} from {@code at}, shaped and typed as {@code like}. */
    private static Tensor slice(Object flat, int at, Tensor like) {
        double[] v = new double[like.size()];
        if (flat instanceof float[] f) {
            for (int i = 0; i < v.length; i++) {
                v[i] = f[at + i];
            }
        } else {
            System.arraycopy((double[]) flat, at, v, 0, v.length);
        }
        return Tensor.of(v, like.shape().toArray()).to(like.dtype());
    }
}
