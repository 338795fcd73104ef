package org.autodiff4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian
 * header {@code 0x00 0x00 0x08 rank}, then {@code rank} 32-bit extents, then the bytes in row-major
 * order. Gzip-compressed files are recognized by their magic number and read transparently.
 *
 * <pre>{@code Idx images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));   // dims [60000, 28, 28]}</pre>
 *
 * @param dims the extents
 * @param data the values, row-major, unsigned (read with {@code & 0xFF})
 */
public record Idx(int[] dims, byte[] data) {

    /** The type code of unsigned bytes; the only one these data sets use. */
    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * Reads an IDX file (gzip-compressed or not).
     *
     * @throws IOException if the file cannot be read, is truncated, or is not an IDX file of unsigned bytes
     */
    public static Idx read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw) {
                return read(in, file.toString());
            }
        }
    }

    /** Reads an IDX stream (not compressed); {@code name} is used in error messages. */
    static Idx read(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            int zero = in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int rank = in.readUnsignedByte();
            if (zero != 0) {
                throw new IOException(name + " is not an IDX file: it starts with 0x" + Integer.toHexString(zero)
                        + " instead of 0x0000");
            }
            if (type != UNSIGNED_BYTE) {
                throw new IOException(name + ": IDX type 0x" + Integer.toHexString(type)
                        + " is not supported, only unsigned bytes (0x08)");
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 0) {
                    throw new IOException(name + ": negative extent " + dims[d]);
                }
                size *= dims[d];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(name + ": " + Arrays.toString(dims) + " is too large for one array");
            }
            byte[] data = new byte[(int) size];
            in.readFully(data);
            return new Idx(dims, data);
        } catch (EOFException e) {
            throw new IOException(name + " is truncated: the header or the data ends early", e);
        }
    }

    /** The number of values. */
    public int size() {
        return data.length;
    }

    /** The extents, as {@code [60000, 28, 28]}. */
    @Override
    public String toString() {
        return "Idx" + Arrays.toString(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Idx other && Arrays.equals(dims, other.dims) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }
}
