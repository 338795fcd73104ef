package org.autodiff4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autodiff4j.nn.Parameter;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The first steps of SGD, Adam, AdamW and RMSprop on a quadratic and on Rosenbrock, against the
 * update formulas written out here in plain doubles with hand-written gradients.
 */
class FirstOrderOptimizersTest {

    private static final double[] START = {-1.2, 1};
    private static final int STEPS = 6;

    /** A textbook update on plain arrays: state, then the new point from the point and its gradient. */
    interface Reference {
        double[] next(double[] x, double[] g, int t);
    }

    record Case(String name, Function<List<Parameter>, Optimizer> make, java.util.function.Supplier<Reference> reference) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("SGD", ps -> new SGD(ps, 1e-3), () -> (x, g, t) -> sub(x, scale(1e-3, g))),
                new Case("SGD momentum", ps -> new SGD(ps, 1e-3).momentum(0.9), () -> new Reference() {
                    double[] b;

                    public double[] next(double[] x, double[] g, int t) {
                        b = b == null ? g : add(scale(0.9, b), g);
                        return sub(x, scale(1e-3, b));
                    }
                }),
                new Case("SGD Nesterov", ps -> new SGD(ps, 1e-3).momentum(0.9).nesterov(true), () -> new Reference() {
                    double[] b;

                    public double[] next(double[] x, double[] g, int t) {
                        b = b == null ? g : add(scale(0.9, b), g);
                        return sub(x, scale(1e-3, add(g, scale(0.9, b))));
                    }
                }),
                new Case("SGD weight decay, dampening", ps -> new SGD(ps, 1e-3).momentum(0.5).dampening(0.2).weightDecay(0.1),
                        () -> new Reference() {
                            double[] b;

                            public double[] next(double[] x, double[] g, int t) {
                                double[] d = add(g, scale(0.1, x));
                                b = b == null ? d : add(scale(0.5, b), scale(0.8, d));
                                return sub(x, scale(1e-3, b));
                            }
                        }),
                new Case("Adam", ps -> new Adam(ps, 0.05).weightDecay(0.05), () -> adam(0.05, 0.05, false)),
                new Case("Adam betas", ps -> new Adam(ps, 0.05).betas(0.8, 0.9).eps(1e-6), () -> new Reference() {
                    final Reference inner = adamWith(0.05, 0, false, 0.8, 0.9, 1e-6);

                    public double[] next(double[] x, double[] g, int t) {
                        return inner.next(x, g, t);
                    }
                }),
                new Case("AdamW", ps -> new AdamW(ps, 0.05).weightDecay(0.1), () -> adam(0.05, 0.1, true)),
                new Case("RMSprop", ps -> new RMSprop(ps, 0.01), () -> new Reference() {
                    double[] v = {0, 0};

                    public double[] next(double[] x, double[] g, int t) {
                        v = add(scale(0.99, v), scale(0.01, mul(g, g)));
                        double[] out = x.clone();
                        for (int i = 0; i < 2; i++) {
                            out[i] -= 0.01 * g[i] / (Math.sqrt(v[i]) + 1e-8);
                        }
                        return out;
                    }
                }),
                new Case("RMSprop centred, momentum, weight decay",
                        ps -> new RMSprop(ps, 0.01).alpha(0.9).momentum(0.5).centered(true).weightDecay(0.01),
                        () -> new Reference() {
                            double[] v = {0, 0};
                            double[] a = {0, 0};
                            double[] b = {0, 0};

                            public double[] next(double[] x, double[] g0, int t) {
                                double[] g = add(g0, scale(0.01, x));
                                v = add(scale(0.9, v), scale(0.1, mul(g, g)));
                                a = add(scale(0.9, a), scale(0.1, g));
                                double[] out = x.clone();
                                for (int i = 0; i < 2; i++) {
                                    b[i] = 0.5 * b[i] + g[i] / (Math.sqrt(v[i] - a[i] * a[i]) + 1e-8);
                                    out[i] -= 0.01 * b[i];
                                }
                                return out;
                            }
                        }));
    }

    static Reference adam(double lr, double wd, boolean decoupled) {
        return adamWith(lr, wd, decoupled, 0.9, 0.999, 1e-8);
    }

    /** Kingma and Ba's algorithm 1 with bias correction as PyTorch writes it, L2 or decoupled decay. */
    static Reference adamWith(double lr, double wd, boolean decoupled, double b1, double b2, double eps) {
        return new Reference() {
            double[] m = {0, 0};
            double[] v = {0, 0};

            public double[] next(double[] x0, double[] g0, int t) {
                double[] x = decoupled ? scale(1 - lr * wd, x0) : x0;
                double[] g = decoupled ? g0 : add(g0, scale(wd, x0));
                m = add(scale(b1, m), scale(1 - b1, g));
                v = add(scale(b2, v), scale(1 - b2, mul(g, g)));
                double[] out = x.clone();
                for (int i = 0; i < 2; i++) {
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    double vHat = v[i] / (1 - Math.pow(b2, t));
                    out[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
                return out;
            }
        };
    }

    @TestFactory
    Stream<DynamicTest> firstStepsMatchTheFormulas() {
        return cases().flatMap(c -> Stream.of(Problems.values()).map(problem -> DynamicTest.dynamicTest(
                c.name() + " on " + problem, () -> {
                    Parameter p = new Parameter(Tensor.vector(START));
                    Optimizer opt = c.make().apply(List.of(p));
                    Reference ref = c.reference().get();
                    double[] x = START.clone();
                    for (int t = 1; t <= STEPS; t++) {
                        double loss = opt.step(problem.closure(p));
                        assertThat(loss).isFinite();
                        x = ref.next(x, problem.grad(x), t);
                        double[] got = p.value().toDoubleArray();
                        for (int i = 0; i < 2; i++) {
                            assertThat(got[i]).as("step %d, component %d", t, i)
                                    .isCloseTo(x[i], within(1e-12 * Math.max(1, Math.abs(x[i]))));
                        }
                    }
                    assertThat(opt.steps()).isEqualTo(STEPS);
                })));
    }

    @Test
    void hyperparametersAreChecked() {
        List<Parameter> ps = List.of(new Parameter(Tensor.zeros(2)));
        assertThatThrownBy(() -> new SGD(ps, -1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new SGD(List.of(), 0.1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Adam(ps, 0.1).betas(1, 0.9)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> new RMSprop(ps, 0.1).alpha(1)).hasMessageContaining("alpha");
        SGD nesterovAlone = new SGD(ps, 0.1).nesterov(true);
        assertThatThrownBy(() -> nesterovAlone.step(() -> ps.get(0).value().sum()))
                .hasMessageContaining("Nesterov");
    }

    @Test
    void parametersWithoutGradientsStayPut() {
        Parameter used = new Parameter(Tensor.vector(1));
        Parameter unused = new Parameter(Tensor.vector(5));
        Optimizer opt = new Adam(List.of(used, unused), 0.1);
        opt.step(() -> used.value().square().sum());
        assertThat(unused.value().item()).isEqualTo(5);
        assertThat(used.value().item()).isCloseTo(1 - 0.1 * 2 / (2 + 1e-8), within(1e-15));
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1]};
    }

    static double[] mul(double[] a, double[] b) {
        return new double[] {a[0] * b[0], a[1] * b[1]};
    }

    static double[] scale(double s, double[] a) {
        return new double[] {s * a[0], s * a[1]};
    }
}
