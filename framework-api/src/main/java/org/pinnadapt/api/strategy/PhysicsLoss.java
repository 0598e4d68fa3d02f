package org.pinnadapt.api.strategy;

import java.util.List;
import java.util.function.Supplier;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;

/**
 * The physics-informed loss of one or several tasks: mean squared residuals at collocation points
 * plus the initial, boundary and periodicity terms, with points sampled by the framework.
 *
 * <p>Built for one task, it expects weights without a task axis. Built for a list of tasks, it
 * evaluates all of them in one call along the task axis: every weight may carry a leading task axis
 * of length {@code tasks().size()} or be shared.
 */
public interface PhysicsLoss extends AutoCloseable {

  /**
   * The tasks, in task-axis order.
   *
   * @return the tasks
   */
  List<Task> tasks();

  /**
   * Whether inputs carry a task axis.
   *
   * @return {@code true} if built for a list of tasks
   */
  boolean taskAxis();

  /**
   * The loss terms of the network with the given weights.
   *
   * @param weights the composed weights
   * @param batch which collocation points (conditions are always evaluated in full)
   * @return terms named after the residual equations and conditions
   */
  LossTerms loss(NetworkWeights weights, Batch batch);

  /**
   * The loss at held-out collocation points (same conditions), for early stopping and model
   * selection; evaluate it with gradient recording off.
   *
   * @param weights the composed weights
   * @return the terms
   */
  LossTerms validationLoss(NetworkWeights weights);

  /**
   * The number of mini-batches for a batch size.
   *
   * @param batchSize collocation points per batch; 0 for full batch
   * @return the number of batches
   */
  int batchCount(int batchSize);

  /**
   * Draws new collocation points for an epoch (deterministic in the seed and the epoch).
   *
   * @param epoch the epoch
   */
  void resample(int epoch);

  /**
   * The relative L2 error of the network with the given weights against the PDE's reference at the
   * monitor points (mean over tasks; a field defined up to a constant is compared after removing the
   * mean difference); evaluate it with gradient recording off.
   *
   * @param weights the composed weights
   * @return the error, or NaN if this loss has no monitor points or the PDE no reference
   */
  default double error(NetworkWeights weights) {
    return Double.NaN;
  }

  /**
   * Adapts the collocation set to the current solution before an epoch, if the run asks for it
   * (residual-based adaptive refinement); a no-op otherwise. Called with gradient recording off, before every
   * epoch: the weights are formed only when a refinement is due, and freed with its temporaries (composing them on
   * every epoch would cost a composition each and, outside any memory scope, keep every one of them).
   *
   * @param weights forms the composed weights
   * @param epoch the epoch about to start
   */
  default void refine(Supplier<NetworkWeights> weights, int epoch) {}

  /** Frees the point sets. */
  @Override
  void close();
}
