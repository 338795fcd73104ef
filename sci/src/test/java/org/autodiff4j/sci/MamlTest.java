package org.autodiff4j.sci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.optim.Adam;
import org.autodiff4j.tensor.Autograd;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * MAML (Finn, Abbeel and Levine 2017) on sinusoid regression, the example of issue 8: one inner SGD
 * step per task, the meta-gradient through it with second derivatives ({@code createGraph}) or
 * without them (first-order MAML).
 */
class MamlTest {

    private static final double INNER_LR = 0.01;
    private static final int SHOTS = 10;

    /** A sinusoid task y = amplitude sin(x + phase), with K support and K query points. */
    record Task(Tensor xs, Tensor ys, Tensor xq, Tensor yq) {
        static Task draw(SplittableRandom rnd) {
            double amplitude = 0.1 + 4.9 * rnd.nextDouble(), phase = Math.PI * rnd.nextDouble();
            double[][] x = new double[2][SHOTS], y = new double[2][SHOTS];
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < SHOTS; i++) {
                    x[s][i] = -5 + 10 * rnd.nextDouble();
                    y[s][i] = amplitude * Math.sin(x[s][i] + phase);
                }
            }
            return new Task(Tensor.of(x[0], SHOTS, 1), Tensor.of(y[0], SHOTS, 1), Tensor.of(x[1], SHOTS, 1),
                    Tensor.of(y[1], SHOTS, 1));
        }
    }

    /** The weights {W1, b1, W2, b2, W3, b3} of a 1-h-h-1 ReLU network, LeCun-initialized. */
    static List<Parameter> network(int hidden, SplittableRandom rnd) {
        return List.of(
                new Parameter(Tensor.randn(rnd, 1, hidden).mul(1.0 / 3)),
                new Parameter(Tensor.zeros(hidden)),
                new Parameter(Tensor.randn(rnd, hidden, hidden).mul(Math.sqrt(1.0 / hidden))),
                new Parameter(Tensor.zeros(hidden)),
                new Parameter(Tensor.randn(rnd, hidden, 1).mul(Math.sqrt(1.0 / hidden))),
                new Parameter(Tensor.zeros(1)));
    }

    static Tensor forward(List<Tensor> w, Tensor x) {
        Tensor h = x.matmul(w.get(0)).add(w.get(1)).relu();
        h = h.matmul(w.get(2)).add(w.get(3)).relu();
        return h.matmul(w.get(4)).add(w.get(5));
    }

    static Tensor mse(List<Tensor> w, Tensor x, Tensor y) {
        return forward(w, x).sub(y).square().mean();
    }

    /** The weights after one SGD step on the support set; differentiable in w when secondOrder. */
    static List<Tensor> adapt(List<Tensor> w, Task task, boolean secondOrder) {
        // NOTE: without createGraph the inner gradient is a constant, which is exactly first-order MAML:
        // the meta-gradient then ignores the Hessian term of d(w - a g(w))/dw = I - a H.
        List<Tensor> g = Autograd.grad(List.of(mse(w, task.xs(), task.ys())), w, secondOrder);
        List<Tensor> adapted = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            adapted.add(w.get(i).sub(g.get(i).mul(INNER_LR)));
        }
        return adapted;
    }

    static Tensor metaLoss(List<Tensor> w, List<Task> tasks, boolean secondOrder) {
        Tensor sum = null;
        for (Task t : tasks) {
            Tensor l = mse(adapt(w, t, secondOrder), t.xq(), t.yq());
            sum = sum == null ? l : sum.add(l);
        }
        return sum.mul(1.0 / tasks.size());
    }

    static List<Tensor> values(List<Parameter> ps) {
        return ps.stream().map(Parameter::value).toList();
    }

    @Test
    void secondOrderMetaGradientMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(4);
        List<Parameter> net = network(8, rnd);
        List<Task> tasks = List.of(Task.draw(rnd), Task.draw(rnd));
        List<Tensor> w = values(net);
        List<Tensor> exact = Autograd.grad(List.of(metaLoss(w, tasks, true)), w, false);
        List<Tensor> firstOrder = Autograd.grad(List.of(metaLoss(w, tasks, false)), w, false);
        double h = 1e-6;
        double maxGap = 0;
        for (int p : new int[] {0, 2, 4}) {
            double[] base = w.get(p).toDoubleArray();
            for (int k = 0; k < Math.min(6, base.length); k++) {
                double fd = centralDifference(net, p, k, h, tasks);
                double ad = exact.get(p).toDoubleArray()[k];
                // central differences of a piecewise-smooth loss: h^2 terms ~1e-12, rounding ~eps L / h ~1e-10
                assertThat(ad).as("param %d[%d]", p, k).isCloseTo(fd, within(1e-7 * (1 + Math.abs(fd))));
                maxGap = Math.max(maxGap, Math.abs(ad - firstOrder.get(p).toDoubleArray()[k]));
            }
        }
        // the Hessian term is there: first-order MAML's gradient is a different one
        assertThat(maxGap).isGreaterThan(1e-6);
    }

    private static double centralDifference(List<Parameter> net, int p, int k, double h, List<Task> tasks) {
        double[] plus = net.get(p).value().toDoubleArray(), minus = plus.clone();
        plus[k] += h;
        minus[k] -= h;
        int[] shape = net.get(p).value().shape().toArray();
        List<Tensor> wp = new ArrayList<>(values(net)), wm = new ArrayList<>(values(net));
        wp.set(p, Tensor.of(plus, shape).requiresGrad());
        wm.set(p, Tensor.of(minus, shape).requiresGrad());
        return (metaLoss(wp, tasks, true).item() - metaLoss(wm, tasks, true).item()) / (2 * h);
    }

    @Test
    void metaTrainingLowersTheLossAfterAdaptationBothWays() {
        for (boolean secondOrder : new boolean[] {true, false}) {
            SplittableRandom rnd = new SplittableRandom(17);
            List<Parameter> net = network(40, rnd);
            List<Task> heldOut = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                heldOut.add(Task.draw(new SplittableRandom(1000 + i)));
            }
            double before = metaLoss(values(net), heldOut, false).item();
            Adam adam = new Adam(net, 0.003);
            for (int iter = 0; iter < 1000; iter++) {
                List<Task> batch = List.of(Task.draw(rnd), Task.draw(rnd), Task.draw(rnd), Task.draw(rnd));
                adam.zeroGrad();
                metaLoss(values(net), batch, secondOrder).backward();
                adam.step();
            }
            double after = metaLoss(values(net), heldOut, false).item();
            System.out.printf("MAML (%s): held-out loss after one inner step %.3f -> %.3f%n",
                    secondOrder ? "second order" : "first order", before, after);
            assertThat(after).as(secondOrder ? "second-order MAML" : "first-order MAML").isLessThan(0.5 * before);
        }
    }
}
