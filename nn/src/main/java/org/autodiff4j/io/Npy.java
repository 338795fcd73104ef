package org.autodiff4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;

/**
 * One tensor in NumPy's {@code .npy} format: the magic {@code \x93NUMPY}, version bytes, a
 * little-endian header length, a Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and a
 * newline so the data starts at a multiple of 64 bytes, then the values.
 *
 * <pre>{@code
 * Npy.save(Path.of("w.npy"), w);          // numpy.load("w.npy") gives the same array
 * Tensor back = Npy.load(Path.of("w.npy"));
 * }</pre>
 *
 * <p>Writes version 1.0 with {@code <f8} (F64) or {@code <f4} (F32). Reads versions 1 to 3, float
 * types {@code f8 f4} and integer types {@code i1 i2 i4 i8 u1 u2 u4} of either byte order (integers
 * become F64), C or Fortran order. See numpy's {@code numpy.lib.format} for the specification.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Writes {@code t} to {@code file} as {@code .npy} version 1.0. */
    public static void save(Path file, Tensor t) throws IOException {
        Files.write(file, toBytes(t));
    }

    /** The {@code .npy} bytes of {@code t}. */
    public static byte[] toBytes(Tensor t) {
        boolean f64 = t.dtype() == DType.F64;
        int[] dims = t.shape().toArray();
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            shape.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        shape.append(dims.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + (f64 ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // NOTE: numpy pads so that magic + version + length + header is a multiple of 64, ending in '\n'.
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - 10 - dict.length() - 1) + "\n";
        int width = f64 ? 8 : 4;
        ByteBuffer out = ByteBuffer.allocate(total + t.size() * width).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double d : t.toDoubleArray()) {
            if (f64) {
                out.putDouble(d);
            } else {
                out.putFloat((float) d);
            }
        }
        return out.array();
    }

    /**
     * The tensor in {@code file}.
     *
     * @throws IOException if the file cannot be read or is not a supported {@code .npy} file (the message says why)
     */
    public static Tensor load(Path file) throws IOException {
        try {
            return fromBytes(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tensor in {@code .npy} bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a supported {@code .npy} file
     */
    public static Tensor fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (!in.hasRemaining() || in.get() != m) {
                throw new IllegalArgumentException("not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        int major = in.get();
        in.get();
        int headerLength = switch (major) {
            case 1 -> in.getShort() & 0xFFFF;
            case 2, 3 -> in.getInt();
            default -> throw new IllegalArgumentException(".npy version " + major + " is not supported (1 to 3 are)");
        };
        String header = new String(bytes, in.position(), headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        in.position(in.position() + headerLength);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new IllegalArgumentException(".npy header " + header.strip() + " lacks a supported descr, fortran_order or shape");
        }
        char kind = descr.group(2).charAt(0);
        int width = Integer.parseInt(descr.group(3));
        boolean ok = kind == 'f' ? width == 4 || width == 8 : kind == 'i' ? width == 1 || width == 2 || width == 4 || width == 8
                : width == 1 || width == 2 || width == 4;
        if (!ok) {
            throw new IllegalArgumentException(".npy dtype " + descr.group() + " is not supported: use f4, f8 or an integer type");
        }
        in.order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int[] dims = dims(shapeMatch.group(1));
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (in.remaining() < size * width) {
            throw new IllegalArgumentException(".npy data is truncated: " + in.remaining() + " bytes for " + size
                    + " values of " + width + " bytes");
        }
        double[] v = new double[(int) size];
        for (int i = 0; i < v.length; i++) {
            v[i] = read(in, kind, width);
        }
        Tensor t;
        if (fortran.group(1).equals("True") && dims.length > 1) {
            int[] reversed = new int[dims.length];
            int[] perm = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                reversed[i] = dims[dims.length - 1 - i];
                perm[i] = dims.length - 1 - i;
            }
            t = Tensor.of(v, reversed).permute(perm).contiguous();
        } else {
            t = Tensor.of(v, dims);
        }
        return kind == 'f' && width == 4 ? t.to(DType.F32) : t;
    }

    private static double read(ByteBuffer in, char kind, int width) {
        if (kind == 'f') {
            return width == 8 ? in.getDouble() : in.getFloat();
        }
        long x = switch (width) {
            case 1 -> in.get();
            case 2 -> in.getShort();
            case 4 -> in.getInt();
            default -> in.getLong();
        };
        if (kind == 'u') {
            x &= (1L << (8 * width)) - 1;
        }
        return x;
    }

    private static int[] dims(String text) {
        String[] parts = text.split(",");
        int n = 0;
        int[] out = new int[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) {
                out[n++] = Integer.parseInt(p.strip().replace("L", ""));
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
