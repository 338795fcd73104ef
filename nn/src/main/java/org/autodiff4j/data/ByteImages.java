package org.autodiff4j.data;

import org.autodiff4j.tensor.DType;
import org.autodiff4j.tensor.Tensor;

/**
 * Images stored as unsigned bytes (a quarter of the memory of floats), turned into tensors in
 * {@code [0, 1]} one batch at a time, with class-index labels.
 */
final class ByteImages implements Dataset {

    private final byte[] pixels;
    private final byte[] labels;
    private final int[] imageShape;
    private final int imageSize;
    private final DType dtype;

    ByteImages(byte[] pixels, byte[] labels, int[] imageShape, DType dtype) {
        this.pixels = pixels;
        this.labels = labels;
        this.imageShape = imageShape.clone();
        int n = 1;
        for (int d : imageShape) {
            n *= d;
        }
        this.imageSize = n;
        this.dtype = dtype;
    }

    @Override
    public int size() {
        return labels.length;
    }

    /** Pixels scaled to [0, 1], shape {@code [batch, ...imageShape]}; labels {@code [batch]}. */
    @Override
    public Batch batch(int[] indices) {
        double[] x = new double[indices.length * imageSize];
        double[] y = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("image " + i + " of a data set of " + size());
            }
            for (int p = 0; p < imageSize; p++) {
                x[k * imageSize + p] = (pixels[i * imageSize + p] & 0xFF) / 255.0;
            }
            y[k] = labels[i] & 0xFF;
        }
        int[] dims = new int[imageShape.length + 1];
        dims[0] = indices.length;
        System.arraycopy(imageShape, 0, dims, 1, imageShape.length);
        return new Batch(Tensor.of(x, dims).to(dtype), Tensor.of(y, indices.length).to(dtype));
    }
}
