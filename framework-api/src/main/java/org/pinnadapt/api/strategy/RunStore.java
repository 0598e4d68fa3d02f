package org.pinnadapt.api.strategy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pinnadapt.api.nn.Params;

/**
 * The run folder as a strategy uses it: saved states (a meta-learned model, a hypernetwork) and messages. One of the services of a {@link StrategyContext}.
 */
public interface RunStore {

  /**
   * A previously saved state of this experiment, or of another run of the same setting that shares its states (the
   * cells of a sweep, the runs of a bench: every configuration key but the tasks and the strategy options equal).
   * A key must therefore cover every strategy option the state depends on.
   *
   * @param key the key it was saved under
   * @return the state, if saved
   */
  Optional<Params> loadState(String key);

  /**
   * Saves state under a key in the run folder (atomically), for reuse by prediction, a rerun, and the runs that
   * share this run's states.
   *
   * @param key a file-name-safe key
   * @param state the arrays
   * @param metadata plain values saved beside them
   */
  void saveState(String key, Params state, Map<String, Object> metadata);

  /**
   * The experiment's folder.
   *
   * @return the run folder
   */
  Path workDirectory();

  /**
   * Logs a message for the user.
   *
   * @param message the message
   */
  void info(String message);
}
