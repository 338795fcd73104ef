package org.autodiff4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Shape;
import org.autodiff4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy layout against the format's description, round trips, and files as NumPy writes them. */
class NpyTest {

    @TempDir
    Path dir;

    @Test
    void headerIsVersionOneAlignedTo64() {
        byte[] bytes = Npy.toBytes(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(bytes[0]).isEqualTo((byte) 0x93);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(bytes[6]).isEqualTo((byte) 1);
        assertThat(bytes[7]).isEqualTo((byte) 0);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }").endsWith(" \n");
        assertThat(ByteBuffer.wrap(bytes, 10 + headerLength, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble()).isEqualTo(1);
        assertThat(bytes.length).isEqualTo(10 + headerLength + 48);
        assertThat(new String(Npy.toBytes(Tensor.vector(1, 2)), 10, 60, StandardCharsets.US_ASCII)).contains("'shape': (2,)");
        assertThat(new String(Npy.toBytes(Tensor.scalar(1)), 10, 60, StandardCharsets.US_ASCII)).contains("'shape': ()");
    }

    @Test
    void roundTrips() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        for (Tensor t : new Tensor[] {Tensor.randn(rng, 2, 3, 4), Tensor.randn(rng, 5).to(DType.F32), Tensor.scalar(-0.0),
                Tensor.zeros(0, 2)}) {
            Path file = dir.resolve("t.npy");
            Npy.save(file, t);
            Tensor back = Npy.load(file);
            assertThat(back.shape()).isEqualTo(t.shape());
            assertThat(back.dtype()).isEqualTo(t.dtype());
            assertThat(back.toDoubleArray()).containsExactly(t.toDoubleArray());
        }
    }

    /** A .npy file written by hand as NumPy would for the given header and data. */
    private static byte[] npy(String dict, byte[] data) {
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - 11 - dict.length()) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    @Test
    void readsFortranOrderBigEndianAndIntegers() {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        for (double v : new double[] {1, 4, 2, 5, 3, 6}) {   // column-major [[1, 2, 3], [4, 5, 6]]
            data.putFloat((float) v);
        }
        Tensor t = Npy.fromBytes(npy("{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }", data.array()));
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.dtype()).isEqualTo(DType.F32);
        assertThat(t.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        Tensor u = Npy.fromBytes(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", new byte[] {0, 7, (byte) 255}));
        assertThat(u.toDoubleArray()).containsExactly(0, 7, 255);
        ByteBuffer longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).putLong(1L << 40);
        assertThat(Npy.fromBytes(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", longs.array()))
                .toDoubleArray()).containsExactly(-3, 0x1p40);
    }

    @Test
    void unsupportedOrBrokenFilesSayWhy() {
        assertThatThrownBy(() -> Npy.fromBytes(new byte[] {1, 2, 3})).hasMessageContaining("NUMPY");
        assertThatThrownBy(() -> Npy.fromBytes(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16])))
                .hasMessageContaining("descr");
        assertThatThrownBy(() -> Npy.fromBytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new byte[8])))
                .hasMessageContaining("truncated");
    }
}
