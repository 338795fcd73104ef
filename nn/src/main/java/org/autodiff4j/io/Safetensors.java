package org.autodiff4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;

/**
 * Named tensors in the safetensors format (Hugging Face), which Python's {@code safetensors} and
 * PyTorch read: an unsigned little-endian 64-bit header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F64", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {...}}}, then the tensors' bytes, little-endian, row-major, back to back
 * (offsets relative to the end of the header).
 *
 * <pre>{@code
 * Safetensors.save(Path.of("model.safetensors"), model.stateDict());
 * model.loadStateDict(Safetensors.load(Path.of("model.safetensors")));
 * }</pre>
 *
 * <p>Writes F64 and F32; reads F64, F32, F16 and BF16 (the half types become F32).
 * See https://github.com/huggingface/safetensors for the specification.
 */
public final class Safetensors {

    /** The key of the optional string-to-string metadata in the header. */
    public static final String METADATA = "__metadata__";

    /** NOTE: the header is padded with spaces to a multiple of 8 bytes, as the Python writer does, so the data is aligned for 8-byte types. */
    private static final int ALIGNMENT = 8;

    /** The Python reader's limit on the header size: 100 MB. */
    private static final long MAX_HEADER = 100_000_000;

    private Safetensors() {
    }

    /** Writes {@code tensors} to {@code file}, in the map's order, without metadata. */
    public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
        save(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} to {@code file}, in the map's order, with string {@code metadata} (omitted
     * when empty).
     *
     * @throws IllegalArgumentException if a name is empty or {@value #METADATA}
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Files.write(file, toBytes(tensors, metadata));
    }

    /** The file's bytes for {@code tensors} and {@code metadata}; see {@link #save(Path, Map, Map)}. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors must not be null");
        StringBuilder header = new StringBuilder("{");
        String sep = "";
        if (!metadata.isEmpty()) {
            header.append(Json.quote(METADATA)).append(":{");
            String msep = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                header.append(msep).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                msep = ",";
            }
            header.append('}');
            sep = ",";
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(METADATA)) {
                throw new IllegalArgumentException("safetensors: invalid tensor name '" + name + "'");
            }
            Tensor t = e.getValue();
            long bytes = (long) t.size() * width(t.dtype());
            header.append(sep).append(Json.quote(name)).append(":{\"dtype\":\"").append(t.dtype().name())
                    .append("\",\"shape\":").append(shape(t.shape().toArray()))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            sep = ",";
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        if (8L + padded + offset > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("safetensors: " + offset + " bytes of data do not fit in one array");
        }
        ByteBuffer out = ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            double[] v = t.toDoubleArray();
            if (t.dtype() == DType.F64) {
                for (double d : v) {
                    out.putDouble(d);
                }
            } else {
                for (double d : v) {
                    out.putFloat((float) d);
                }
            }
        }
        return out.array();
    }

    /**
     * The tensors in {@code file}, by name in the header's order.
     *
     * @throws IOException if the file cannot be read or is not a valid safetensors file (the message says why)
     */
    public static Map<String, Tensor> load(Path file) throws IOException {
        try {
            return fromBytes(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The metadata in {@code file}'s header (empty if none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Object m = header(Files.readAllBytes(file)).get(METADATA);
        if (m instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /**
     * The tensors in a file's bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a valid safetensors file
     */
    public static Map<String, Tensor> fromBytes(byte[] bytes) {
        Map<String, Object> header = header(bytes);
        int dataStart = 8 + (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                continue;
            }
            out.put(e.getKey(), tensor(e.getKey(), e.getValue(), data));
        }
        return out;
    }

    private static Map<String, Object> header(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("not a safetensors file: " + bytes.length + " bytes, fewer than the 8 of the header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8) {
            throw new IllegalArgumentException("not a safetensors file: header length " + n + " for " + bytes.length + " bytes");
        }
        Object json = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("safetensors header is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) map;
        return header;
    }

    private static Tensor tensor(String name, Object entry, ByteBuffer data) {
        if (!(entry instanceof Map<?, ?> info) || !(info.get("dtype") instanceof String dtype)
                || !(info.get("shape") instanceof List<?> shapeList) || !(info.get("data_offsets") instanceof List<?> offsets)
                || offsets.size() != 2) {
            throw new IllegalArgumentException("safetensors: entry " + name + " needs dtype, shape and data_offsets, got " + entry);
        }
        int[] shape = new int[shapeList.size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) asLong(shapeList.get(i), name);
            size *= shape[i];
        }
        long begin = asLong(offsets.get(0), name);
        long end = asLong(offsets.get(1), name);
        int width = switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new IllegalArgumentException("safetensors: " + name + " has dtype " + dtype
                    + "; only F64, F32, F16 and BF16 are read");
        };
        if (begin < 0 || end > data.limit() || end - begin != size * width) {
            throw new IllegalArgumentException("safetensors: " + name + " of dtype " + dtype + " and shape "
                    + shapeList + " needs " + size * width + " bytes, but data_offsets are [" + begin + ", " + end
                    + "] in " + data.limit() + " bytes of data");
        }
        double[] v = new double[(int) size];
        int p = (int) begin;
        for (int i = 0; i < v.length; i++, p += width) {
            v[i] = switch (dtype) {
                case "F64" -> data.getDouble(p);
                case "F32" -> data.getFloat(p);
                case "F16" -> Float.float16ToFloat(data.getShort(p));
                default -> Float.intBitsToFloat((data.getShort(p) & 0xFFFF) << 16);
            };
        }
        Tensor t = Tensor.of(v, shape);
        return dtype.equals("F64") ? t : t.to(DType.F32);
    }

    private static long asLong(Object o, String name) {
        if (o instanceof Long l && l >= 0) {
            return l;
        }
        throw new IllegalArgumentException("safetensors: " + name + " has " + o + " where a non-negative integer belongs");
    }

    private static int width(DType dtype) {
        return dtype == DType.F64 ? 8 : 4;
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
