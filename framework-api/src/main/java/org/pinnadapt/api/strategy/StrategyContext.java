package org.pinnadapt.api.strategy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.pde.TaskSplit;
import org.pinnadapt.api.train.Checkpointer;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;

/**
 * The framework's services to a strategy during one experiment. Implemented by the framework; a
 * strategy never needs anything else.
 */
public interface StrategyContext {

  /**
   * The PDE.
   *
   * @return the PDE
   */
  Pde pde();

  /**
   * The strategy's own options, validated against its provider's specifications.
   *
   * @return the options
   */
  Options options();

  /**
   * The experiment seed; derive sub-seeds from it.
   *
   * @return the seed
   */
  long seed();

  /**
   * The experiment's long-lived manager (on the configured device).
   *
   * @return the manager
   */
  NDManager manager();

  /**
   * The floating-point type of the experiment (float32 by default, float64 for high accuracy).
   *
   * @return the data type
   */
  DataType dataType();

  /**
   * The experiment's task split.
   *
   * @return the split
   */
  TaskSplit taskSplit();

  /**
   * The configured architecture for this PDE (the base network's layout).
   *
   * @return the layout
   */
  NetworkSpec networkSpec();

  /**
   * A network executor for any layout.
   *
   * @param spec the layout
   * @return the executor
   */
  Network network(NetworkSpec spec);

  /**
   * The base network trained on the PDE's reference task; trained on first use, then cached in the
   * run folder (or loaded from {@code --base}).
   *
   * @return the base model
   */
  BaseModel baseModel();

  /**
   * The physics-informed loss of one task (no task axis).
   *
   * @param task the task
   * @return the loss
   */
  PhysicsLoss physicsLoss(Task task);

  /**
   * The physics-informed loss of several tasks, evaluated along the task axis.
   *
   * @param tasks the tasks
   * @return the loss
   */
  PhysicsLoss physicsLoss(List<Task> tasks);

  /**
   * The physics-informed loss of tasks for any network (e.g. a strategy's own architecture).
   *
   * @param network the network executor
   * @param tasks the tasks
   * @param taskAxis whether to evaluate them along a task axis (required for more than one)
   * @return the loss
   */
  PhysicsLoss physicsLoss(Network network, List<Task> tasks, boolean taskAxis);

  /**
   * A loss supervised by the reference solutions at interior points sampled per task (a task axis is
   * used for more than one task).
   *
   * @param network the network executor
   * @param tasks the tasks
   * @param pointsPerTask points per task
   * @return the loss
   */
  SupervisedLoss dataLoss(Network network, List<Task> tasks, int pointsPerTask);

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
   * A previously saved state of this experiment.
   *
   * @param key the key it was saved under
   * @return the state, if saved
   */
  Optional<Params> loadState(String key);

  /**
   * Saves state under a key in the run folder (atomically), for reuse by prediction or a rerun.
   *
   * @param key a file-name-safe key
   * @param state the arrays
   * @param metadata plain values saved beside them
   */
  void saveState(String key, Params state, Map<String, Object> metadata);

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
