package org.autodiff4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.autodiff4j.nn.Linear;
import org.autodiff4j.nn.Module;
import org.autodiff4j.nn.ReLU;
import org.autodiff4j.nn.Sequential;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Shape;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors layout, byte by byte against the specification, and round trips. */
class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void byteLayoutFollowsTheSpecification() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new double[] {1.5, -2}, 1, 2));
        tensors.put("b", Tensor.vector(0.25).to(DType.F32));
        byte[] bytes = Safetensors.toBytes(tensors, Map.of("format", "pt"));

        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}";
        int padded = (json.length() + 7) / 8 * 8;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // u64 little-endian header size, a multiple of 8
        assertThat(in.getLong()).isEqualTo(padded);
        // the JSON, then spaces up to the padded size
        assertThat(new String(bytes, 8, json.length(), StandardCharsets.UTF_8)).isEqualTo(json);
        for (int i = 8 + json.length(); i < 8 + padded; i++) {
            assertThat(bytes[i]).isEqualTo((byte) ' ');
        }
        // data: little-endian, row-major, back to back from the end of the header
        in.position(8 + padded);
        assertThat(in.getDouble()).isEqualTo(1.5);
        assertThat(in.getDouble()).isEqualTo(-2);
        assertThat(in.getFloat()).isEqualTo(0.25f);
        assertThat(in.remaining()).isZero();
        // first data byte of 1.5 = 0x3FF8000000000000, little-endian: the low byte first
        assertThat(bytes[8 + padded + 7]).isEqualTo((byte) 0x3F);
        assertThat(bytes[8 + padded + 6]).isEqualTo((byte) 0xF8);
    }

    @Test
    void roundTripKeepsNamesOrderShapesTypesAndValues() throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Tensor.randn(rng, 3, 4));
        tensors.put("a.bias", Tensor.randn(rng, 4).to(DType.F32));
        tensors.put("scalar", Tensor.scalar(Math.PI));
        tensors.put("empty", Tensor.zeros(0, 3));
        Path file = dir.resolve("t.safetensors");
        Safetensors.save(file, tensors, Map.of("note", "quote \" and \\ and é"));
        Map<String, Tensor> back = Safetensors.load(file);
        assertThat(back.keySet()).containsExactly("z.weight", "a.bias", "scalar", "empty");
        tensors.forEach((name, t) -> {
            assertThat(back.get(name).shape()).as(name).isEqualTo(t.shape());
            assertThat(back.get(name).dtype()).as(name).isEqualTo(t.dtype());
            assertThat(back.get(name).toDoubleArray()).as(name).containsExactly(t.toDoubleArray());
        });
        assertThat(Safetensors.metadata(file)).containsEntry("note", "quote \" and \\ and é");
    }

    @Test
    void aModelSurvivesSaveAndLoad() throws IOException {
        Module a = new Sequential(new Linear(3, 5, new SplittableRandom(1)), new ReLU(), new Linear(5, 2, new SplittableRandom(2)));
        Module b = new Sequential(new Linear(3, 5, new SplittableRandom(3)), new ReLU(), new Linear(5, 2, new SplittableRandom(4)));
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(file, a.stateDict());
        b.loadStateDict(Safetensors.load(file));
        Tensor x = Tensor.randn(new SplittableRandom(5), 4, 3);
        assertThat(b.forward(x).toDoubleArray()).containsExactly(a.forward(x).toDoubleArray());
    }

    @Test
    void readsHalfPrecisionTypes() {
        // a file as Python writes it: F16 1.0 = 0x3C00, BF16 -2.0 = 0xC000
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[2,4]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + json.length() + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length()).put(json.getBytes(StandardCharsets.UTF_8)).putShort((short) 0x3C00).putShort((short) 0xC000);
        Map<String, Tensor> t = Safetensors.fromBytes(b.array());
        assertThat(t.get("h").item()).isEqualTo(1);
        assertThat(t.get("bf").item()).isEqualTo(-2);
        assertThat(t.get("bf").shape()).isEqualTo(Shape.of(1));
    }

    @Test
    void corruptFilesAreRejectedWithAReason() throws IOException {
        assertThatThrownBy(() -> Safetensors.fromBytes(new byte[3])).hasMessageContaining("fewer than the 8");
        byte[] good = Safetensors.toBytes(Map.of("w", Tensor.zeros(2)), Map.of());
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> Safetensors.fromBytes(truncated)).hasMessageContaining("needs 16 bytes");
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, truncated);
        assertThatThrownBy(() -> Safetensors.load(file)).isInstanceOf(IOException.class).hasMessageContaining("bad.safetensors");
        String json = "{\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + json.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length()).put(json.getBytes(StandardCharsets.UTF_8)).putLong(1);
        assertThatThrownBy(() -> Safetensors.fromBytes(b.array())).hasMessageContaining("I64");
    }
}
