package org.pinnadapt.api.train;

import java.util.Optional;

/**
 * Where a trainer saves and finds its state. The framework's implementation writes atomically (temp
 * file, then rename) with a checksum verified on load.
 */
public interface Checkpointer {

  /**
   * Saves a state, replacing the previous one.
   *
   * @param state the state
   */
  void save(TrainingState state);

  /**
   * The last saved state, if any.
   *
   * @return the state
   * @throws org.pinnadapt.api.base.InvalidInputException if a checkpoint exists but is corrupt
   */
  Optional<TrainingState> load();

  /**
   * Epochs between saves.
   *
   * @return the interval
   */
  int every();
}
