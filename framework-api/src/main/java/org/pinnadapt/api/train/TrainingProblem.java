package org.pinnadapt.api.train;

import org.pinnadapt.api.nn.Params;

/**
 * What a trainer minimizes: trainable parameters and the loss terms they produce.
 *
 * <p>Contract: {@link #loss(Batch)} is called inside a gradient-recording scope that the trainer owns
 * and closes; it must build every intermediate array in the current scope and must not modify
 * {@link #parameters()}. Equal epochs and batches give equal losses, so a resumed run repeats the
 * original trajectory.
 */
public interface TrainingProblem {

  /**
   * The trainable leaf arrays. Their identity does not change during training.
   *
   * @return the parameters
   */
  Params parameters();

  /**
   * The unweighted loss terms on a batch.
   *
   * @param batch which data
   * @return the terms
   */
  LossTerms loss(Batch batch);

  /**
   * How many batches an epoch has for a batch size.
   *
   * @param batchSize points per batch; 0 for full batch
   * @return the number of batches (1 for full batch)
   */
  default int batchCount(int batchSize) {
    return 1;
  }

  /**
   * The validation loss (no gradients needed), or {@code null} if the problem has no validation data.
   *
   * @return the terms, or {@code null}
   */
  default LossTerms validationLoss() {
    return null;
  }

  /**
   * Draws new training points for an epoch, deterministically from the problem's seed and the epoch.
   *
   * @param epoch the epoch about to start
   */
  default void resample(int epoch) {}
}
