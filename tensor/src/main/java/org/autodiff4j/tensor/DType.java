package org.autodiff4j.tensor;

/**
 * The element type of a {@link Tensor}: how its values are stored. Operations never mix types
 * silently: combining an F64 and an F32 tensor is an error, convert one with {@link Tensor#to(DType)}.
 *
 * <pre>{@code
 * Tensor x = Tensor.ones(2, 3);          // F64
 * Tensor y = x.to(DType.F32);            // a float copy; its gradient flows back as F64
 * }</pre>
 */
public enum DType {

    /** 64-bit IEEE 754 ({@code double[]} storage); the default, and the type of gradient checks. */
    F64,

    /** 32-bit IEEE 754 ({@code float[]} storage): half the memory; kernels compute each value in
     * double and round it once, and sums accumulate in double. */
    F32;

    /** {@code x} rounded to this type (unchanged for F64, nearest float for F32). */
    public double round(double x) {
        return this == F32 ? (float) x : x;
    }
}
