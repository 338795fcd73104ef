package org.autodiff4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX parsing on small generated files, Fashion-MNIST's errors, and the real files when installed. */
class IdxTest {

    @TempDir
    Path dir;

    /** The IDX bytes of unsigned-byte data, written by hand from the format's description. */
    private static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeByte(type);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsPlainAndGzipFiles() throws IOException {
        byte[] data = {0, 1, 2, (byte) 200, (byte) 255, 7};
        byte[] file = idx(8, new int[] {2, 3}, data);
        for (boolean gzip : new boolean[] {false, true}) {
            Idx read = Idx.read(write("a" + gzip, file, gzip));
            assertThat(read.dims()).containsExactly(2, 3);
            assertThat(read.data()).containsExactly(data);
            assertThat(read.data()[3] & 0xFF).isEqualTo(200);
        }
    }

    @Test
    void rejectsOtherTypesTruncationAndForeignFiles() throws IOException {
        assertThatThrownBy(() -> Idx.read(write("f", idx(0x0D, new int[] {1}, new byte[4]), false)))
                .hasMessageContaining("0xd").hasMessageContaining("unsigned bytes");
        assertThatThrownBy(() -> Idx.read(write("t", idx(8, new int[] {2, 3}, new byte[5]), true)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Idx.read(write("x", new byte[] {1, 2, 3, 4, 5}, false)))
                .hasMessageContaining("not an IDX file");
    }

    @Test
    void fashionMnistFromSmallGeneratedFiles() throws IOException {
        byte[] pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 20);
        }
        write("train-images-idx3-ubyte.gz", idx(8, new int[] {3, 2, 2}, pixels), true);
        write("train-labels-idx1-ubyte.gz", idx(8, new int[] {3}, new byte[] {9, 0, 4}), true);
        write("t10k-images-idx3-ubyte.gz", idx(8, new int[] {1, 2, 2}, new byte[] {0, 0, 0, (byte) 255}), true);
        write("t10k-labels-idx1-ubyte.gz", idx(8, new int[] {1}, new byte[] {3}), true);
        FashionMnist data = FashionMnist.load(dir, DType.F64);
        assertThat(data.train().size()).isEqualTo(3);
        Batch b = data.train().batch(new int[] {2, 0});
        assertThat(b.x().shape()).isEqualTo(Shape.of(2, 1, 2, 2));
        assertThat(b.x().toDoubleArray()).containsExactly(160 / 255.0, 180 / 255.0, 200 / 255.0, 220 / 255.0,
                0, 20 / 255.0, 40 / 255.0, 60 / 255.0);
        assertThat(b.y().toDoubleArray()).containsExactly(4, 9);
        assertThat(data.test().batch(new int[] {0}).x().get(0, 0, 1, 1)).isEqualTo(1);
        assertThat(FashionMnist.load(dir, DType.F32).test().all().x().dtype()).isEqualTo(DType.F32);
    }

    @Test
    void missingFilesNameThePackageAndTheOption() {
        assertThatThrownBy(() -> FashionMnist.load(dir.resolve("nowhere"), DType.F32))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("dataset-fashion-mnist")
                .hasMessageContaining("--data DIR")
                .hasMessageContaining("train-images-idx3-ubyte.gz");
    }

    @Test
    void theRealFilesWhenInstalled() throws IOException {
        assumeTrue(FashionMnist.isAvailable(FashionMnist.DEFAULT_DIR), "Fashion-MNIST is not installed");
        FashionMnist data = FashionMnist.load(FashionMnist.DEFAULT_DIR, DType.F32);
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        Batch all = data.test().all();
        assertThat(all.x().shape()).isEqualTo(Shape.of(10_000, 1, 28, 28));
        assertThat(all.x().min().item()).isZero();
        assertThat(all.x().max().item()).isEqualTo(1);
        // the test set has 1000 images of each class
        double[] counts = new double[10];
        for (double y : all.y().toDoubleArray()) {
            counts[(int) y]++;
        }
        assertThat(counts).containsOnly(1000);
    }
}
