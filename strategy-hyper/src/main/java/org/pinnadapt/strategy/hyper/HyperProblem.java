package org.pinnadapt.strategy.hyper;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.strategy.SupervisedLoss;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.TrainingProblem;

/**
 * Training of a hypernetwork over groups of tasks (one group per step): the configured losses of the
 * predicted networks, averaged over the group's tasks along the task axis.
 */
final class HyperProblem implements TrainingProblem {

  /**
   * The arrays of one group of training tasks.
   *
   * @param embedding {@code [T, e]}
   * @param physics the physics loss, or {@code null}
   * @param data the reference-data loss, or {@code null}
   * @param weightTargets {@code [T, P]} targets of weight regression, or {@code null}
   * @param pinnPoints {@code [T, N, d]} points of the per-task PINN predictions, or {@code null}
   * @param pinnTargets {@code [T, N, f]} the per-task PINN predictions, or {@code null}
   */
  record Group(NDArray embedding, PhysicsLoss physics, SupervisedLoss data, NDArray weightTargets,
      NDArray pinnPoints, NDArray pinnTargets) {}

  private final Hypernetwork hyper;
  private final Network hyperNet;
  private final Network targetNet;
  private final Params all;
  private final Params trainable;
  private final Params base;
  private final List<Group> groups;
  private final Group validation;

  HyperProblem(Hypernetwork hyper, Network hyperNet, Network targetNet, Params all, Params trainable, Params base,
      List<Group> groups, Group validation) {
    this.hyper = hyper;
    this.hyperNet = hyperNet;
    this.targetNet = targetNet;
    this.all = all;
    this.trainable = trainable.requireGradients();
    this.base = base;
    this.groups = groups;
    this.validation = validation;
  }

  @Override
  public Params parameters() {
    return trainable;
  }

  @Override
  public int batchCount(int batchSize) {
    return groups.size();
  }

  @Override
  public LossTerms loss(Batch batch) {
    return terms(groups.get(batch.index() % groups.size()), batch);
  }

  @Override
  public LossTerms validationLoss() {
    return validation == null ? null : terms(validation, Batch.full(0));
  }

  private LossTerms terms(Group g, Batch batch) {
    NDArray predicted = hyper.predict(hyperNet, all, g.embedding());
    NetworkWeights w = hyper.compose(base, hyper.unpack(predicted));
    LossTerms terms = new LossTerms();
    if (g.physics() != null) {
      g.physics().loss(w, Batch.full(batch.epoch())).terms().forEach(terms::add);
    }
    if (g.data() != null) {
      g.data().loss(w).terms().forEach(terms::add);
    }
    if (g.weightTargets() != null) {
      NDArray d = predicted.sub(g.weightTargets());
      terms.add("weights", d.mul(d).mean());
    }
    if (g.pinnTargets() != null) {
      NDArray d = targetNet.forward(g.pinnPoints(), w).sub(g.pinnTargets());
      terms.add("pinn-data", d.mul(d).mean());
    }
    return terms;
  }

  @Override
  public void resample(int epoch) {
    for (Group g : groups) {
      if (g.physics() != null) {
        g.physics().resample(epoch);
      }
    }
  }
}
