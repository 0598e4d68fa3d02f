package org.pinnadapt.api.train;


/**
 * An optimizer loop.
 *
 * <p>Contract: the trainer updates {@link TrainingProblem#parameters()} in place; runs each step's
 * arrays in a scope it closes (optimizer state lives outside it); applies
 * {@link TrainerConfig#lossWeights()}; stops on a NaN or infinite loss with
 * {@link org.pinnadapt.api.train.StopReason#DIVERGED}, keeping the best parameters; reports every epoch
 * to the listener; and, given a {@link org.pinnadapt.api.train.Checkpointer}, saves and resumes its
 * state so that a resumed run follows the uninterrupted trajectory.
 */
public interface Trainer {

  /**
   * The id of this trainer, e.g. {@code adam}.
   *
   * @return the id
   */
  String id();

  /**
   * Minimizes the problem's weighted loss.
   *
   * @param problem what to minimize
   * @param config budget, schedule, weights
   * @param label a label for progress reports, e.g. {@code lora Re=40}
   * @param listener receives progress
   * @return the result
   */
  TrainingResult train(TrainingProblem problem, TrainerConfig config, String label, TrainingListener listener);
}
