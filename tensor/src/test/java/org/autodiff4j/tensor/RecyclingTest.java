package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The backward pass's reuse of dead arrays ({@link Grads}, {@link ArrayPool}): gradients equal those
 * of a pass that recycles nothing (F64 and F32, gradients accumulated in place included), and no
 * array a user can still reach is ever reused: not a leaf's
 * gradient, not one a hook kept, not a returned gradient, not what a checkpointed segment kept.
 * The tensors are large enough (3000 elements) to be pooled.
 */
class RecyclingTest {

    static final int ROWS = 40;
    static final int COLS = 75;

    static Tensor random(SplittableRandom rng) {
        double[] d = new double[ROWS * COLS];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble(-2, 2);
        }
        return Tensor.of(d, ROWS, COLS);
    }

    /**
     * A random graph over x and y (shapes [ROWS, COLS]) that reuses intermediates, slices and
     * broadcasts. NOTE: only correctly rounded operations (no exp, tanh, pow), whose results do not
     * depend on whether the JIT has compiled them yet, and bounded ones, so the passes compared
     * agree to the bit.
     */
    static Tensor randomGraph(SplittableRandom rng, Tensor x, Tensor y) {
        List<Tensor> ts = new ArrayList<>(List.of(x, y));
        for (int step = 0; step < 12; step++) {
            Tensor a = ts.get(rng.nextInt(ts.size()));
            Tensor b = ts.get(rng.nextInt(ts.size()));
            Tensor t = switch (rng.nextInt(12)) {
                case 0 -> a.add(b).mul(0.5);
                case 1 -> a.sub(b).mul(0.5);
                case 2 -> {
                    Tensor p = a.mul(b);
                    yield p.div(p.abs().add(1));
                }
                case 3 -> a.square().div(a.square().add(1));
                case 4 -> a.neg().maximum(b);
                case 5 -> a.sub(a.mean(new int[] {1}, true));
                case 6 -> Tensor.cat(0, a.slice(0, ROWS / 2, ROWS), a.slice(0, 0, ROWS / 2));
                case 7 -> a.transpose(0, 1).mul(0.5).transpose(0, 1);
                case 8 -> a.sub(a.max(new int[] {0}, true).mul(0.5));
                case 9 -> a.relu().sub(b.abs().mul(0.5));
                case 10 -> a.slice(1, 0, COLS, 2).square().mean().add(b);
                default -> Tensor.cat(1, a.slice(1, 0, 30).mul(b.slice(1, 0, 30)), a.slice(1, 30, COLS));
            };
            ts.add(t);
        }
        Tensor out = ts.getLast().sum().add(x.mul(y).mean());
        for (int k = 0; k < 3; k++) {
            out = out.add(ts.get(rng.nextInt(ts.size())).square().mean());
        }
        return out;
    }

    static void assertSameValues(Tensor actual, Tensor expected, String what) {
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        assertThat(a).as(what).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as(what + " at " + i).isCloseTo(e[i], within(0.0));   // -0.0 and 0.0 alike
        }
    }

    @Test
    void gradientsEqualThoseOfAPassThatRecyclesNothing() {
        SplittableRandom rng = new SplittableRandom(11);
        List<Tensor> kept = new ArrayList<>();
        List<double[]> snapshots = new ArrayList<>();
        for (int trial = 0; trial < 60; trial++) {
            long seed = rng.nextLong();
            DType dtype = trial % 3 == 0 ? DType.F32 : DType.F64;
            Tensor x = random(rng).to(dtype).requiresGrad();
            Tensor y = random(rng).to(dtype).requiresGrad();
            // createGraph records the VJPs, so that pass recycles nothing: the reference.
            List<Tensor> expected = Autograd.grad(List.of(randomGraph(new SplittableRandom(seed), x, y)),
                    List.of(x, y), true);
            List<Tensor> actual = Autograd.grad(List.of(randomGraph(new SplittableRandom(seed), x, y)),
                    List.of(x, y), false);
            Tensor out = randomGraph(new SplittableRandom(seed), x, y);
            out.backward();
            for (int j = 0; j < 2; j++) {
                assertSameValues(actual.get(j), expected.get(j), "trial " + trial + " grad " + j);
                kept.add(actual.get(j));
                snapshots.add(actual.get(j).toDoubleArray());
            }
            assertSameValues(x.grad(), expected.get(0), "trial " + trial + " x.grad()");
            assertSameValues(y.grad(), expected.get(1), "trial " + trial + " y.grad()");
            kept.add(x.grad());
            snapshots.add(x.grad().toDoubleArray());
        }
        // Later passes reused the pool many times: every gradient handed out is still intact.
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i).toDoubleArray()).as("gradient " + i).containsExactly(snapshots.get(i));
        }
    }

    @Test
    void aGradientAHookKeepsIsNeverReused() {
        SplittableRandom rng = new SplittableRandom(12);
        Tensor x = random(rng).requiresGrad();
        List<Tensor> seen = new ArrayList<>();
        Tensor h = x.square().tanh();
        h.registerHook(g -> {
            seen.add(g);
            return null;
        });
        h.mul(h).sum().backward();
        double[] snapshot = seen.getFirst().toDoubleArray();
        for (int k = 0; k < 5; k++) {
            Tensor z = random(rng).requiresGrad();
            z.square().tanh().mul(z).sum().backward();
        }
        assertThat(seen.getFirst().toDoubleArray()).containsExactly(snapshot);
    }

    @Test
    void whatACheckpointedSegmentKeepsIsNeverReused() {
        SplittableRandom rng = new SplittableRandom(13);
        Tensor x = random(rng).requiresGrad();
        List<Tensor> kept = new ArrayList<>();
        Tensor y = Autograd.checkpoint(t -> {
            try (NoGrad off = NoGrad.enter()) {
                kept.add(t.exp());
            }
            return t.square().tanh();
        }, x);
        y.mul(y).sum().backward();
        List<double[]> snapshots = kept.stream().map(Tensor::toDoubleArray).toList();
        for (int k = 0; k < 5; k++) {
            Tensor z = random(rng).requiresGrad();
            z.square().tanh().mul(z).sum().backward();
        }
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i).toDoubleArray()).containsExactly(snapshots.get(i));
        }
    }

    @Test
    void theBackwardPassGivesBackItsTemporaries() {
        SplittableRandom rng = new SplittableRandom(14);
        Tensor x = random(rng).requiresGrad();
        x.square().tanh().mul(x).sum().backward();
        double[] reused = ArrayPool.f64(ROWS * COLS);
        assertThat(reused).as("a recycled array, not a new one of zeros").isNotEqualTo(new double[ROWS * COLS]);
    }

    @Test
    void aSliceGradientIsZeroOutsideTheSliceAlsoInARecycledArray() {
        SplittableRandom rng = new SplittableRandom(15);
        for (int dim = 0; dim < 2; dim++) {
            for (int step = 1; step <= 2; step++) {
                double[] junk = new double[ROWS * COLS];
                java.util.Arrays.fill(junk, Double.NaN);
                ArrayPool.release(junk);
                Tensor x = random(rng).requiresGrad();
                Tensor g = Autograd.grad(List.of(x.slice(dim, 3, 20, step).sum()), List.of(x), false).getFirst();
                for (int i = 0; i < ROWS; i++) {
                    for (int j = 0; j < COLS; j++) {
                        int k = dim == 0 ? i : j;
                        double expected = k >= 3 && k < 20 && (k - 3) % step == 0 ? 1 : 0;
                        assertThat(g.get(i, j)).as("dim %d step %d at (%d, %d)", dim, step, i, j).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void anArrayReleasedTwiceIsRefused() {
        double[] a = new double[ArrayPool.MIN_LENGTH];
        ArrayPool.release(a);
        assertThatThrownBy(() -> ArrayPool.release(a)).isInstanceOf(IllegalStateException.class);
        assertThat(ArrayPool.f64(a.length)).isSameAs(a);
    }
}
