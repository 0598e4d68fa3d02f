package org.pinnadapt.api.train;

import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Params;

/**
 * Everything needed to continue a training exactly where it stopped. Random streams are derived from
 * the configured seed and the epoch, so the epoch is the random state.
 *
 * @param phase the optimizer phase, e.g. {@code adam}
 * @param epoch the next epoch to run
 * @param parameters the trainable parameters
 * @param optimizer the optimizer state (moments, curvature pairs)
 * @param scalars scalar state: step counters, best validation loss, epochs since improvement
 * @param best the best parameters so far (for restore-best), possibly empty
 * @param history the history so far
 */
public record TrainingState(
    String phase,
    int epoch,
    Params parameters,
    Params optimizer,
    Map<String, Double> scalars,
    Params best,
    List<HistoryRow> history) {

  /**
   * Copies the collections.
   *
   * @param phase the optimizer phase, e.g. {@code adam}
   * @param epoch the next epoch to run
   * @param parameters the trainable parameters
   * @param optimizer the optimizer state (moments, curvature pairs)
   * @param scalars scalar state: step counters, best validation loss, epochs since improvement
   * @param best the best parameters so far (for restore-best), possibly empty
   * @param history the history so far
   */
  public TrainingState {
    scalars = Map.copyOf(scalars);
    history = List.copyOf(history);
  }
}
