package org.pinnadapt.api.train;

import java.util.List;

/**
 * The outcome of a training.
 *
 * @param epochs epochs run (L-BFGS iterations count as epochs)
 * @param finalLoss the weighted loss at the end
 * @param bestValidation the best validation loss, NaN without validation data
 * @param bestEpoch the epoch of the best validation (or training) loss
 * @param secondsPerEpoch mean wall seconds per epoch
 * @param wallSeconds total wall seconds
 * @param reason why it stopped
 * @param history one row per epoch
 */
public record TrainingResult(
    int epochs,
    double finalLoss,
    double bestValidation,
    int bestEpoch,
    double secondsPerEpoch,
    double wallSeconds,
    StopReason reason,
    List<HistoryRow> history) {

  /**
   * Copies the history.
   *
   * @param epochs epochs run (L-BFGS iterations count as epochs)
   * @param finalLoss the weighted loss at the end
   * @param bestValidation the best validation loss, NaN without validation data
   * @param bestEpoch the epoch of the best validation (or training) loss
   * @param secondsPerEpoch mean wall seconds per epoch
   * @param wallSeconds total wall seconds
   * @param reason why it stopped
   * @param history one row per epoch
   */
  public TrainingResult {
    history = List.copyOf(history);
  }

  /**
   * A result for a solution obtained without training.
   *
   * @return an empty result
   */
  public static TrainingResult none() {
    return new TrainingResult(0, Double.NaN, Double.NaN, 0, 0, 0, StopReason.MAX_EPOCHS, List.of());
  }
}
