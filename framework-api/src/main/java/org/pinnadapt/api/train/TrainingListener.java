package org.pinnadapt.api.train;

/** Receives training progress. Methods are called on the training thread; keep them cheap. */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * A training starts.
   *
   * @param label what is trained
   * @param maxEpochs the epoch budget
   */
  default void started(String label, int maxEpochs) {}

  /**
   * An epoch finished.
   *
   * @param report the progress
   */
  default void epoch(EpochReport report) {}

  /**
   * The training finished.
   *
   * @param label what was trained
   * @param result the result
   */
  default void finished(String label, TrainingResult result) {}
}
