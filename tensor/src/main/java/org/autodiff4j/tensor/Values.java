package org.autodiff4j.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.autodiff4j.tensor.kernel.BinaryFn;
import org.autodiff4j.tensor.kernel.ElementwiseKernels;
import org.autodiff4j.tensor.kernel.ElementwiseReference;
import org.autodiff4j.tensor.kernel.Gemm;
import org.autodiff4j.tensor.kernel.ReduceKernels;
import org.autodiff4j.tensor.kernel.Strides;
import org.autodiff4j.tensor.kernel.UnaryFn;

/**
 * The value side of the primitives: checks shapes and types, picks the F64 or F32 kernel and wraps
 * the result. Nothing here records a graph ({@link Primitive#apply} does); every method returns a
 * new Tensor object, which may share its input's storage (the views).
 */
final class Values {

    private Values() {
    }

    // ---- element-wise --------------------------------------------------------------------------

    /** {@code fn(x)} by its own loop; computed once along the dimensions x repeats (stride 0), a view along them. */
    static Tensor map(Tensor x, UnaryFn fn) {
        boolean dense = x.isContiguous();
        Shape once = dense ? x.shape : repeatedOnce(x.shape, x.strides);
        int n = once.size();
        if (x.dtype == DType.F64) {
            double[] out = ArrayPool.f64(n);
            if (dense) {
                ElementwiseKernels.map(fn, x.f64(), x.offset, out, 0, n);
            } else {
                ElementwiseKernels.map(fn, once.dims(), x.f64(), x.offset, x.strides, out);
            }
            return spread(out, null, once, x.shape);
        }
        float[] out = ArrayPool.f32(n);
        if (dense) {
            ElementwiseKernels.map(fn, x.f32(), x.offset, out, 0, n);
        } else {
            ElementwiseKernels.map(fn, once.dims(), x.f32(), x.offset, x.strides, out);
        }
        return spread(null, out, once, x.shape);
    }

    /** {@code f(x)} for a function without a loop of its own: the reference loop, one call per element. */
    static Tensor map(Tensor x, DoubleUnaryOperator f) {
        int[] off = offsets(x, x.shape);
        if (x.dtype == DType.F64) {
            double[] out = ArrayPool.f64(x.size());
            ElementwiseReference.map(f, x.f64(), x.offset, off, out);
            return Tensor.dense(out, x.shape);
        }
        float[] out = ArrayPool.f32(x.size());
        ElementwiseReference.map(f, x.f32(), x.offset, off, out);
        return Tensor.dense(out, x.shape);
    }

    /**
     * {@code fn(x, y)}, broadcast, by its own loop: one run when both are dense in the result's shape;
     * computed once along the dimensions that both repeat (stride 0), a view along them.
     */
    static Tensor zip(Tensor x, Tensor y, BinaryFn fn, String op) {
        requireSameType(op, x, y);
        Shape shape = x.shape.equals(y.shape) ? x.shape : broadcast(op, x.shape, y.shape);
        if (x.shape.equals(shape) && y.shape.equals(shape) && x.isContiguous() && y.isContiguous()) {
            int n = shape.size();
            if (x.dtype == DType.F64) {
                double[] out = ArrayPool.f64(n);
                ElementwiseKernels.zip(fn, x.f64(), x.offset, y.f64(), y.offset, out, 0, n);
                return Tensor.dense(out, shape);
            }
            float[] out = ArrayPool.f32(n);
            ElementwiseKernels.zip(fn, x.f32(), x.offset, y.f32(), y.offset, out, 0, n);
            return Tensor.dense(out, shape);
        }
        int[] xs = broadcastStrides(x, shape);
        int[] ys = broadcastStrides(y, shape);
        Shape once = repeatedOnce(shape, xs, ys);
        if (x.dtype == DType.F64) {
            double[] out = ArrayPool.f64(once.size());
            ElementwiseKernels.zip(fn, once.dims(), x.f64(), x.offset, xs, y.f64(), y.offset, ys, out);
            return spread(out, null, once, shape);
        }
        float[] out = ArrayPool.f32(once.size());
        ElementwiseKernels.zip(fn, once.dims(), x.f32(), x.offset, xs, y.f32(), y.offset, ys, out);
        return spread(null, out, once, shape);
    }

