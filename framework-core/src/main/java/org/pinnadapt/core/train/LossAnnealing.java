package org.pinnadapt.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingProblem;

/**
 * Loss weights of a training: fixed ({@link TrainerConfig#lossWeights()}), or adapted by learning-rate
 * annealing (Wang, Teng and Perdikaris 2021, Algorithm 1). Every {@link TrainerConfig#annealingEvery()}
 * steps the gradient of each term is taken separately (one forward pass, one backward pass per term on
 * the kept graph) and every term but {@code residual} gets
 * \( \hat\lambda_i = \max_\theta |\nabla_\theta L_r| / \overline{|\nabla_\theta L_i|} \),
 * \( \lambda_i \leftarrow (1 - \alpha) \lambda_i + \alpha \hat\lambda_i \).
 */
final class LossAnnealing {

  /** The reference term of the annealing. */
  static final String RESIDUAL = "residual";

  private final Map<String, Double> weights;
  private final int every;
  private final double alpha;

  LossAnnealing(TrainerConfig config) {
    this.weights = new LinkedHashMap<>(config.lossWeights());
    this.every = config.annealingEvery();
    this.alpha = config.annealingAlpha();
  }

  /** The weights to use now (absent terms weigh 1). */
  Map<String, Double> weights() {
    return weights;
  }

  /** Whether the weights adapt. */
  boolean enabled() {
    return every > 0;
  }

  /** Whether the weights are updated before this (1-based) step. */
  boolean due(long step) {
    return every > 0 && (step - 1) % every == 0;
  }

  /** The weights as checkpoint scalars ({@code w.<term>}). */
  Map<String, Double> scalars() {
    Map<String, Double> m = new LinkedHashMap<>();
    weights.forEach((k, v) -> m.put("w." + k, v));
    return m;
  }

  /** Restores the weights from checkpoint scalars. */
  void restore(Map<String, Double> scalars) {
    scalars.forEach((k, v) -> {
      if (k.startsWith("w.")) {
        weights.put(k.substring(2), v);
      }
    });
  }

  /**
   * Updates the weights from the terms' gradients on a batch; leaves the parameters' gradients at zero.
   *
   * @param problem the problem
   * @param batch the batch of the coming step
   */
  void update(TrainingProblem problem, Batch batch) {
    Params params = problem.parameters();
    Map<String, Double> stats = new LinkedHashMap<>();
    try (NDScope scope = new NDScope()) {
      try (Autograd.Recording r = Autograd.record()) {
        LossTerms terms = problem.loss(batch);
        List<String> names = new ArrayList<>(terms.terms().keySet());
        for (int i = 0; i < names.size(); i++) {
          String name = names.get(i);
          Autograd.backward(terms.terms().get(name), i < names.size() - 1);
          stats.put(name, gradientStatistic(params, name.equals(RESIDUAL)));
          Autograd.zeroGradients(params);
        }
      }
    }
    Double top = stats.get(RESIDUAL);
    if (top == null || !(top > 0)) {
      return; // no residual term, or a flat one: nothing to balance against
    }
    stats.forEach((name, mean) -> {
      if (!name.equals(RESIDUAL) && mean > 0 && Double.isFinite(mean)) {
        double old = weights.getOrDefault(name, 1.0);
        weights.put(name, (1 - alpha) * old + alpha * top / mean);
      }
    });
  }

  /** The largest (or mean) absolute gradient entry over all parameters. */
  private static double gradientStatistic(Params params, boolean max) {
    double value = 0;
    long count = 0;
    for (NDArray p : params.arrays()) {
      try (NDArray g = p.getGradient()) {
        NDArray a = g.abs();
        if (max) {
          value = Math.max(value, Autograd.value(a.max()));
        } else {
          value += Autograd.value(a.sum());
          count += a.size();
        }
      }
    }
    return max ? value : value / Math.max(1, count);
  }
}
