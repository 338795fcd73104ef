package org.autodiff4j.optim;

import java.util.List;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.NoGrad;
import org.autodiff4j.tensor.Tensor;

/** Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradClip {

    private GradClip() {
    }

    /**
     * Rescales the parameters' gradients together so that their joint Euclidean norm is at most
     * {@code maxNorm}: when the norm {@code N} exceeds it, each gradient is multiplied by
     * {@code maxNorm / (N + 1e-6)}. Returns N, the norm before clipping. Parameters without a
     * gradient are skipped.
     *
     * <pre>{@code
     * loss.backward();
     * GradClip.clipGradNorm(model.parameters(), 1.0);
     * opt.step();
     * }</pre>
     *
     * @throws IllegalArgumentException if maxNorm is not positive
     */
    public static double clipGradNorm(List<Parameter> params, double maxNorm) {
        Optimizer.require(maxNorm > 0, "clipGradNorm: maxNorm must be > 0", maxNorm);
        try (NoGrad _ = NoGrad.enter()) {
            double sumSquares = 0;
            for (Parameter p : params) {
                if (p.grad() != null) {
                    sumSquares += p.grad().square().sum().item();
                }
            }
            double norm = Math.sqrt(sumSquares);
            // NOTE: 1e-6 in the denominator as PyTorch, so a clipped norm lands just below maxNorm.
            double coefficient = maxNorm / (norm + 1e-6);
            if (coefficient < 1) {
                for (Parameter p : params) {
                    Tensor g = p.grad();
                    if (g != null) {
                        p.setGrad(g.mul(coefficient));
                    }
                }
            }
            return norm;
        }
    }
}
