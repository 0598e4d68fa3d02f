package org.pinnadapt.core.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.function.Function;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingResult;

/**
 * A {@link Solution} that evaluates a {@link Network} with weights composed from its state. It owns a
 * manager and closes it.
 */
public final class NetworkSolution implements Solution {

  private final Task task;
  private final Network network;
  private final Params state;
  private final Function<Params, NetworkWeights> composer;
  private final long trainable;
  private final TrainingResult training;
  private final NDManager manager;

  /**
   * Creates a solution.
   *
   * @param task the task
   * @param network the network executor
   * @param state the saved state (owned by {@code manager})
   * @param composer builds the weights from the state
   * @param trainable the number of trained scalars
   * @param training how it was trained
   * @param manager the manager owning the state; closed with the solution
   */
  public NetworkSolution(
      Task task,
      Network network,
      Params state,
      Function<Params, NetworkWeights> composer,
      long trainable,
      TrainingResult training,
      NDManager manager) {
    this.task = task;
    this.network = network;
    this.state = state;
    this.composer = composer;
    this.trainable = trainable;
    this.training = training;
    this.manager = manager;
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  @SuppressWarnings("try") // the scope frees the intermediates; its variable is not used
  public NDArray predict(NDArray x) {
    try (NDScope scope = new NDScope()) {
      NDArray out = network.forward(x, composer.apply(state));
      NDScope.unregister(out);
      return out;
    }
  }

  @Override
  public Params state() {
    return state;
  }

  @Override
  public long trainableParameters() {
    return trainable;
  }

  @Override
  public TrainingResult training() {
    return training;
  }

  @Override
  public void close() {
    manager.close();
  }
}
