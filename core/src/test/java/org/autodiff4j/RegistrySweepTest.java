package org.autodiff4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.autodiff4j.check.GradCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op of the registry, in every number type, at sampled points of its domain: the value is the
 * plain double computation, the partials match finite differences, and the derivative declared with
 * {@link Real} operations agrees with the double one and is itself right (second order). A new op
 * is tested here without a new test.
 */
class RegistrySweepTest {

    private static final int POINTS = 25;

    /** Points inside and outside every domain, for the NaN-exactly-when test. */
    private static final double[] GRID = {
        Double.NEGATIVE_INFINITY, -1e300, -710, -5, -1.5, -1, -0.5, -0.0, 0.0, 0.5, 1, 1.5, 5, 710, 1e300,
        Double.POSITIVE_INFINITY, Double.NaN
    };

    @TestFactory
    Stream<DynamicTest> valuesAndFirstDerivativesInEveryMode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Op op : Op.values()) {
            for (Modes.Mode mode : Modes.ALL) {
                tests.add(DynamicTest.dynamicTest(op.symbol() + " in " + mode.name(), () -> {
                    SplittableRandom rng = new SplittableRandom(op.ordinal() * 7919L + 17);
                    for (int p = 0; p < POINTS; p++) {
                        double[] x = op.domain().sample(rng);
                        double[] got = mode.apply(op, x);
                        assertThat(got[0]).as("%s%s value", op.symbol(), Arrays.toString(x)).isEqualTo(Modes.plain(op, x));
                        GradCheck.Report report = GradCheck.gradient(Modes.fn(op), x, Arrays.copyOfRange(got, 1, got.length));
                        assertThat(report.passed()).as("%s%s partials: %s", op.symbol(), Arrays.toString(x), report).isTrue();
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> nanExactlyWhenThePlainComputationIsNan() {
        return Arrays.stream(Op.values()).map(op -> DynamicTest.dynamicTest(op.symbol(), () -> {
            for (double a : GRID) {
                for (double b : op.arity() == 1 ? new double[] {0} : GRID) {
                    double[] x = op.arity() == 1 ? new double[] {a} : new double[] {a, b};
                    double plain = Modes.plain(op, x);
                    for (Modes.Mode mode : Modes.ALL) {
                        double got = mode.apply(op, x)[0];
                        assertThat(Double.compare(got, plain))
                                .as("%s%s in %s: %s vs plain %s", op.symbol(), Arrays.toString(x), mode.name(), got, plain)
                                .isZero();
                    }
                }
            }
        }));
    }

    /**
     * The {@link Real} form of each partial at constants equals the double form (the same formula,
     * rounded in a different order: a few ulps), and differentiating it in forward mode gives the
     * second derivative, which is checked against finite differences of the double form.
     */
    @TestFactory
    Stream<DynamicTest> realDerivativesAgreeAndAreRightToSecondOrder() {
        return Arrays.stream(Op.values()).map(op -> DynamicTest.dynamicTest(op.symbol(), () -> {
            SplittableRandom rng = new SplittableRandom(op.ordinal() * 104729L + 3);
            for (int p = 0; p < POINTS; p++) {
                double[] x = op.domain().sample(rng);
                for (int k = 0; k < op.arity(); k++) {
                    int partial = k;
                    ScalarFn asReal = a -> realPartial(op, partial, a);
                    double plain = plainPartial(op, partial, x);
                    double onConstants = asReal.apply(new Real[] {Real.of(x[0]), Real.of(x.length > 1 ? x[1] : 0)}).value();
                    // NOTE: 8 ulp: the two forms are one formula with at most a handful of roundings each.
                    assertThat(onConstants).as("%s partial %d at %s", op.symbol(), k, Arrays.toString(x))
                            .isCloseTo(plain, org.assertj.core.data.Offset.offset(8 * Math.ulp(plain) + Double.MIN_NORMAL));
                    double[] second = new double[op.arity()];
                    for (int j = 0; j < op.arity(); j++) {
                        Real[] in = new Real[2];
                        for (int i = 0; i < 2; i++) {
                            in[i] = Dual.of(i < x.length ? x[i] : 0, i == j ? 1 : 0);
                        }
                        second[j] = tangentOf(asReal.apply(in));
                    }
                    ScalarFn firstDerivative = a -> Real.of(plainPartial(op, partial, values(a)));
                    GradCheck.Report report = GradCheck.gradient(firstDerivative, x, second);
                    assertThat(report.passed()).as("%s second derivatives of partial %d at %s: %s",
                            op.symbol(), k, Arrays.toString(x), report).isTrue();
                }
            }
        }));
    }

    private static Real realPartial(Op op, int k, Real[] a) {
        if (op.arity() == 1) {
            return op.d(a[0], a[0].apply(op));
        }
        Real f = a[0].apply(op, a[1]);
        return k == 0 ? op.dx(a[0], a[1], f) : op.dy(a[0], a[1], f);
    }

    private static double plainPartial(Op op, int k, double[] x) {
        if (op.arity() == 1) {
            return op.d(x[0], op.value(x[0]));
        }
        double f = op.value(x[0], x[1]);
        return k == 0 ? op.dx(x[0], x[1], f) : op.dy(x[0], x[1], f);
    }

    private static double tangentOf(Real r) {
        return r instanceof Dual d ? d.tangent() : 0;
    }

    private static double[] values(Real[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].value();
        }
        return out;
    }
}
