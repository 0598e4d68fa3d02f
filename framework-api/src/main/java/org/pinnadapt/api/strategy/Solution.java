package org.pinnadapt.api.strategy;

import ai.djl.ndarray.NDArray;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.TrainingResult;

/**
 * The solution of one task produced by a strategy. It owns native memory: close it.
 */
public interface Solution extends AutoCloseable {

  /**
   * The task solved.
   *
   * @return the task
   */
  Task task();

  /**
   * Evaluates the solution.
   *
   * @param x points {@code [N, d]}
   * @return fields {@code [N, fields]}
   */
  NDArray predict(NDArray x);

  /**
   * What must be saved to restore this solution with {@code AdaptationStrategy.restore}.
   *
   * @return the state
   */
  Params state();

  /**
   * The number of scalars trained (or predicted) for this task.
   *
   * @return the count
   */
  long trainableParameters();

  /**
   * How the solution was trained.
   *
   * @return the result; {@link TrainingResult#none()} if it was not trained
   */
  TrainingResult training();

  /** Releases native memory. */
  @Override
  void close();
}