    /**
     * {@code dst += src} in place, src broadcast to dst's shape. Only for the backward pass's own
     * gradients ({@link Grads}): no other tensor may see dst's storage, and dst repeats no element.
     */
    static void addTo(Tensor dst, Tensor src) {
        requireSameType("add", dst, src);
        if (!src.shape.broadcastsTo(dst.shape)) {
            throw new IllegalArgumentException("add: shape " + src.shape + " cannot be added into " + dst.shape);
        }
        int[] dims = dst.shape.dims();
        int[] ss = broadcastStrides(src, dst.shape);
        if (dst.dtype == DType.F64) {
            ElementwiseKernels.addTo(dims, src.f64(), src.offset, ss, dst.f64(), dst.offset, dst.strides);
        } else {
            ElementwiseKernels.addTo(dims, src.f32(), src.offset, ss, dst.f32(), dst.offset, dst.strides);
        }
    }

    /**
     * {@code chainMul(c x, y)} in one pass when x and y are dense, of one shape and type; else null
     * (then compose {@code x.mul(c).chainMul(y)}, which gives the same values).
     */
    static Tensor scaledChainMul(double c, Tensor x, Tensor y) {
        if (x.dtype != y.dtype || !x.shape.equals(y.shape) || !x.isContiguous() || !y.isContiguous()) {
            return null;
        }
        int n = x.size();
        if (x.dtype == DType.F64) {
            double[] out = ArrayPool.f64(n);
            ElementwiseKernels.scaledChainMul(c, x.f64(), x.offset, y.f64(), y.offset, out, 0, n);
            return Tensor.dense(out, x.shape);
        }
        float[] out = ArrayPool.f32(n);
        ElementwiseKernels.scaledChainMul((float) c, x.f32(), x.offset, y.f32(), y.offset, out, 0, n);
        return Tensor.dense(out, x.shape);
    }

    /**
     * {@code acc += chainMul(c x, y)} in place, in one pass, and true, when acc, x and y are dense,
     * of one shape and type; else false (nothing done). The same values as
     * {@code addTo(acc, x.mul(c).chainMul(y))}. Only for the backward pass's own gradients, as
     * {@link #addTo}: acc shares its storage with no other tensor.
     */
    static boolean addScaledChainMul(Tensor acc, double c, Tensor x, Tensor y) {
        if (acc.dtype != x.dtype || x.dtype != y.dtype || !acc.shape.equals(x.shape) || !x.shape.equals(y.shape)
                || !acc.isContiguous() || !x.isContiguous() || !y.isContiguous()) {
            return false;
        }
        int n = x.size();
        if (x.dtype == DType.F64) {
            ElementwiseKernels.addScaledChainMul(c, x.f64(), x.offset, y.f64(), y.offset, acc.f64(), acc.offset, n);
        } else {
            ElementwiseKernels.addScaledChainMul((float) c, x.f32(), x.offset, y.f32(), y.offset, acc.f32(), acc.offset, n);
        }
        return true;
    }

    /**
     * {@code x + c y} in one pass when x and y are dense, of one shape and type; else null (then
     * compose {@code x.add(y.mul(c))}, which gives the same values: the product is rounded first).
     */
    static Tensor scaledAdd(Tensor x, double c, Tensor y) {
        if (x.dtype != y.dtype || !x.shape.equals(y.shape) || !x.isContiguous() || !y.isContiguous()) {
            return null;
        }
        int n = x.size();
        if (x.dtype == DType.F64) {
            double[] out = ArrayPool.f64(n);
            ElementwiseKernels.scaledAdd(x.f64(), x.offset, c, y.f64(), y.offset, out, 0, n);
            return Tensor.dense(out, x.shape);
        }
        float[] out = ArrayPool.f32(n);
        ElementwiseKernels.scaledAdd(x.f32(), x.offset, (float) c, y.f32(), y.offset, out, 0, n);
        return Tensor.dense(out, x.shape);
    }

