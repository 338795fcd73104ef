package org.autodiff4j.tensor;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.autodiff4j.tensor.kernel.BinaryFn;
import org.autodiff4j.tensor.kernel.Strides;

/**
 * An n-dimensional array of {@link DType#F64} or {@link DType#F32} numbers with reverse-mode
 * autograd: a shape, strides and an offset over a flat primitive array ({@code double[]} or
 * {@code float[]}). Values are immutable; views ({@link #reshape}, {@link #transpose},
 * {@link #slice}, {@link #expand}, ...) share their storage without copying.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(rng, 784, 128).requiresGrad();
 * Tensor loss = x.matmul(w).relu().logSoftmax(1).mul(targets).sum().neg();
 * loss.backward();            // w.grad() now holds dloss/dw
 * }</pre>
 *
 * <p>Element-wise operations broadcast by NumPy's rules ({@link Shape#broadcast}); mixing F64 and
 * F32 is an error (convert with {@link #to}). When a tensor that {@linkplain #tracksGrad() tracks
 * gradients} enters an operation, the operation is recorded; {@link #backward()} or
 * {@link Autograd#grad} then run the recorded graph backwards. The derivative each method states is
 * what the backward pass applies; methods marked "composite" have no rule of their own and are
 * differentiated through the primitives they are written with. Not thread-safe while recording.
 */
public final class Tensor {

    final DType dtype;
    final Shape shape;
    final int[] strides;
    final int offset;
    /** The storage: exactly one of the two arrays is non-null, as the dtype says. */
    final double[] f64;
    final float[] f32;

    /** {@link #isContiguous()}, once known: {@link #CONTIGUOUS}, {@link #STRIDED} or 0 (not yet computed). */
    private byte layout;
    private static final byte CONTIGUOUS = 1;
    private static final byte STRIDED = 2;

    /** The operation that computed this tensor, or null for a leaf. */
    private Node node;
    /** Set on a leaf by {@link #requiresGrad()}: backward accumulates into {@link #grad}. */
    private boolean requiresGrad;
    private Tensor grad;
    /** This tensor's standing with the {@link TensorScope} it was created in: {@link TensorScope#TRACKED} and so on. */
    byte scopeState;
    /** The scope that tracks this tensor, if any. */
    TensorScope scopeOwner;

    Tensor(DType dtype, Shape shape, int[] strides, int offset, double[] f64, float[] f32) {
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.f64 = f64;
        this.f32 = f32;
        if (TensorScope.anyOpen()) {
            TensorScope.created(this);
        }
    }

    /** The F64 storage (null for F32); every read of the values goes through here or {@link #f32()}. */
    double[] f64() {
        if (scopeState == TensorScope.RELEASED) {
            throw TensorScope.released(this);
        }
        return f64;
    }

    /** The F32 storage (null for F64). */
    float[] f32() {
        if (scopeState == TensorScope.RELEASED) {
            throw TensorScope.released(this);
        }
        return f32;
    }

    /** Wraps a dense row-major array, without copying. */
    static Tensor dense(double[] data, Shape shape) {
        return new Tensor(DType.F64, shape, Strides.contiguous(shape.dims()), 0, data, null);
    }

    /** Wraps a dense row-major float array, without copying. */
    static Tensor dense(float[] data, Shape shape) {
        return new Tensor(DType.F32, shape, Strides.contiguous(shape.dims()), 0, null, data);
    }

    // ---- creation ------------------------------------------------------------------------------

    /**
     * A matrix with the given rows (copied), F64. For a vector use {@link #vector} or
     * {@code of(values, n)}.
     *
     * <pre>{@code Tensor.of(new double[] {1, 2}, new double[] {3, 4});   // [[1, 2], [3, 4]], shape [2, 2]}</pre>
     *
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(double[]... rows) {
        Objects.requireNonNull(rows, "rows must not be null");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return dense(data, Shape.of(rows.length, cols));
    }

    /**
     * The values (copied, row-major) under the given shape, F64; one extent may be -1 and is then
     * inferred. {@code of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)} is a 2 x 3 matrix.
     *
     * @throws IllegalArgumentException if the shape does not hold exactly {@code values.length} elements
     */
    public static Tensor of(double[] values, int... shape) {
        Objects.requireNonNull(values, "values must not be null");
        Shape s = inferShape(shape, values.length, "of");
        return dense(values.clone(), s);
    }

    /** A 1-D F64 tensor of the values (copied): {@code vector(1, 2, 3)} has shape [3]. */
    public static Tensor vector(double... values) {
        return dense(values.clone(), Shape.of(values.length));
    }

    /** A rank-0 F64 tensor holding {@code value}; it broadcasts against any shape. */
    public static Tensor scalar(double value) {
        return dense(new double[] {value}, Shape.of());
    }

    /** A rank-0 tensor of the given type holding {@code value} (rounded for F32). */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    /** F64 zeros of the given shape: {@code zeros(2, 3)}. */
    public static Tensor zeros(int... shape) {
        return full(DType.F64, 0, shape);
    }

    /** Zeros of the given type and shape. */
    public static Tensor zeros(DType dtype, int... shape) {
        return full(dtype, 0, shape);
    }

    /** F64 ones of the given shape. */
    public static Tensor ones(int... shape) {
        return full(DType.F64, 1, shape);
    }

    /** Ones of the given type and shape. */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** An F64 tensor of the given shape filled with {@code value}: {@code full(0.5, 2, 2)}. */
    public static Tensor full(double value, int... shape) {
        return full(DType.F64, value, shape);
    }

    /** A tensor of the given type and shape filled with {@code value} (rounded for F32). */
    public static Tensor full(DType dtype, double value, int... shape) {
        Objects.requireNonNull(dtype, "dtype must not be null");
        Shape s = Shape.of(shape);
        if (dtype == DType.F64) {
            double[] d = new double[s.size()];
            Arrays.fill(d, value);
            return dense(d, s);
        }
        float[] f = new float[s.size()];
        Arrays.fill(f, (float) value);
        return dense(f, s);
    }

