package org.autodiff4j.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.autodiff4j.tensor.DType;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 60,000 training and 10,000 test images of 28 x 28
 * grey pixels in 10 classes of clothing, read from its four gzip-compressed IDX files. Debian's
 * package {@code dataset-fashion-mnist} installs them under {@link #DEFAULT_DIR}.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load(FashionMnist.DEFAULT_DIR, DType.F32);
 * Batch b = data.train().batch(new int[] {0});   // x [1, 1, 28, 28] in [0, 1], y [1]
 * }</pre>
 *
 * @param train the 60,000 training images
 * @param test the 10,000 test images
 */
public record FashionMnist(Dataset train, Dataset test) {

    /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, by index. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The four files, as the data set publishes them. */
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /** True if all four files are in {@code dir}. */
    public static boolean isAvailable(Path dir) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /**
     * Reads the data set from {@code dir}; images become tensors of shape {@code [batch, 1, 28, 28]}
     * with pixel values divided by 255, of type {@code dtype}; labels are class indices.
     *
     * @throws FileNotFoundException if a file is missing; the message names the Debian package
     *     {@code dataset-fashion-mnist} and the {@code --data DIR} option
     * @throws IOException if a file cannot be read or does not hold what Fashion-MNIST holds
     */
    public static FashionMnist load(Path dir, DType dtype) throws IOException {
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new FileNotFoundException("Fashion-MNIST not found: " + dir.resolve(f) + " is missing. Install"
                        + " the Debian package dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist),"
                        + " which puts the four files " + FILES + " under " + DEFAULT_DIR + ", or pass --data DIR"
                        + " naming a directory that holds them.");
            }
        }
        return new FashionMnist(split(dir, FILES.get(0), FILES.get(1), dtype), split(dir, FILES.get(2), FILES.get(3), dtype));
    }

    private static Dataset split(Path dir, String imagesFile, String labelsFile, DType dtype) throws IOException {
        Idx images = Idx.read(dir.resolve(imagesFile));
        Idx labels = Idx.read(dir.resolve(labelsFile));
        if (images.dims().length != 3 || labels.dims().length != 1 || images.dims()[0] != labels.dims()[0]) {
            throw new IOException("Fashion-MNIST files " + imagesFile + " " + Arrays.toString(images.dims()) + " and "
                    + labelsFile + " " + Arrays.toString(labels.dims()) + " do not fit together: expected [n, rows, cols] and [n]");
        }
        for (int i = 0; i < labels.size(); i++) {
            if ((labels.data()[i] & 0xFF) >= CLASSES.size()) {
                throw new IOException(labelsFile + ": label " + (labels.data()[i] & 0xFF) + " at " + i + " is not in [0, 10)");
            }
        }
        int[] shape = {1, images.dims()[1], images.dims()[2]};
        return new ByteImages(images.data(), labels.data(), shape, dtype);
    }
}
