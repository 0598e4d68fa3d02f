package org.pinnadapt.api.strategy;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.LossTerms;

/**
 * A data loss: the mean squared difference between the network and target values at fixed points,
 * per task (with a task axis when built for several tasks).
 */
public interface SupervisedLoss extends AutoCloseable {

  /**
   * The tasks, in task-axis order.
   *
   * @return the tasks
   */
  List<Task> tasks();

  /**
   * The points, {@code [N, d]} or {@code [T, N, d]}.
   *
   * @return the points
   */
  NDArray points();

  /**
   * The targets, {@code [N, fields]} or {@code [T, N, fields]}.
   *
   * @return the targets
   */
  NDArray targets();

  /**
   * The loss term {@code data}.
   *
   * @param weights the composed weights
   * @return the terms
   */
  LossTerms loss(NetworkWeights weights);

  /** Frees the arrays this loss owns. */
  @Override
  void close();
}
