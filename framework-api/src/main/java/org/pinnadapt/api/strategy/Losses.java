package org.pinnadapt.api.strategy;

import java.util.List;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.pde.Task;

/**
 * The losses the framework builds for a strategy: physics-informed over tasks (with the run's points, sampling,
 * causal weighting and refinement), and supervised on reference data. One of the services of a {@link StrategyContext}.
 */
public interface Losses {

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
}