    /** {@code f(x, y)}, broadcast, for a function without a loop of its own: the reference loop. */
    static Tensor zip(Tensor x, Tensor y, DoubleBinaryOperator f, String op) {
        requireSameType(op, x, y);
        Shape shape = broadcast(op, x.shape, y.shape);
        int[] xo = offsets(x, shape);
        int[] yo = offsets(y, shape);
        if (x.dtype == DType.F64) {
            double[] out = ArrayPool.f64(shape.size());
            ElementwiseReference.zip(f, x.f64(), x.offset, xo, y.f64(), y.offset, yo, out);
            return Tensor.dense(out, shape);
        }
        float[] out = ArrayPool.f32(shape.size());
        ElementwiseReference.zip(f, x.f32(), x.offset, xo, y.f32(), y.offset, yo, out);
        return Tensor.dense(out, shape);
    }

    /** {@code mask != 0 ? a : b}, broadcast; computed once along the dimensions all three repeat, a view along them. */
    static Tensor select(Tensor mask, Tensor a, Tensor b) {
        requireSameType("where", a, b);
        Shape shape = broadcast("where", broadcast("where", mask.shape, a.shape), b.shape);
        Tensor m = mask.dtype == a.dtype ? mask : cast(mask, a.dtype);
        int[] ms = broadcastStrides(m, shape);
        int[] as = broadcastStrides(a, shape);
        int[] bs = broadcastStrides(b, shape);
        Shape once = repeatedOnce(shape, ms, as, bs);
        int[] dims = once.dims();
        if (a.dtype == DType.F64) {
            double[] out = ArrayPool.f64(once.size());
            ElementwiseKernels.select(dims, m.f64(), m.offset, ms, a.f64(), a.offset, as, b.f64(), b.offset, bs, out);
            return spread(out, null, once, shape);
        }
        float[] out = ArrayPool.f32(once.size());
        ElementwiseKernels.select(dims, m.f32(), m.offset, ms, a.f32(), a.offset, as, b.f32(), b.offset, bs, out);
        return spread(null, out, once, shape);
    }

    /**
     * {@code shape} with extent 1 along the dimensions that every operand repeats (stride 0, strides
     * aligned to shape): an element-wise result is the same along them, so it is computed once and
     * {@linkplain #spread spread} as a view. {@code shape} itself when there are none. NOTE: this
     * keeps a VJP of a broadcast gradient ({@code sum}'s, times a scalar) a scalar's worth of work.
     */
    private static Shape repeatedOnce(Shape shape, int[]... strides) {
        int[] dims = null;
        for (int d = 0; d < shape.rank(); d++) {
            if (shape.dim(d) <= 1) {
                continue;
            }
            boolean repeated = true;
            for (int[] s : strides) {
                repeated &= s[d] == 0;
            }
            if (repeated) {
                if (dims == null) {
                    dims = shape.toArray();
                }
                dims[d] = 1;
            }
        }
        return dims == null ? shape : Shape.of(dims);
    }

    /** The dense values of {@code once} (one array non-null) as a tensor of {@code shape}, a broadcast view if they differ. */
    private static Tensor spread(double[] f64, float[] f32, Shape once, Shape shape) {
        if (once == shape || once.equals(shape)) {
            return f64 != null ? Tensor.dense(f64, shape) : Tensor.dense(f32, shape);
        }
        int[] strides = broadcastStrides(once, Strides.contiguous(once.dims()), shape);
        return new Tensor(f64 != null ? DType.F64 : DType.F32, shape, strides, 0, f64, f32);
    }

    // ---- reductions and products ---------------------------------------------------------------

