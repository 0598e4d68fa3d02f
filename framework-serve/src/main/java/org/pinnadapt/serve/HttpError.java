package org.pinnadapt.serve;

/** A request the explorer refuses: its HTTP status and a message naming the culprit. */
public final class HttpError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the error.
   *
   * @param status the HTTP status (400, 404...)
   * @param message what is wrong, naming the culprit
   */
  public HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }
}
