package org.autodiff4j.tensor;

import java.util.Locale;

/**
 * {@link Tensor#toString()}: nested brackets with one number format for the whole tensor, columns
 * aligned, long dimensions summarized as {@code first 3, ..., last 3} when the tensor has more than
 * 1000 elements.
 *
 * <pre>
 * tensor([[1., 2.],
 *         [3., 4.]])
 * tensor([0.1235, 2.0000], dtype=F32, tracksGrad)
 * </pre>
 */
final class TensorFormat {

    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE = 3;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder(PREFIX);
        double[] v = t.toDoubleArray();
        boolean summarize = v.length > SUMMARIZE_ABOVE;
        String[] text = numbers(v);
        int width = 0;
        for (String s : text) {
            width = Math.max(width, s.length());
        }
        if (t.size() == 0) {
            sb.append("[]");
        } else {
            block(sb, t.shape().toArray(), 0, 0, text, width, summarize);
        }
        if (t.size() == 0) {
            sb.append(", shape=").append(t.shape());
        }
        if (t.dtype() != DType.F64) {
            sb.append(", dtype=").append(t.dtype());
        }
        if (t.tracksGrad()) {
            sb.append(t.isLeaf() ? ", requiresGrad" : ", tracksGrad");
        }
        return sb.append(')').toString();
    }

    /** Appends the sub-tensor of dimension {@code d} that starts at row-major position {@code start}. */
    private static void block(StringBuilder sb, int[] dims, int d, int start, String[] text, int width, boolean summarize) {
        if (d == dims.length) {
            sb.append(" ".repeat(width - text[start].length())).append(text[start]);
            return;
        }
        int inner = 1;
        for (int k = d + 1; k < dims.length; k++) {
            inner *= dims[k];
        }
        sb.append('[');
        String separator = d == dims.length - 1 ? ", "
                : ",\n".repeat(dims.length - d - 1) + " ".repeat(PREFIX.length() + d + 1);
        for (int i = 0; i < dims[d]; i++) {
            if (summarize && dims[d] > 2 * EDGE && i == EDGE) {
                sb.append("...").append(separator);
                i = dims[d] - EDGE;
            }
            block(sb, dims, d + 1, start + i * inner, text, width, summarize);
            if (i < dims[d] - 1) {
                sb.append(separator);
            }
        }
        sb.append(']');
    }

    /** One format for all values: integers as {@code 3.}, moderate numbers with 4 decimals, else scientific. */
    private static String[] numbers(double[] v) {
        boolean integers = true;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                integers &= x == Math.rint(x) && Math.abs(x) < 1e15;
                maxAbs = Math.max(maxAbs, Math.abs(x));
                if (x != 0) {
                    minAbs = Math.min(minAbs, Math.abs(x));
                }
            }
        }
        boolean scientific = !integers && (maxAbs >= 1e8 || minAbs < 1e-4);
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            out[i] = Double.isNaN(x) ? "nan" : Double.isInfinite(x) ? (x > 0 ? "inf" : "-inf")
                    : integers ? String.format(Locale.ROOT, "%.0f.", x)
                    : scientific ? String.format(Locale.ROOT, "%.4e", x)
                    : String.format(Locale.ROOT, "%.4f", x);
        }
        return out;
    }
}
