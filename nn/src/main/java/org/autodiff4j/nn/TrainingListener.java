package org.autodiff4j.nn;

/**
 * Hears about training progress, for a progress bar and per-epoch output. Both methods do nothing by
 * default.
 *
 * <pre>{@code
 * Trainer.train(config, new TrainingListener() {
 *     public void onBatch(int epoch, int batch, int batches, double loss) { bar.stepTo(batch); }
 *     public void onEpoch(EpochMetrics m) { System.out.println(m); }
 * });
 * }</pre>
 */
public interface TrainingListener {

    /** After each optimizer step: {@code batch} of {@code batches} (from 1) in {@code epoch} (from 1), with that batch's loss. */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch's evaluation. */
    default void onEpoch(EpochMetrics metrics) {
    }
}
