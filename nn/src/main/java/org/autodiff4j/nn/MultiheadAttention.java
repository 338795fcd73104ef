package org.autodiff4j.nn;

import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.Tensor;

/**
 * Multi-head attention as PyTorch's {@code nn.MultiheadAttention} with {@code batch_first=True}:
 * queries, keys and values {@code [N, L, embed]} are projected by {@code in_proj_weight}
 * {@code [3 embed, embed]} and {@code in_proj_bias}, split into {@code heads} heads of
 * {@code embed / heads}, attended ({@link F#scaledDotProductAttention}) and joined, then projected
 * by {@code out_proj} (a {@link Linear}). Parameter names are PyTorch's, so state dicts carry over.
 *
 * <pre>{@code
 * MultiheadAttention mha = new MultiheadAttention(64, 4, rng);
 * Tensor y = mha.forward(x, x, x, F.causalMask(x.shape().dim(1)));   // causal self-attention
 * }</pre>
 *
 * <p>Initialization as PyTorch: {@code in_proj_weight} Xavier-uniform, {@code in_proj_bias} and
 * {@code out_proj.bias} zero, {@code out_proj.weight} as a {@link Linear}'s.
 */
public final class MultiheadAttention extends Module {

    private final int embed;
    private final int heads;
    private final Parameter inWeight;
    private final Parameter inBias;
    private final Linear outProj;

    /**
     * Attention over {@code embed} features in {@code heads} heads.
     *
     * @throws IllegalArgumentException if heads does not divide embed
     */
    public MultiheadAttention(int embed, int heads, RandomGenerator rng) {
        if (embed < 1 || heads < 1 || embed % heads != 0) {
            throw new IllegalArgumentException("MultiheadAttention needs heads dividing embed, got " + embed + " and " + heads);
        }
        this.embed = embed;
        this.heads = heads;
        double xavier = Math.sqrt(6.0 / (embed + 3 * embed));
        this.inWeight = registerParameter("in_proj_weight", new Parameter(Linear.uniform(rng, xavier, 3 * embed, embed)));
        this.inBias = registerParameter("in_proj_bias", new Parameter(Tensor.zeros(3 * embed)));
        this.outProj = registerModule("out_proj", new Linear(embed, embed, rng));
        outProj.bias().set(Tensor.zeros(embed));
    }

    /** Self-attention without a mask: {@code forward(x, x, x, null)}. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null);
    }

    /**
     * Attention of {@code query} {@code [N, Lq, embed]} over {@code key} and {@code value}
     * {@code [N, Lk, embed]}; {@code mask} (broadcastable to {@code [N, heads, Lq, Lk]}, non-zero
     * where attending is allowed) or null. Output {@code [N, Lq, embed]}.
     */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor mask) {
        if (query.rank() != 3 || query.shape().dim(2) != embed) {
            throw new IllegalArgumentException("MultiheadAttention(" + embed + ") needs inputs [N, L, " + embed + "], got "
                    + query.shape());
        }
        Tensor w = inWeight.value();
        Tensor b = inBias.value();
        Tensor q = split(F.linear(query, w.slice(0, 0, embed), b.slice(0, 0, embed)));
        Tensor k = split(F.linear(key, w.slice(0, embed, 2 * embed), b.slice(0, embed, 2 * embed)));
        Tensor v = split(F.linear(value, w.slice(0, 2 * embed, 3 * embed), b.slice(0, 2 * embed, 3 * embed)));
        Tensor o = F.scaledDotProductAttention(q, k, v, mask);                  // [N, heads, Lq, d]
        int n = query.shape().dim(0);
        int lq = query.shape().dim(1);
        return outProj.forward(o.permute(0, 2, 1, 3).reshape(n, lq, embed));
    }

    /** {@code [N, L, embed] -> [N, heads, L, embed / heads]}. */
    private Tensor split(Tensor x) {
        int n = x.shape().dim(0);
        int l = x.shape().dim(1);
        return x.reshape(n, l, heads, embed / heads).permute(0, 2, 1, 3);
    }

    @Override
    protected String describe() {
        return "MultiheadAttention(" + embed + ", heads " + heads + ")";
    }
}
