/**
 * Tensors to and from files: {@link org.autodiff4j.io.Safetensors} (the safetensors format of
 * Hugging Face, readable by Python's {@code safetensors} and PyTorch) for a whole state dict, and
 * {@link org.autodiff4j.io.Npy} (NumPy's {@code .npy}, version 1.0) for one tensor.
 */
package org.autodiff4j.io;
