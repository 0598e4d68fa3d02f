package org.pinnadapt.core.control;

/**
 * A process-wide request to stop training (Ctrl-C): every training loop saves a checkpoint at the end
 * of its current epoch and throws {@link RunInterruptedException}.
 */
public final class RunControl {

  private static volatile boolean stopRequested;

  private RunControl() {}

  /** Asks every running training to checkpoint and stop. */
  public static void requestStop() {
    stopRequested = true;
  }

  /** @return whether a stop was requested */
  public static boolean stopRequested() {
    return stopRequested;
  }

  /** Clears a stop request (for embedding code that runs again after an interruption). */
  public static void clear() {
    stopRequested = false;
  }
}
