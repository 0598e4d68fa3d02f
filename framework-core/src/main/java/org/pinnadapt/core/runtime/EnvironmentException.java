package org.pinnadapt.core.runtime;

import org.pinnadapt.api.base.PinnAdaptException;

/** The machine cannot do what was asked: a missing device or native library (the command line's exit code 3). */
public final class EnvironmentException extends PinnAdaptException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is missing, naming the option that asked for it
   */
  public EnvironmentException(String message) {
    super(message);
  }
}
