/**
 * Data sets and mini-batches: {@link org.autodiff4j.data.Dataset} (examples addressed by index),
 * {@link org.autodiff4j.data.TensorDataset} (features and targets held as tensors),
 * {@link org.autodiff4j.data.DataLoader} (batches, seeded shuffling, drop-last), the generated
 * {@link org.autodiff4j.data.TwoSpirals} and {@link org.autodiff4j.data.TwoMoons}, and
 * {@link org.autodiff4j.data.FashionMnist} read from its IDX files ({@link org.autodiff4j.data.Idx}).
 */
package org.autodiff4j.data;
