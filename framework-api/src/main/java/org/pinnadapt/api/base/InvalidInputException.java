package org.pinnadapt.api.base;

/**
 * Bad input from the user: an unknown id, a parameter outside its range, a malformed file. The
 * message names the culprit; the command line turns it into one line on standard error and exit
 * code 2.
 */
public class InvalidInputException extends PinnAdaptException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one sentence naming the culprit and what is expected
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message one sentence naming the culprit and what is expected
   * @param cause the underlying failure
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
