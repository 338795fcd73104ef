package org.autodiff4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The registry sweep: every primitive, over the sampled shapes of {@link PrimitiveCases}, is
 * gradchecked and gradgradchecked in F64, and its F32 values and gradients agree with F64 within a
 * float tolerance.
 */
class PrimitiveRegistryTest {

    private static final long SEED = 20260601;

    @Test
    void everyKindOfPrimitiveHasCases() {
        List<PrimitiveCases.Case> cases = PrimitiveCases.all(SEED);
        for (Class<?> kind : Primitive.class.getPermittedSubclasses()) {
            assertThat(cases).as("sample cases for primitive " + kind.getSimpleName())
                    .anyMatch(c -> kind.isInstance(c.primitive()));
        }
        for (Unary u : Unary.values()) {
            assertThat(cases).as("cases for " + u).anyMatch(c -> c.primitive() == u);
        }
        for (Binary b : Binary.values()) {
            assertThat(cases).as("cases for " + b).anyMatch(c -> c.primitive() == b);
        }
    }

    @TestFactory
    Stream<DynamicTest> gradcheck() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        return PrimitiveCases.all(SEED).stream().map(c -> DynamicTest.dynamicTest(c.toString(),
                () -> TensorGradCheck.gradcheck(c.f(), c.inputs(), rng).requirePassed()));
    }

    @TestFactory
    Stream<DynamicTest> gradgradcheck() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        return PrimitiveCases.all(SEED).stream().map(c -> DynamicTest.dynamicTest(c.toString(),
                () -> TensorGradCheck.gradgradcheck(c.f(), c.inputs(), rng).requirePassed()));
    }

    @TestFactory
    Stream<DynamicTest> f32AgreesWithF64() {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        return PrimitiveCases.all(SEED).stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            long seed = rng.nextLong();
            Run f64 = run(c, DType.F64, new SplittableRandom(seed));
            Run f32 = run(c, DType.F32, new SplittableRandom(seed));
            assertClose(c + " value", f32.value, f64.value);
            for (int j = 0; j < f64.grads.size(); j++) {
                assertClose(c + " gradient " + j, f32.grads.get(j), f64.grads.get(j));
            }
        }));
    }

    private record Run(double[] value, List<double[]> grads) {
    }

    /** The value and the gradient of {@code sum(w * f(x))} with inputs of the given type, w from a fixed seed. */
    private static Run run(PrimitiveCases.Case c, DType dtype, SplittableRandom rng) {
        List<Tensor> xs = new ArrayList<>();
        for (Tensor x : c.inputs()) {
            xs.add(x.detach().to(dtype).requiresGrad());
        }
        Tensor out = c.f().apply(xs);
        Tensor w = Tensor.randn(rng, out.shape().toArray()).to(out.dtype());
        Tensor s = out.mul(w).sum();
        List<double[]> grads = new ArrayList<>();
        if (s.tracksGrad()) {
            for (Tensor g : Autograd.grad(List.of(s), xs, false)) {
                assertThat(g.dtype()).as("gradient type").isEqualTo(dtype);
                grads.add(g.toDoubleArray());
            }
        }
        return new Run(out.toDoubleArray(), grads);
    }

    private static void assertClose(String what, double[] f32, double[] f64) {
        assertThat(f32).as(what + " length").hasSameSizeAs(f64);
        double scale = 1;
        for (double v : f64) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < f64.length; i++) {
            // NOTE: a few float ulps of the largest magnitude: inputs rounded to float move values by that much.
            assertThat(f32[i]).as(what + " [" + i + "]").isCloseTo(f64[i], org.assertj.core.data.Offset.offset(1e-5 * scale));
        }
    }
}
