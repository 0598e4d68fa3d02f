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

  /**
   * The error of the current parameters' solution against the PDE's reference: the relative L2 error
   * over the monitor points (mean over tasks), evaluated without gradients. Trainers record it in the
   * history every {@link TrainerConfig#monitorEvery()} epochs, which gives error-versus-time curves.
   *
   * @return the error, or NaN if the problem has no reference or no monitor points
   */
  default double error() {
    return Double.NaN;
  }

  /**
   * Adapts the training points to the current parameters before an epoch of a first-order phase
   * (residual-based adaptive refinement, when the run asks for it); a no-op by default.
   *
   * @param epoch the epoch about to start
   */
  default void refine(int epoch) {}
}
