package org.pinnadapt.api.strategy;

import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.TaskSplit;

/**
 * The framework's services to a strategy during one experiment: what the run is about ({@link #pde()}, the
 * strategy's {@link #options()}, the {@link #seed()} and the {@link #taskSplit()}) and four narrow services:
 * {@link #compute()}, {@link #losses()}, {@link #training()} and {@link #store()}. Implemented by the framework;
 * a strategy never needs anything else.
 */
public interface StrategyContext {

  /**
   * The PDE.
   *
   * @return the PDE
   */
  Pde pde();

  /**
   * The strategy's own options, validated against its provider's specifications.
   *
   * @return the options
   */
  Options options();

  /**
   * The experiment seed; derive sub-seeds from it.
   *
   * @return the seed
   */
  long seed();

  /**
   * The experiment's task split.
   *
   * @return the split
   */
  TaskSplit taskSplit();

  /**
   * The engine: memory, precision, networks.
   *
   * @return the compute service
   */
  Compute compute();

  /**
   * Physics-informed and supervised losses.
   *
   * @return the loss service
   */
  Losses losses();

  /**
   * Trainers, their configuration, checkpoints, progress, the base network and other strategies.
   *
   * @return the training service
   */
  Training training();

  /**
   * Saved states and messages in the run folder.
   *
   * @return the run store
   */
  RunStore store();
}
