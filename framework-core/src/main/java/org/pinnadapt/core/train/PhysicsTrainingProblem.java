package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.function.Function;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.TrainingProblem;

/**
 * The usual training problem of a strategy: trainable parameters, a composition that turns them into
 * network weights, and a physics-informed loss.
 */
public final class PhysicsTrainingProblem implements TrainingProblem {

  private final Params trainable;
  private final Function<Params, NetworkWeights> composer;
  private final PhysicsLoss loss;
  private final int summedTasks;

  /**
   * Creates the problem.
   *
   * @param trainable the leaves to train (gradients are switched on)
   * @param composer builds the network weights from them
   * @param loss the physics-informed loss
   */
  public PhysicsTrainingProblem(Params trainable, Function<Params, NetworkWeights> composer, PhysicsLoss loss) {
    this(trainable, composer, loss, 1);
  }

  /**
   * Creates the problem of several tasks trained together on a task-axis loss: the loss, a mean over the task
   * axis, is multiplied by the task count, so that it is the sum of the per-task losses.
   *
   * @param trainable the leaves to train (gradients are switched on)
   * @param composer builds the network weights from them
   * @param loss the physics-informed loss
   * @param summedTasks the number of tasks summed (1: the loss as it is)
   */
  public PhysicsTrainingProblem(Params trainable, Function<Params, NetworkWeights> composer, PhysicsLoss loss,
      int summedTasks) {
    this.trainable = trainable.requireGradients();
    this.composer = composer;
    this.loss = loss;
    this.summedTasks = summedTasks;
  }

  @Override
  public Params parameters() {
    return trainable;
  }

  @Override
  public LossTerms loss(Batch batch) {
    return summed(loss.loss(composer.apply(trainable), batch));
  }

  @Override
  public int batchCount(int batchSize) {
    return loss.batchCount(batchSize);
  }

  @Override
  public LossTerms validationLoss() {
    return summed(loss.validationLoss(composer.apply(trainable)));
  }

  private LossTerms summed(LossTerms terms) {
    if (summedTasks == 1) {
      return terms;
    }
    LossTerms s = new LossTerms();
    for (Map.Entry<String, NDArray> e : terms.terms().entrySet()) {
      s.add(e.getKey(), Scalars.mul(e.getValue(), summedTasks)); // mean over the task axis -> sum of per-task losses
    }
    return s;
  }

  @Override
  public void resample(int epoch) {
    loss.resample(epoch);
  }

  @Override
  public void refine(int epoch) {
    loss.refine(() -> composer.apply(trainable), epoch);
  }

  @Override
  public double error() {
    return loss.error(composer.apply(trainable));
  }
}
