package org.pinnadapt.api.strategy;

import java.util.Map;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.Checkpointer;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;

/**
 * Training as the run configures it: trainers, the training configuration, checkpoints, progress, the shared
 * base network, and other strategies' solutions. One of the services of a {@link StrategyContext}.
 */
public interface Training {

  /**
   * The base network trained on the PDE's reference task; trained on first use, then cached in the
   * run folder (or loaded from {@code --base}).
   *
   * @return the base model
   */
  BaseModel baseModel();

  /**
   * The trainer configured for this experiment.
   *
   * @return the trainer
   */
  Trainer trainer();

  /**
   * A trainer by id.
   *
   * @param id e.g. {@code adam}, {@code lbfgs}, {@code adam+lbfgs}
   * @return the trainer
   */
  Trainer trainer(String id);

  /**
   * The training configuration of this experiment (epochs, schedule, weights).
   *
   * @return the configuration
   */
  TrainerConfig trainerConfig();

  /**
   * A checkpointer for a named training inside this experiment.
   *
   * @param key a file-name-safe key, e.g. {@code hyper} or {@code lora-Re=40}
   * @return the checkpointer, or {@code null} if checkpointing is off
   */
  Checkpointer checkpointer(String key);

  /**
   * Receives training progress.
   *
   * @return the listener
   */
  TrainingListener listener();

  /**
   * Solves a task with another strategy (e.g. per-task L-PINNs as training targets), sharing this
   * experiment's base model, cache and settings.
   *
   * @param strategyId the other strategy's id
   * @param options its options
   * @param task the task
   * @return its solution; the caller closes it
   */
  Solution solveWith(String strategyId, Map<String, ?> options, Task task);
}
