package org.pinnadapt.api.strategy;

import java.util.function.Function;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
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

  /**
   * Creates the problem.
   *
   * @param trainable the leaves to train (gradients are switched on)
   * @param composer builds the network weights from them
   * @param loss the physics-informed loss
   */
  public PhysicsTrainingProblem(Params trainable, Function<Params, NetworkWeights> composer, PhysicsLoss loss) {
    this.trainable = trainable.requireGradients();
    this.composer = composer;
    this.loss = loss;
  }

  @Override
  public Params parameters() {
    return trainable;
  }

  @Override
  public LossTerms loss(Batch batch) {
    return loss.loss(composer.apply(trainable), batch);
  }

  @Override
  public int batchCount(int batchSize) {
    return loss.batchCount(batchSize);
  }

  @Override
  public LossTerms validationLoss() {
    return loss.validationLoss(composer.apply(trainable));
  }

  @Override
  public void resample(int epoch) {
    loss.resample(epoch);
  }

  @Override
  public void refine(int epoch) {
    loss.refine(composer.apply(trainable), epoch);
  }

  @Override
  public double error() {
    return loss.error(composer.apply(trainable));
  }
}