    /** The reduction of {@code x} to {@code keep}: x's shape with the reduced axes at extent 1. */
    static Tensor reduce(Tensor x, Reduce.Reduction kind, Shape keep) {
        int[] dims = x.shape.dims();
        int[] outStrides = Strides.contiguous(keep.dims());
        for (int d = 0; d < keep.rank(); d++) {
            if (keep.dim(d) == 1) {
                outStrides[d] = 0;
            }
        }
        boolean all = keep.size() == 1 && x.isContiguous();
        if (x.dtype == DType.F64) {
            double[] out = ArrayPool.f64(keep.size());
            if (kind == Reduce.Reduction.SUM && all) {
                out[0] = ReduceKernels.sum(x.f64(), x.offset, 1, x.size());
            } else if (kind == Reduce.Reduction.SUM) {
                ReduceKernels.sum(dims, x.f64(), x.offset, x.strides, outStrides, out);
            } else {
                ReduceKernels.extremum(kind == Reduce.Reduction.MAX, dims, x.f64(), x.offset, x.strides, outStrides, out);
            }
            return Tensor.dense(out, keep);
        }
        float[] out = ArrayPool.f32(keep.size());
        if (kind == Reduce.Reduction.SUM && all) {
            out[0] = (float) ReduceKernels.sum(x.f32(), x.offset, 1, x.size());
        } else if (kind == Reduce.Reduction.SUM) {
            ReduceKernels.sum(dims, x.f32(), x.offset, x.strides, outStrides, out);
        } else {
            ReduceKernels.extremum(kind == Reduce.Reduction.MAX, dims, x.f32(), x.offset, x.strides, outStrides, out);
        }
        return Tensor.dense(out, keep);
    }