    /** {@code [0, 1, ..., n-1]} as F64: {@code arange(3)} is [0, 1, 2]. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * {@code start, start + step, ...} below {@code end} (above it for a negative step), F64;
     * each value is {@code start + i * step}, so rounding does not accumulate.
     */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange needs finite start, end and a non-zero step, got "
                    + start + ", " + end + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return dense(d, Shape.of(n));
    }

    /** The n x n F64 identity matrix. */
    public static Tensor eye(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return dense(d, Shape.of(n, n));
    }

    /** F64 values drawn uniformly from [0, 1) with {@code rng}: {@code rand(new SplittableRandom(1), 3, 4)}. */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble();
        }
        return dense(d, s);
    }

    /** F64 values drawn from the standard normal distribution with {@code rng}. */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return dense(d, s);
    }

    // ---- access --------------------------------------------------------------------------------

    /** The extents of the dimensions. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.rank();
    }

    /** The number of elements. */
    public int size() {
        return shape.size();
    }

    /**
     * The single value of a one-element tensor (any rank).
     *
     * @throws IllegalStateException if the tensor does not have exactly one element
     */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, got shape " + shape);
        }
        return at(offset);
    }

    /** The element at {@code index} (one index per dimension, negative ones counting from the end). */
    public double get(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for shape " + shape + " of rank " + rank());
        }
        int p = offset;
        for (int d = 0; d < index.length; d++) {
            int i = index[d] < 0 ? index[d] + shape.dim(d) : index[d];
            if (i < 0 || i >= shape.dim(d)) {
                throw new IndexOutOfBoundsException("get: index " + index[d] + " out of range for dimension " + d
                        + " of shape " + shape);
            }
            p += i * strides[d];
        }
        return at(p);
    }

    /** The values in row-major order, as a new array of doubles. */
    public double[] toDoubleArray() {
        double[] d = Values.denseF64(this);
        return d == f64 ? d.clone() : d;
    }

    /** True if the elements lie in row-major order at consecutive positions of the storage. */
    public boolean isContiguous() {
        if (layout == 0) {
            layout = Strides.isContiguous(shape.dims(), strides) ? CONTIGUOUS : STRIDED;
        }
        return layout == CONTIGUOUS;
    }

    /**
     * The values as nested brackets, with the shape and type when not obvious, summarized with
     * {@code ...} past 1000 elements: {@code tensor([[1, 2], [3, 4]])}.
     */
    @Override
    public String toString() {
        if (scopeState == TensorScope.RELEASED) {
            return "tensor(released by its TensorScope, shape=" + shape + ", dtype=" + dtype + ")";
        }
        return TensorFormat.format(this);
    }

    double at(int flat) {
        return dtype == DType.F64 ? f64()[flat] : f32()[flat];
    }

    // ---- conversion and views ------------------------------------------------------------------

    /**
     * This tensor converted to {@code dtype} (itself if it already has it); the gradient flows back
     * converted to this tensor's type.
     */
    public Tensor to(DType dtype) {
        return dtype == this.dtype ? this : new Cast(dtype).apply(this);
    }

    /**
     * The same elements in row-major order under another shape (one extent may be -1): a view when
     * some strides can describe it (always for a dense tensor; also for many others, such as a
     * broadcast one or a transposed matrix given a leading 1, as PyTorch's {@code reshape}), else a
     * copy. Derivative: the gradient reshaped back. {@code arange(6).reshape(2, 3)}.
     */
    public Tensor reshape(int... shape) {
        Shape s = inferShape(shape, size(), "reshape of " + this.shape);
        return s.equals(this.shape) ? this : new Views.Reshape(s).apply(this);
    }

    /**
     * As {@link #reshape}, but never copies.
     *
     * @throws IllegalStateException if no strides over this tensor's storage give the new shape (a
     *         transposed matrix flattened, for one); use {@link #reshape} or {@link #contiguous}
     */
    public Tensor view(int... shape) {
        Shape s = inferShape(shape, size(), "view of " + this.shape);
        if (Strides.viewStrides(this.shape.dims(), strides, s.dims()) == null) {
            throw new IllegalStateException("view of a tensor of shape " + this.shape + " and strides "
                    + Arrays.toString(strides) + " as " + s + " would need a copy; use reshape() or contiguous()");
        }
        return reshape(shape);
    }

    /** All elements as one dimension, {@code reshape(-1)}. */
    public Tensor flatten() {
        return reshape(-1);
    }

    /** Dimensions {@code a} and {@code b} swapped, as a view. {@code m.transpose(0, 1)} is the transpose of a matrix. */
    public Tensor transpose(int a, int b) {
        int[] perm = identity(rank());
        int x = shape.axis(a);
        int y = shape.axis(b);
        perm[x] = y;
        perm[y] = x;
        return permute(perm);
    }

    /** The last two dimensions swapped (the matrix transpose, batched). */
    public Tensor mT() {
        if (rank() < 2) {
            throw new IllegalStateException("mT() needs rank >= 2, got shape " + shape);
        }
        return transpose(-2, -1);
    }

    /**
     * The dimensions reordered, as a view: dimension d of the result is dimension {@code perm[d]}
     * of this. Derivative: the inverse permutation of the gradient.
     */
    public Tensor permute(int... perm) {
        if (perm.length != rank()) {
            throw new IllegalArgumentException("permute: " + perm.length + " dimensions given for shape " + shape);
        }
        int[] p = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int d = 0; d < perm.length; d++) {
            p[d] = shape.axis(perm[d]);
            if (seen[p[d]]) {
                throw new IllegalArgumentException("permute: dimension " + perm[d] + " given twice in " + Arrays.toString(perm));
            }
            seen[p[d]] = true;
        }
        return Arrays.equals(p, identity(rank())) ? this : new Views.Permute(p).apply(this);
    }

    /**
     * This tensor broadcast to a larger shape, as a view with stride 0 (an extent of -1 keeps this
     * tensor's). Derivative: the gradient summed over the broadcast dimensions.
     * {@code vector(1, 2).expand(3, 2)} repeats the row three times.
     */
    public Tensor expand(int... shape) {
        int[] dims = shape.clone();
        int lead = dims.length - rank();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == -1) {
                if (d < lead) {
                    throw new IllegalArgumentException("expand: -1 is not allowed for a new leading dimension, got "
                            + Arrays.toString(shape) + " for " + this.shape);
                }
                dims[d] = this.shape.dim(d - lead);
            }
        }
        return broadcastTo(Shape.of(dims));
    }

    /** This tensor broadcast to {@code shape}, as a view (see {@link #expand}). */
    public Tensor broadcastTo(Shape shape) {
        return shape.equals(this.shape) ? this : new Views.Expand(shape).apply(this);
    }

    /** {@code slice(dim, from, to, 1)}. */
    public Tensor slice(int dim, int from, int to) {
        return slice(dim, from, to, 1);
    }

    /**
     * Elements {@code from, from + step, ...} below {@code to} along {@code dim}, as a view; negative
     * {@code from}/{@code to} count from the end and both are clamped to the extent, as Python's
     * slices. Derivative: the gradient placed back at those positions, zeros elsewhere.
     * {@code arange(10).slice(0, 1, 8, 3)} is [1, 4, 7].
     */
    public Tensor slice(int dim, int from, int to, int step) {
        int d = shape.axis(dim);
        if (step < 1) {
            throw new IllegalArgumentException("slice: step must be >= 1, got " + step);
        }
        int n = shape.dim(d);
        int f = Math.clamp(from < 0 ? from + n : from, 0, n);
        int t = Math.clamp(to < 0 ? (long) to + n : to, f, n);
        if (f == 0 && t == n && step == 1) {
            return this;
        }
        return new Views.Slice(d, f, t, step).apply(this);
    }

    /** All dimensions of extent 1 removed, as a view. */
    public Tensor squeeze() {
        return reshape(Arrays.stream(shape.toArray()).filter(e -> e != 1).toArray());
    }

    /**
     * Dimension {@code dim} removed, as a view.
     *
     * @throws IllegalArgumentException if its extent is not 1
     */
    public Tensor squeeze(int dim) {
        int d = shape.axis(dim);
        if (shape.dim(d) != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + dim + " of shape " + shape + " has extent "
                    + shape.dim(d) + ", not 1");
        }
        return reshape(without(shape.toArray(), d));
    }

    /** A dimension of extent 1 inserted at {@code dim} (in {@code [-rank-1, rank]}), as a view. */
    public Tensor unsqueeze(int dim) {
        int d = dim < 0 ? dim + rank() + 1 : dim;
        if (d < 0 || d > rank()) {
            throw new IllegalArgumentException("unsqueeze: dimension " + dim + " out of range for shape " + shape);
        }
        int[] dims = new int[rank() + 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            dims[i] = i == d ? 1 : shape.dim(j++);
        }
        return reshape(dims);
    }

    /** This tensor if its elements are already in dense row-major order, else such a copy. Derivative: identity. */
    public Tensor contiguous() {
        return isContiguous() ? this : Contiguous.CONTIGUOUS.apply(this);
    }

    // ---- element-wise arithmetic ---------------------------------------------------------------

    /** {@code this + y}, broadcast; partials 1, 1. */
    public Tensor add(Tensor y) {
        return Binary.ADD.apply(this, y);
    }

    /**
     * {@code this + alpha * y}, broadcast, as PyTorch's {@code torch.add(x, y, alpha=a)}; partials 1
     * and alpha. The same values as {@code add(y.mul(alpha))} (the product is rounded first), in one
     * pass instead of two when no graph is recorded and both are dense of one shape: an optimizer's
     * update {@code p.add(g, -lr)}.
     *
     * <pre>{@code Tensor.of(new double[] {1, 2}, 2).add(Tensor.of(new double[] {10, 20}, 2), 0.5)   // [6, 12]}</pre>
     */
    public Tensor add(Tensor y, double alpha) {
        Objects.requireNonNull(y, "add: y must not be null");
        if (!GradMode.isEnabled() || !tracksGrad() && !y.tracksGrad()) {
            Tensor fused = Values.scaledAdd(this, alpha, y);
            if (fused != null) {
                return fused;
            }
        }
        return add(y.mul(alpha));
    }

    /** {@code this + y}. */
    public Tensor add(double y) {
        return add(scalarLike(y));
    }

    /** {@code this - y}, broadcast; partials 1, -1. */
    public Tensor sub(Tensor y) {
        return Binary.SUB.apply(this, y);
    }

    /** {@code this - y}. */
    public Tensor sub(double y) {
        return sub(scalarLike(y));
    }

    /** {@code this * y}, broadcast; partials y, this. */
    public Tensor mul(Tensor y) {
        return Binary.MUL.apply(this, y);
    }

    /** {@code this * y}. */
    public Tensor mul(double y) {
        return mul(scalarLike(y));
    }

    /** {@code this / y}, broadcast; partials 1/y, -this/y^2. */
    public Tensor div(Tensor y) {
        return Binary.DIV.apply(this, y);
    }

    /** {@code this / y}. */
    public Tensor div(double y) {
        return div(scalarLike(y));
    }

    /**
     * {@code this^y} element-wise as {@link Math#pow}, broadcast; partials {@code y this^(y-1)}
     * (0 where y = 0) and {@code this^y ln this} (0 where this = 0, NaN where this &lt; 0).
     */
    public Tensor pow(Tensor y) {
        return Binary.POW.apply(this, y);
    }

    /** {@code this^y}: {@code x.pow(2)}. */
    public Tensor pow(double y) {
        return pow(scalarLike(y));
    }

    /** {@code -this}; derivative -1. */
    public Tensor neg() {
        return Unary.NEG.apply(this);
    }

    /** {@code e^this}; derivative {@code e^this}. */
    public Tensor exp() {
        return Unary.EXP.apply(this);
    }

    /** {@code ln this}; derivative {@code 1/this}. */
    public Tensor log() {
        return Unary.LOG.apply(this);
    }

    /** {@code sqrt this}; derivative {@code 1/(2 sqrt this)} (+inf at 0). */
    public Tensor sqrt() {
        return Unary.SQRT.apply(this);
    }

    /** {@code sin this}; derivative {@code cos this}. */
    public Tensor sin() {
        return Unary.SIN.apply(this);
    }

    /** {@code cos this}; derivative {@code -sin this}. */
    public Tensor cos() {
        return Unary.COS.apply(this);
    }

    /** {@code tanh this}; derivative {@code 1/cosh^2 this}. */
    public Tensor tanh() {
        return Unary.TANH.apply(this);
    }

    /** The logistic function {@code 1/(1 + e^-this)}, without overflow; derivative {@code s(x) s(-x)}. */
    public Tensor sigmoid() {
        return Unary.SIGMOID.apply(this);
    }

    /** {@code max(this, 0)}; derivative 1 where this &gt; 0, else 0 (also at 0). */
    public Tensor relu() {
        return Unary.RELU.apply(this);
    }

    /** {@code |this|}; derivative {@code sign this}, 0 at 0. */
    public Tensor abs() {
        return Unary.ABS.apply(this);
    }

    /** The element-wise maximum, broadcast; the gradient goes to the larger argument, half to each at a tie. */
    public Tensor maximum(Tensor y) {
        return Binary.MAXIMUM.apply(this, y);
    }

    /** The element-wise minimum, broadcast; the gradient goes to the smaller argument, half to each at a tie. */
    public Tensor minimum(Tensor y) {
        return Binary.MINIMUM.apply(this, y);
    }

    /** {@code this * this}; derivative {@code 2 this}. */
    public Tensor square() {
        return Unary.SQUARE.apply(this);
    }

    /** {@code 1 / this}; composite. */
    public Tensor reciprocal() {
        return scalarLike(1).div(this);
    }

    /**
     * Each element limited to {@code [lo, hi]}; composite of {@link #where}: derivative 1 inside the
     * interval including its ends, 0 outside (NOTE: the boundary belongs to the inside, as PyTorch).
     */
    public Tensor clamp(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lo must be <= hi, got " + lo + " and " + hi);
        }
        return where(lt(lo), scalarLike(lo), where(gt(hi), scalarLike(hi), this));
    }

    /** {@code g * d} with the chain rule's zero rule ({@link Binary#CHAIN_MUL}); used by the VJPs. */
    Tensor chainMul(Tensor d) {
        return Binary.CHAIN_MUL.apply(this, d);
    }

    /** A rank-0 tensor of this tensor's type holding {@code value}; a constant. */
    Tensor scalarLike(double value) {
        return full(dtype, value);
    }

    // ---- comparisons and selection -------------------------------------------------------------

    /** The mask {@code this < y} (1 where true, 0 where false, this tensor's type), broadcast; no gradient. */
    public Tensor lt(Tensor y) {
        return Values.zip(this, y, BinaryFn.LT, "lt");
    }

    /** The mask {@code this < y}. */
    public Tensor lt(double y) {
        return lt(scalarLike(y));
    }

    /** The mask {@code this <= y}; no gradient. */
    public Tensor le(Tensor y) {
        return Values.zip(this, y, BinaryFn.LE, "le");
    }

    /** The mask {@code this <= y}. */
    public Tensor le(double y) {
        return le(scalarLike(y));
    }

    /** The mask {@code this > y}; no gradient. */
    public Tensor gt(Tensor y) {
        return Values.zip(this, y, BinaryFn.GT, "gt");
    }

    /** The mask {@code this > y}. */
    public Tensor gt(double y) {
        return gt(scalarLike(y));
    }

    /** The mask {@code this >= y}; no gradient. */
    public Tensor ge(Tensor y) {
        return Values.zip(this, y, BinaryFn.GE, "ge");
    }

    /** The mask {@code this >= y}. */
    public Tensor ge(double y) {
        return ge(scalarLike(y));
    }

    /** The mask {@code this == y} (0 where either is NaN); no gradient. */
    public Tensor eq(Tensor y) {
        return Values.zip(this, y, BinaryFn.EQ, "eq");
    }

    /** The mask {@code this == y}. */
    public Tensor eq(double y) {
        return eq(scalarLike(y));
    }

    /** The mask {@code this != y} (1 where either is NaN); no gradient. */
    public Tensor ne(Tensor y) {
        return Values.zip(this, y, BinaryFn.NE, "ne");
    }

    /** The mask {@code this != y}. */
    public Tensor ne(double y) {
        return ne(scalarLike(y));
    }

    /**
     * {@code a} where {@code mask} is non-zero, {@code b} elsewhere, all three broadcast. Gradient:
     * {@code g} to the selected branch, an exact 0 to the other, even where that branch is NaN or
     * infinite: {@code where(x.gt(0), x.sqrt(), zeros)} has gradient 0 at x = 0. The mask gets none.
     */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        return Where.WHERE.apply(mask, a, b);
    }

    // ---- reductions ----------------------------------------------------------------------------

    /** The sum of all elements, a scalar; derivative 1 for each. {@code ones(2, 3).sum()} is 6. */
    public Tensor sum() {
        return sum(allAxes(), false);
    }

    /** The sum over the given axes, which are removed. */
    public Tensor sum(int... axes) {
        return sum(axes, false);
    }

    /** The sum over the given axes, kept as extent 1 when {@code keepDims}; 0 over an empty axis. */
    public Tensor sum(int[] axes, boolean keepDims) {
        return reduce(Reduce.Reduction.SUM, axes, keepDims);
    }

    /** The largest element, a scalar; the gradient goes to it (split evenly among ties). */
    public Tensor max() {
        return max(allAxes(), false);
    }

    /** The maximum over the given axes, which are removed. */
    public Tensor max(int... axes) {
        return max(axes, false);
    }

    /**
     * The maximum over the given axes (kept when {@code keepDims}); gradient to the maximal elements,
     * split evenly among ties.
     *
     * @throws IllegalArgumentException over an empty axis (no identity)
     */
    public Tensor max(int[] axes, boolean keepDims) {
        return reduce(Reduce.Reduction.MAX, axes, keepDims);
    }

    /** The smallest element, a scalar. */
    public Tensor min() {
        return min(allAxes(), false);
    }

    /** The minimum over the given axes, which are removed. */
    public Tensor min(int... axes) {
        return min(axes, false);
    }

    /** The minimum over the given axes (kept when {@code keepDims}); gradient as {@link #max(int[], boolean)}. */
    public Tensor min(int[] axes, boolean keepDims) {
        return reduce(Reduce.Reduction.MIN, axes, keepDims);
    }

    private Tensor reduce(Reduce.Reduction kind, int[] axes, boolean keepDims) {
        return new Reduce(kind, normalizeAxes(axes), keepDims).apply(this);
    }

    /** The mean of all elements; composite ({@code sum / n}), NaN for an empty tensor. */
    public Tensor mean() {
        return mean(allAxes(), false);
    }

    /** The mean over the given axes, which are removed. */
    public Tensor mean(int... axes) {
        return mean(axes, false);
    }

    /** The mean over the given axes (kept when {@code keepDims}); composite. */
    public Tensor mean(int[] axes, boolean keepDims) {
        int[] a = normalizeAxes(axes);
        return sum(a, keepDims).div(count(a));
    }

    /** The population variance (dividing by n) of all elements; composite. */
    public Tensor var() {
        return var(allAxes(), false);
    }

    /** The population variance over the given axes, which are removed. */
    public Tensor var(int... axes) {
        return var(axes, false);
    }

    /**
     * The population variance {@code mean((x - mean x)^2)} over the given axes (kept when
     * {@code keepDims}); composite. NOTE: two passes (centre, then square), not
     * {@code mean(x^2) - mean(x)^2}, which cancels catastrophically for data far from 0.
     */
    public Tensor var(int[] axes, boolean keepDims) {
        int[] a = normalizeAxes(axes);
        return sub(mean(a, true)).square().mean(a, keepDims);
    }

    /** The population standard deviation of all elements; composite. */
    public Tensor std() {
        return std(allAxes(), false);
    }

    /** The population standard deviation over the given axes, which are removed. */
    public Tensor std(int... axes) {
        return std(axes, false);
    }

    /**
     * {@code sqrt(var)} over the given axes (kept when {@code keepDims}); composite. Its derivative
     * is infinite (NaN in practice) where all elements are equal, as sqrt'(0).
     */
    public Tensor std(int[] axes, boolean keepDims) {
        return var(axes, keepDims).sqrt();
    }

    /** The product of all elements; composite. */
    public Tensor prod() {
        return prod(allAxes(), false);
    }

    /** The product over the given axes, which are removed. */
    public Tensor prod(int... axes) {
        return prod(axes, false);
    }

    /**
     * The product over the given axes (kept when {@code keepDims}), 1 over an empty axis; composite:
     * a tree of pairwise products of strided slices (log2 n levels), so the gradient is exact also
     * where elements are 0 (unlike {@code exp(sum(log x))}).
     */
    public Tensor prod(int[] axes, boolean keepDims) {
        int[] a = normalizeAxes(axes);
        Tensor out = this;
        for (int axis : a) {
            out = Products.along(out, axis);
        }
        return keepDims ? out : out.dropAxes(a);
    }

    /** {@code log(sum(exp(x)))} over all elements, without overflow; composite. */
    public Tensor logSumExp() {
        return logSumExp(allAxes(), false);
    }

    /** {@code log(sum(exp(x)))} over the given axes, which are removed. */
    public Tensor logSumExp(int... axes) {
        return logSumExp(axes, false);
    }

    /**
     * {@code log(sum(exp(x)))} over the given axes (kept when {@code keepDims}), computed as
     * {@code m + log(sum(exp(x - m)))} with m the maximum, so it is exact at 1e308 where exp
     * overflows; composite. Derivative: {@code softmax(x)} along the axes.
     */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        int[] a = normalizeAxes(axes);
        Tensor m = shift(a);
        Tensor out = sub(m).exp().sum(a, true).log().add(m);
        return keepDims ? out : out.dropAxes(a);
    }

    /**
     * {@code exp(x) / sum(exp(x))} along {@code dim}, shifted by the maximum so nothing overflows;
     * composite. Jacobian {@code diag(s) - s s^T}. {@code vector(1, 2, 3).softmax(0)}.
     */
    public Tensor softmax(int dim) {
        int[] a = {shape.axis(dim)};
        Tensor e = sub(shift(a)).exp();
        return e.div(e.sum(a, true));
    }

    /** {@code x - logSumExp(x)} along {@code dim}: the log of {@link #softmax}, accurate where softmax underflows; composite. */
    public Tensor logSoftmax(int dim) {
        return sub(logSumExp(new int[] {shape.axis(dim)}, true));
    }

    /**
     * The maximum over the axes, kept, as a constant shift for logSumExp and softmax.
     *
     * <p>NOTE: detached: the result does not depend on the shift mathematically, so treating it as a
     * constant gives the exact gradient and Hessian with fewer nodes. A non-finite maximum (all
     * -inf, or an +inf) shifts by 0 instead, so {@code -inf - -inf} cannot make a NaN.
     */
    private Tensor shift(int[] axes) {
        Tensor m = detach().max(axes, true);
        return where(m.abs().lt(Double.POSITIVE_INFINITY), m, m.scalarLike(0));
    }

    // ---- products ------------------------------------------------------------------------------

    /**
     * The matrix product: {@code [..., n, k] x [..., k, m] -> [..., n, m]} with the batch dimensions
     * broadcast; a 1-D left (right) operand is a row (column) vector whose dimension is removed from
     * the result, as NumPy. Derivative: {@code g B^T} and {@code A^T g}, summed over broadcast
     * batches. {@code a.matmul(b)}.
     */
    public Tensor matmul(Tensor b) {
        if (rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul needs vectors or matrices, got shapes " + shape + " and " + b.shape);
        }
        Tensor x = rank() == 1 ? unsqueeze(0) : this;
        Tensor y = b.rank() == 1 ? b.unsqueeze(-1) : b;
        Tensor out = MatMul.MATMUL.apply(x, y);
        if (b.rank() == 1) {
            out = out.squeeze(-1);
        }
        return rank() == 1 ? out.squeeze(b.rank() == 1 ? -1 : -2) : out;
    }

    /** The outer product {@code out[i][j] = this[i] * y[j]} of two vectors; composite. */
    public Tensor outer(Tensor y) {
        if (rank() != 1 || y.rank() != 1) {
            throw new IllegalArgumentException("outer needs two vectors, got shapes " + shape + " and " + y.shape);
        }
        return unsqueeze(1).mul(y.unsqueeze(0));
    }

    // ---- autograd ------------------------------------------------------------------------------

    /**
     * Marks this leaf as a variable: operations on it are recorded and {@link #backward()}
     * accumulates its gradient into {@link #grad()}. Returns this tensor.
     *
     * @throws IllegalStateException if this tensor was computed by a recorded operation (use
     *     {@code detach().requiresGrad()} for a new leaf with its values)
     */
    public Tensor requiresGrad() {
        if (node != null) {
            throw new IllegalStateException("requiresGrad() marks a leaf, but this tensor of shape " + shape
                    + " was computed by " + node.name() + "; use detach().requiresGrad()");
        }
        requiresGrad = true;
        return this;
    }

    /**
     * True if this tensor takes part in autograd: a leaf marked with {@link #requiresGrad()}, or the
     * result of an operation recorded on one.
     */
    public boolean tracksGrad() {
        return requiresGrad || node != null;
    }

    /** True if no recorded operation computed this tensor (an input, a constant, or a detached tensor). */
    public boolean isLeaf() {
        return node == null;
    }

    /**
     * The gradient accumulated by backward passes into this leaf, or null if none reached it since it
     * was created or {@link #zeroGrad()}.
     */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient, so the next backward pass starts from zero; {@link #grad()} is null until then. */
    public void zeroGrad() {
        grad = null;
    }

    /** A leaf with the same values (sharing the storage) that does not track gradients: a constant. */
    public Tensor detach() {
        return new Tensor(dtype, shape, strides, offset, f64(), f32());
    }

    /**
     * Back-propagates from this scalar: adds {@code d this / d leaf} to {@link #grad()} of every leaf
     * that requires gradients, then releases the graph.
     *
     * @throws IllegalStateException if this tensor has more than one element (give the gradient) or
     *     does not track gradients
     */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /**
     * Back-propagates the vector-Jacobian product with {@code gradient} (shaped as this tensor), then
     * releases the graph.
     */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false);
    }

    /**
     * Back-propagates with {@code gradient} (null for a scalar); with {@code retainGraph} the graph is
     * kept for another backward pass.
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        Autograd.backward(this, gradient, retainGraph);
    }

    Node node() {
        return node;
    }

    /** The storage array, {@link #f64} or {@link #f32}. */
    Object storage() {
        return f64 != null ? f64 : f32;
    }

    /** The length of the storage array. */
    int storageLength() {
        return f64 != null ? f64.length : f32.length;
    }

    void record(Node node) {
        this.node = node;
    }

    boolean requiresGradFlag() {
        return requiresGrad;
    }

    void accumulateGrad(Tensor g) {
        grad = TensorScope.escape(grad == null ? g : grad.add(g));
    }

    // ---- axes and shapes -----------------------------------------------------------------------

    private int[] allAxes() {
        return identity(rank());
    }

    /** The axes as sorted, distinct indices in {@code [0, rank)}. */
    int[] normalizeAxes(int[] axes) {
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            a[i] = shape.axis(axes[i]);
        }
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) {
                throw new IllegalArgumentException("axis " + a[i] + " given twice in " + Arrays.toString(axes)
                        + " for shape " + shape);
            }
        }
        return a;
    }

    /** The number of elements a reduction over {@code axes} combines. */
    private int count(int[] axes) {
        int n = 1;
        for (int a : axes) {
            n *= shape.dim(a);
        }
        return n;
    }

    /** The extent-1 {@code axes} (sorted) removed. */
    Tensor dropAxes(int[] axes) {
        int[] dims = shape.toArray();
        for (int i = axes.length - 1; i >= 0; i--) {
            dims = without(dims, axes[i]);
        }
        return reshape(dims);
    }

    private static int[] without(int[] dims, int d) {
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, d);
        System.arraycopy(dims, d + 1, out, d, dims.length - d - 1);
        return out;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** The shape with a -1 extent inferred so that it holds {@code size} elements. */
    private static Shape inferShape(int[] dims, int size, String op) {
        int[] d = dims.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid extent " + d[i] + " in " + Arrays.toString(dims));
            } else {
                known *= d[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer -1 in " + Arrays.toString(dims) + " for "
                        + size + " elements");
            }
            d[unknown] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(dims) + " holds " + known
                    + " elements, but there are " + size);
        }
        return Shape.of(d);
    }

    // ==== indexing, joining, arg-reductions, bmm, corrected variance, triangles ===================
    // (added after the core ops; the implementations live in Indexing, Joining and Linalg)

    /**
     * The slices {@code index[0], index[1], ...} of dimension {@code dim}, in that order (repeats
     * allowed): {@code out[.., j, ..] = this[.., index[j], ..]}. Derivative: {@code g} added back at
     * those positions (a scatter-add, so repeated indices accumulate).
     * {@code Tensor.of(new double[] {1, 2}, new double[] {3, 4}).indexSelect(0, Tensor.vector(1, 1, 0))}
     * is {@code [[3, 4], [3, 4], [1, 2]]}.
     *
     * @param index a vector of integral values in {@code [0, shape[dim])}, of either type; no gradient
     * @throws IndexOutOfBoundsException naming the index and the valid range
     */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    /** {@link #indexSelect(int, Tensor)} with the indices given as ints: {@code x.indexSelect(0, 2, 0)}. */
    public Tensor indexSelect(int dim, int... index) {
        double[] d = new double[index.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = index[i];
        }
        return Indexing.indexSelect(this, dim, vector(d));
    }

    /**
     * Elements picked along {@code dim} by an index of the same rank:
     * {@code out[i][j] = this[i][index[i][j]]} for {@code dim = 1} (and likewise for other dims and
     * ranks); the result has the index's shape, which may be smaller than this tensor's off
     * {@code dim}. Derivative: {@code g} scatter-added back to the picked positions.
     * {@code Tensor.of(new double[] {1, 2}, new double[] {3, 4}).gather(1, Tensor.of(new double[] {1}, new double[] {0}))}
     * is {@code [[2], [3]]}; with {@link #argmax(int, boolean)} it picks the maxima.
     *
     * @throws IllegalArgumentException if the index's rank differs or it is larger off {@code dim}
     * @throws IndexOutOfBoundsException naming an index outside {@code [0, shape[dim])}
     */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /**
     * This tensor plus {@code src} added at the positions the index names along {@code dim}:
     * {@code out[i][index[i][j]] += src[i][j]} for {@code dim = 1}, repeated indices accumulating
     * (the adjoint of {@link #gather}). Only the index's shape of {@code src} is used, as PyTorch.
     * Derivatives: {@code g} for this tensor, {@code g.gather(dim, index)} for src.
     * {@code zeros(3).scatterAdd(0, Tensor.vector(0, 2, 0), Tensor.vector(1, 2, 3))} is [4, 0, 2].
     */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /**
     * The tensors joined along the existing dimension {@code dim}; all have the same type and the same
     * extents in the other dimensions. Derivative: each gets its slice of {@code g}.
     * {@code Tensor.cat(0, vector(1, 2), vector(3))} is [1, 2, 3].
     *
     * @throws IllegalArgumentException naming the first shape that does not fit
     */
    public static Tensor cat(int dim, Tensor... tensors) {
        return Joining.cat(dim, Arrays.asList(tensors));
    }

    /** {@link #cat(int, Tensor...)} of a list. */
    public static Tensor cat(int dim, java.util.List<Tensor> tensors) {
        return Joining.cat(dim, tensors);
    }

    /**
     * Tensors of equal shapes joined along a new dimension {@code dim} (in {@code [-rank-1, rank]});
     * composite ({@code cat} of {@code unsqueeze(dim)}). {@code Tensor.stack(0, vector(1, 2), vector(3, 4))}
     * is {@code [[1, 2], [3, 4]]}.
     */
    public static Tensor stack(int dim, Tensor... tensors) {
        return Joining.stack(dim, Arrays.asList(tensors));
    }

    /** {@link #stack(int, Tensor...)} of a list. */
    public static Tensor stack(int dim, java.util.List<Tensor> tensors) {
        return Joining.stack(dim, tensors);
    }

    /**
     * Consecutive pieces of {@code size} along {@code dim} (the last one smaller when the extent is
     * not a multiple), as views; each piece's gradient is placed back at its slice.
     * {@code arange(5).split(2, 0)} is [0, 1], [2, 3], [4].
     */
    public java.util.List<Tensor> split(int size, int dim) {
        return Joining.split(this, size, dim);
    }

    /**
     * Consecutive pieces with the given extents along {@code dim}, as views.
     *
     * @throws IllegalArgumentException if the sizes do not add up to the extent
     */
    public java.util.List<Tensor> split(int[] sizes, int dim) {
        return Joining.split(this, sizes, dim);
    }

    /**
     * This tensor padded with the constant {@code value}: {@code padding} holds pairs
     * {@code (before, after)} starting with the last dimension, as PyTorch's {@code F.pad}; a negative
     * amount removes elements instead. Composite (cat with constant blocks, slices): derivative 1
     * for the kept elements, none for the padding. {@code vector(1, 2).pad(new int[] {1, 2}, 0)} is
     * [0, 1, 2, 0, 0].
     */
    public Tensor pad(int[] padding, double value) {
        return Joining.pad(this, padding, value);
    }

    /** The flat (row-major) position of the first largest element, as an F64 scalar; no gradient. NaN counts as largest. */
    public Tensor argmax() {
        return Indexing.argExtremum(reshape(-1), 0, true, false, "argmax");
    }

    /**
     * The position of the first largest element along {@code dim} (kept as extent 1 when
     * {@code keepDims}), as F64 integers usable as an index for {@link #gather}; no gradient. NOTE: a
     * NaN counts as largest, as NumPy. {@code Tensor.of(new double[] {1, 5}, new double[] {7, 2}).argmax(1, false)}
     * is [1, 0].
     *
     * @throws IllegalArgumentException if the dimension is empty
     */
    public Tensor argmax(int dim, boolean keepDims) {
        return Indexing.argExtremum(this, dim, true, keepDims, "argmax");
    }

    /** The flat (row-major) position of the first smallest element, as an F64 scalar; no gradient. NaN counts as smallest. */
    public Tensor argmin() {
        return Indexing.argExtremum(reshape(-1), 0, false, false, "argmin");
    }

    /** The position of the first smallest element along {@code dim}, as {@link #argmax(int, boolean)}. */
    public Tensor argmin(int dim, boolean keepDims) {
        return Indexing.argExtremum(this, dim, false, keepDims, "argmin");
    }

    /**
     * The batched matrix product of {@code [b, n, k]} and {@code [b, k, m]}, without broadcasting
     * (use {@link #matmul} for that). Derivative as matmul: {@code g B^T}, {@code A^T g}.
     *
     * @throws IllegalArgumentException if either is not 3-D or the batch or inner extents differ
     */
    public Tensor bmm(Tensor b) {
        if (rank() != 3 || b.rank() != 3 || shape.dim(0) != b.shape.dim(0) || shape.dim(2) != b.shape.dim(1)) {
            throw new IllegalArgumentException("bmm needs [b, n, k] and [b, k, m], got shapes " + shape + " and " + b.shape);
        }
        return matmul(b);
    }

    /**
     * The variance over the given axes divided by {@code n - correction} (n elements reduced):
     * {@code correction = 1} is the unbiased sample variance, 0 the population variance of
     * {@link #var(int[], boolean)}; composite. When {@code n <= correction} the result is infinite
     * or NaN, as PyTorch. {@code vector(1, 2, 3, 4).var(new int[] {0}, false, 1)} is 5/3.
     */
    public Tensor var(int[] axes, boolean keepDims, int correction) {
        int[] a = normalizeAxes(axes);
        return sub(mean(a, true)).square().sum(a, keepDims).div(Math.max(0, count(a) - correction));
    }

    /** {@code sqrt(var(axes, keepDims, correction))}; composite. {@code correction = 1} gives the sample standard deviation. */
    public Tensor std(int[] axes, boolean keepDims, int correction) {
        return var(axes, keepDims, correction).sqrt();
    }

    /**
     * The lower triangle of the last two dimensions: elements with {@code col - row <= k} kept, the
     * others 0 ({@code k = 0} keeps the diagonal, -1 drops it); composite of {@link #where}, so the
     * dropped elements get an exact 0 gradient.
     */
    public Tensor tril(int k) {
        return Linalg.tril(this, k);
    }

    /** The upper triangle: elements with {@code col - row >= k} kept, the others 0; composite. */
    public Tensor triu(int k) {
        return Linalg.triu(this, k);
    }

    // ==== gradient hooks =========================================================================

    /** Hooks on this tensor's gradient, in registration order; null until the first one. */
    private java.util.List<java.util.function.UnaryOperator<Tensor>> hooks;

    /**
     * Registers {@code hook} on this tensor's gradient: in each backward pass, once the gradient with
     * respect to this tensor is complete (all uses summed), the hook receives it and may return a
     * replacement (same shape and type) or null to keep it. The replacement is what flows on to the
     * inputs and, for a leaf, into {@link #grad()}; {@link Autograd#grad} returns it too. Hooks run
     * in registration order. {@code w.registerHook(g -> g.clamp(-1, 1))} clips w's gradient.
     *
     * @throws IllegalStateException if this tensor does not track gradients
     */
    public HookHandle registerHook(java.util.function.UnaryOperator<Tensor> hook) {
        Objects.requireNonNull(hook, "hook must not be null");
        if (!tracksGrad()) {
            throw new IllegalStateException("registerHook: this tensor of shape " + shape + " does not track gradients,"
                    + " so no gradient will reach it; mark it with requiresGrad() or hook a tensor computed from one");
        }
        if (hooks == null) {
            hooks = new java.util.ArrayList<>();
        }
        hooks.add(hook);
        return new HookHandle(() -> hooks.remove(hook));
    }

    boolean hasHooks() {
        return hooks != null && !hooks.isEmpty();
    }

    /** The gradient {@code g} passed through the hooks. */
    Tensor runHooks(Tensor g) {
        for (java.util.function.UnaryOperator<Tensor> hook : java.util.List.copyOf(hooks)) {
            Tensor r = hook.apply(g);
            if (r == null) {
                continue;
            }
            if (!r.shape.equals(shape) || r.dtype != dtype) {
                throw new IllegalStateException("a gradient hook on a tensor of shape " + shape + " and type " + dtype
                        + " returned shape " + r.shape + " and type " + r.dtype + "; it must keep both");
            }
            if (AnomalyMode.isEnabled()) {
                AnomalyMode.check(r, "the gradient a hook returned for a tensor of shape " + shape);
            }
            g = r;
        }
        return g;
    }

    // ==== sliding windows (im2col), the base of convolution and pooling; implemented in Windows ====

    /**
     * The sliding windows of an {@code [N, C, H, W]} tensor as columns, {@code [N, C kh kw, L]}, as
     * PyTorch's {@code F.unfold} (im2col): row {@code (c kh + i) kw + j} of column {@code l} holds
     * {@code this[n, c, y sh - ph + i dh, x sw - pw + j dw]} for window {@code l = y ow + x}, and 0 in
     * the zero padding; {@code oh = (H + 2 ph - dh (kh - 1) - 1) / sh + 1} windows down, likewise across.
     * Derivative: {@code g} folded back ({@link #fold2d}), overlapping windows adding up.
     * {@code ones(1, 1, 3, 3).unfold2d(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1})}
     * is {@code ones(1, 4, 4)}.
     *
     * @param kernel {@code {kh, kw}}; stride and dilation at least 1, padding at least 0, each {@code {rows, columns}}
     * @throws IllegalArgumentException if this is not 4-D or the window does not fit
     */
    public Tensor unfold2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Windows.unfold(this, kernel, stride, padding, dilation);
    }

    /**
     * The adjoint of {@link #unfold2d} (col2im, PyTorch's {@code F.fold}): columns {@code [N, C kh kw, L]}
     * added back into images {@code [N, C, outputSize[0], outputSize[1]]} at their windows, entries
     * falling in the padding dropped. Derivative: {@code g} unfolded with the same geometry.
     *
     * @throws IllegalArgumentException if the shape does not match the geometry
     */
    public Tensor fold2d(int[] outputSize, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Windows.fold(this, outputSize, kernel, stride, padding, dilation);
    }
}
