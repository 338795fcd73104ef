package org.autodiff4j.nn;

import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Tensor;

/**
 * A lookup table ({@link F#embedding}): index i gives row i of {@code weight}
 * {@code [numEmbeddings, dim]}, initialized standard normal as PyTorch's {@code nn.Embedding}.
 *
 * <pre>{@code new Embedding(1000, 64, rng).forward(tokens);   // tokens [N, L] -> [N, L, 64]}</pre>
 */
public final class Embedding extends Module {

    private final int numEmbeddings;
    private final int dim;
    private final Parameter weight;

    /** A table of {@code numEmbeddings} rows of {@code dim}, drawn from {@code rng}. */
    public Embedding(int numEmbeddings, int dim, RandomGenerator rng) {
        if (numEmbeddings < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding needs positive sizes, got " + numEmbeddings + " x " + dim);
        }
        this.numEmbeddings = numEmbeddings;
        this.dim = dim;
        this.weight = registerParameter("weight", new Parameter(Tensor.randn(rng, numEmbeddings, dim)));
    }

    /** The rows for the whole-number {@code indices} (any shape): shape {@code indices.shape + [dim]}. */
    @Override
    public Tensor forward(Tensor indices) {
        return F.embedding(indices, weight.value());
    }

    /** The table, {@code [numEmbeddings, dim]}. */
    public Parameter weight() {
        return weight;
    }

    @Override
    protected String describe() {
        return "Embedding(" + numEmbeddings + ", " + dim + ")";
    }
}
