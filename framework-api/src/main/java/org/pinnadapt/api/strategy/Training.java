package org.pinnadapt.api.strategy;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.function.Function;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.Checkpointer;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;

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

  /**
   * The training problem of a physics-informed loss over trainable leaves: the loss of the weights the composer
   * builds from them (gradients are switched on). With {@code summedTasks > 1} the loss, a mean over the task axis,
   * is multiplied by the task count, so that several tasks trained together minimize the sum of their losses.
   *
   * @param trainable the leaves to train
   * @param composer builds the network weights from them
   * @param loss the physics-informed loss
   * @param summedTasks the number of tasks summed (1: the loss as it is)
   * @return the problem, for {@link #trainer()}
   */
  TrainingProblem problem(Params trainable, Function<Params, NetworkWeights> composer, PhysicsLoss loss,
      int summedTasks);

  /**
   * A solution evaluated by a network from a state: its values are {@code network.forward(x, composer(state))}.
   *
   * @param task the task
   * @param network the network executor
   * @param state the saved state (owned by {@code manager})
   * @param composer builds the weights from the state
   * @param trainable the number of trained (or predicted) scalars
   * @param training how it was trained
   * @param manager the manager owning the state; closed with the solution
   * @return the solution
   */
  Solution solution(Task task, Network network, Params state, Function<Params, NetworkWeights> composer,
      long trainable, TrainingResult training, NDManager manager);
}
