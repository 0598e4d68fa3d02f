package org.pinnadapt.core.train;

import java.util.List;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.api.train.TrainingState;

/**
 * Adam, then L-BFGS from where Adam stopped (the papers' protocol): one history, epochs counted on.
 * A checkpoint of the L-BFGS phase resumes there directly.
 */
public final class ChainTrainer implements Trainer {

  private final AdamTrainer adam;
  private final LbfgsTrainer lbfgs;

  /**
   * Creates the chain.
   *
   * @param adam the first phase
   * @param lbfgs the second phase
   */
  public ChainTrainer(AdamTrainer adam, LbfgsTrainer lbfgs) {
    this.adam = adam;
    this.lbfgs = lbfgs;
  }

  @Override
  public String id() {
    return "adam+lbfgs";
  }

  @Override
  public TrainingResult train(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener) {
    TrainingState saved = config.checkpointer() == null ? null : config.checkpointer().load().orElse(null);
    TrainingResult first;
    if (saved != null && saved.phase().equals(LbfgsTrainer.PHASE)) {
      return lbfgs.run(problem, config, label, listener, List.of(), 0);
    }
    first = adam.run(problem, config, label, listener, List.of(), 0);
    if (first.reason() == StopReason.DIVERGED || config.lbfgsIterations() == 0) {
      return first;
    }
    TrainerConfig second = config.toBuilder().optRestoreBest(true).build();
    return lbfgs.run(problem, second, label, listener, first.history(), first.epochs());
  }
}
