package org.pinnadapt.api.base;

/** The root of the exceptions pinnadapt raises on purpose. */
public class PinnAdaptException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the culprit
   */
  public PinnAdaptException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the culprit
   * @param cause the underlying failure
   */
  public PinnAdaptException(String message, Throwable cause) {
    super(message, cause);
  }
}
