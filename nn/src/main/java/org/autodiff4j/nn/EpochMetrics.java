package org.autodiff4j.nn;

/**
 * The figures of one training epoch.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss the mean loss over the epoch's training batches, as they were trained on (training mode)
 * @param trainAccuracy the fraction of training examples classified correctly in those same forward passes
 * @param testLoss the mean loss over the test set after the epoch (evaluation mode)
 * @param testAccuracy the fraction of test examples classified correctly after the epoch
 * @param seconds the wall-clock time of the epoch, evaluation included
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                           double seconds) {
}