    static Tensor matmul(Tensor a, Tensor b) {
        requireSameType("matmul", a, b);
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul needs matrices (rank >= 2), got shapes " + a.shape + " and " + b.shape);
        }
        int n = a.shape.dim(-2);
        int k = a.shape.dim(-1);
        int m = b.shape.dim(-1);
        if (b.shape.dim(-2) != k) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape + " and " + b.shape + " do not match: "
                    + k + " columns vs " + b.shape.dim(-2) + " rows");
        }
        Shape batchA = Shape.of(Arrays.copyOf(a.shape.toArray(), a.rank() - 2));
        Shape batchB = Shape.of(Arrays.copyOf(b.shape.toArray(), b.rank() - 2));
        Shape batch;
        try {
            batch = batchA.broadcast(batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch dimensions of shapes " + a.shape + " and " + b.shape
                    + " do not broadcast", e);
        }
        int[] outDims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        outDims[batch.rank()] = n;
        outDims[batch.rank() + 1] = m;
        Shape outShape = Shape.of(outDims);
        // NOTE: the kernels take strided operands, so transposed and sliced matrices (the VJPs'
        // mT() views) are read in place, never copied; only the output is dense.
        int[] aBase = batchOffsets(a, batch);
        int[] bBase = batchOffsets(b, batch);
        int aRow = a.strides[a.rank() - 2];
        int aCol = a.strides[a.rank() - 1];
        int bRow = b.strides[b.rank() - 2];
        int bCol = b.strides[b.rank() - 1];
        long work = (long) n * k * m;
        if (a.dtype == DType.F64) {
            double[] out = ArrayPool.f64(outShape.size());
            Gemm.batch(aBase.length, work, (i, threads) -> Gemm.multiply(a.f64(), aBase[i], aRow, aCol, b.f64(), bBase[i],
                    bRow, bCol, out, i * n * m, n, k, m, threads));
            return Tensor.dense(out, outShape);
        }
        float[] out = ArrayPool.f32(outShape.size());
        Gemm.batch(aBase.length, work, (i, threads) -> Gemm.multiply(a.f32(), aBase[i], aRow, aCol, b.f32(), bBase[i],
                bRow, bCol, out, i * n * m, n, k, m, threads));
        return Tensor.dense(out, outShape);
    }

    /** Where each matrix of {@code x} (a stack, any strides) starts, for every index of the broadcast {@code batch}. */
    private static int[] batchOffsets(Tensor x, Shape batch) {
        int lead = x.rank() - 2;
        Shape own = Shape.of(Arrays.copyOf(x.shape.toArray(), lead));
        return Strides.offsets(batch.toArray(), broadcastStrides(own, Arrays.copyOf(x.strides, lead), batch), x.offset);
    }

    // ---- views and copies ----------------------------------------------------------------------

    static Tensor reshape(Tensor x, Shape to) {
        if (to.size() != x.size()) {
            throw new IllegalArgumentException("reshape: shape " + x.shape + " (" + x.size() + " elements) cannot become "
                    + to + " (" + to.size() + " elements)");
        }
        int[] strides = Strides.viewStrides(x.shape.dims(), x.strides, to.dims());
        if (strides != null) {
            return new Tensor(x.dtype, to, strides, x.offset, x.f64(), x.f32());
        }
        Tensor src = dense(x);
        return new Tensor(src.dtype, to, Strides.contiguous(to.dims()), src.offset, src.f64(), src.f32());
    }

    static Tensor permute(Tensor x, int[] perm) {
        int[] dims = new int[perm.length];
        int[] strides = new int[perm.length];
        for (int d = 0; d < perm.length; d++) {
            dims[d] = x.shape.dim(perm[d]);
            strides[d] = x.strides[perm[d]];
        }
        return new Tensor(x.dtype, Shape.of(dims), strides, x.offset, x.f64(), x.f32());
    }

    static Tensor expand(Tensor x, Shape to) {
        if (!x.shape.broadcastsTo(to)) {
            throw new IllegalArgumentException("expand: shape " + x.shape + " cannot be broadcast to " + to);
        }
        return new Tensor(x.dtype, to, broadcastStrides(x, to), x.offset, x.f64(), x.f32());
    }

    static Tensor slice(Tensor x, int dim, int from, int to, int step) {
        int count = Math.max(0, (to - from + step - 1) / step);
        int[] dims = x.shape.toArray();
        dims[dim] = count;
        int[] strides = x.strides.clone();
        strides[dim] *= step;
        int offset = count == 0 ? x.offset : x.offset + from * x.strides[dim];
        return new Tensor(x.dtype, Shape.of(dims), strides, offset, x.f64(), x.f32());
    }

    /** Zeros of shape {@code full} with x written at positions {@code from, from + step, ...} of dimension dim. */
    static Tensor sliceScatter(Tensor x, Shape full, int dim, int from, int step) {
        int count = x.shape.dim(dim);
        // NOTE: with step 1 the written region is a block of every outer index: only the rest is zeroed,
        // not all of it and the block again (for a gradient that is most of the array).
        int inner = 1;
        for (int d = dim + 1; d < full.rank(); d++) {
            inner *= full.dim(d);
        }
        int block = full.dim(dim) * inner;
        Tensor out;
        if (x.dtype == DType.F64) {
            double[] d = step == 1 ? ArrayPool.f64(full.size()) : ArrayPool.zerosF64(full.size());
            for (int o = 0; step == 1 && o < full.size(); o += block) {
                Arrays.fill(d, o, o + from * inner, 0);
                Arrays.fill(d, o + (from + count) * inner, o + block, 0);
            }
            out = Tensor.dense(d, full);
        } else {
            float[] f = step == 1 ? ArrayPool.f32(full.size()) : ArrayPool.zerosF32(full.size());
            for (int o = 0; step == 1 && o < full.size(); o += block) {
                Arrays.fill(f, o, o + from * inner, 0);
                Arrays.fill(f, o + (from + count) * inner, o + block, 0);
            }
            out = Tensor.dense(f, full);
        }
        Tensor target = slice(out, dim, from, from + count * step, step);
        int[] dims = x.shape.dims();
        if (x.dtype == DType.F64) {
            Strides.copy(dims, x.f64(), x.offset, x.strides, out.f64(), target.offset, target.strides);
        } else {
            Strides.copy(dims, x.f32(), x.offset, x.strides, out.f32(), target.offset, target.strides);
        }
        return out;
    }

    /** A new dense row-major copy. */
    static Tensor dense(Tensor x) {
        return x.dtype == DType.F64 ? Tensor.dense(copyF64(x), x.shape) : Tensor.dense(copyF32(x), x.shape);
    }

    static Tensor cast(Tensor x, DType to) {
        if (to == DType.F64) {
            return Tensor.dense(x.dtype == DType.F64 ? copyF64(x) : widen(denseF32(x)), x.shape);
        }
        if (x.dtype == DType.F32) {
            return Tensor.dense(copyF32(x), x.shape);
        }
        double[] d = denseF64(x);
        float[] out = ArrayPool.f32(d.length);
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return Tensor.dense(out, x.shape);
    }

    // ---- dense access --------------------------------------------------------------------------

    /** The values in row-major order, as doubles: the storage itself when it already is that (do not modify). */
    static double[] denseF64(Tensor x) {
        if (x.dtype == DType.F32) {
            return widen(denseF32(x));
        }
        if (x.isContiguous() && x.offset == 0 && x.f64().length == x.size()) {
            return x.f64();
        }
        return copyF64(x);
    }

    /** The F32 values in row-major order: the storage itself when it already is that (do not modify). */
    static float[] denseF32(Tensor x) {
        if (x.isContiguous() && x.offset == 0 && x.f32().length == x.size()) {
            return x.f32();
        }
        return copyF32(x);
    }

    private static double[] copyF64(Tensor x) {
        if (x.isContiguous()) {
            double[] out = ArrayPool.f64(x.size());
            System.arraycopy(x.f64(), x.offset, out, 0, out.length);
            return out;
        }
        int[] dims = x.shape.toArray();
        double[] out = ArrayPool.f64(x.size());
        Strides.copy(dims, x.f64(), x.offset, x.strides, out, 0, Strides.contiguous(dims));
        return out;
    }

    private static float[] copyF32(Tensor x) {
        if (x.isContiguous()) {
            float[] out = ArrayPool.f32(x.size());
            System.arraycopy(x.f32(), x.offset, out, 0, out.length);
            return out;
        }
        int[] dims = x.shape.toArray();
        float[] out = ArrayPool.f32(x.size());
        Strides.copy(dims, x.f32(), x.offset, x.strides, out, 0, Strides.contiguous(dims));
        return out;
    }

    private static double[] widen(float[] f) {
        double[] out = ArrayPool.f64(f.length);
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    // ---- shapes and layouts --------------------------------------------------------------------

    /** The flat positions of x's elements broadcast to {@code target}, or null if x is dense in that shape (start at x.offset). */
    private static int[] offsets(Tensor x, Shape target) {
        if (x.shape.equals(target) && x.isContiguous()) {
            return null;
        }
        return Strides.offsets(target.toArray(), broadcastStrides(x, target), x.offset);
    }

    /** x's strides aligned to {@code target}'s dimensions, 0 where x is broadcast. */
    static int[] broadcastStrides(Tensor x, Shape target) {
        return broadcastStrides(x.shape, x.strides, target);
    }

    private static int[] broadcastStrides(Shape shape, int[] strides, Shape target) {
        int[] out = new int[target.rank()];
        int lead = target.rank() - shape.rank();
        for (int d = 0; d < shape.rank(); d++) {
            out[lead + d] = shape.dim(d) == 1 ? 0 : strides[d];
        }
        return out;
    }

    static Shape broadcast(String op, Shape x, Shape y) {
        try {
            return x.broadcast(y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    static void requireSameType(String op, Tensor x, Tensor y) {
        if (x.dtype != y.dtype) {
            throw new IllegalArgumentException(op + ": element types differ, " + x.dtype + " " + x.shape + " and "
                    + y.dtype + " " + y.shape + "; convert one with to(DType." + x.dtype + ")");
        }
    }
}
