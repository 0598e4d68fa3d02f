package org.pinnadapt.core.control;

import java.nio.file.Path;
import org.pinnadapt.api.base.PinnAdaptException;

/** A training stopped on request ({@link RunControl#requestStop()}) after saving a checkpoint. */
public final class RunInterruptedException extends PinnAdaptException {

  private static final long serialVersionUID = 1L;

  private final String label;
  private final int epoch;
  private final boolean checkpointed;

  /**
   * Creates the exception.
   *
   * @param label the training's label (its task)
   * @param epoch the epochs completed
   * @param checkpointed whether a checkpoint of that epoch was written
   */
  public RunInterruptedException(String label, int epoch, boolean checkpointed) {
    this(label, epoch, checkpointed, "");
  }

  private RunInterruptedException(String label, int epoch, boolean checkpointed, String hint) {
    super("interrupted at epoch " + epoch + " of " + label
        + (checkpointed ? "; checkpoint saved" : "; no checkpoint (checkpoint-every is 0)") + hint);
    this.label = label;
    this.epoch = epoch;
    this.checkpointed = checkpointed;
  }

  /**
   * The same interruption, with how to resume it.
   *
   * @param folder the run folder
   * @return the exception to throw
   */
  public RunInterruptedException resumableIn(Path folder) {
    return new RunInterruptedException(label, epoch, checkpointed,
        "; resume with: pinnadapt run --resume --out " + folder);
  }

  /** @return the training's label */
  public String label() {
    return label;
  }

  /** @return the epochs completed */
  public int epoch() {
    return epoch;
  }

  /** @return whether a checkpoint was written */
  public boolean checkpointed() {
    return checkpointed;
  }
}
