package org.pinnadapt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.PinnAdaptException;
import org.pinnadapt.cli.command.RunCommand;
import org.pinnadapt.core.control.RunInterruptedException;
import org.pinnadapt.core.runtime.EnvironmentException;

/**
 * The one error path of the command line: any exception that reaches it becomes one {@code error:}
 * line and an exit code; the stack trace is printed only with {@code -v}.
 *
 * <p>Exit codes: 1 a failure of the run or of a plug-in, 2 bad input (an option, a file, an id), 3 the
 * environment (disk full, out of memory, a missing device or native library), 4 a run that diverged,
 * 130 a run interrupted by Ctrl-C (after its final checkpoint).
 */
final class Failures {

  /** A failure of the run or of a plug-in. */
  static final int EXIT_FAILED = 1;
  /** Bad input. */
  static final int EXIT_USAGE = 2;
  /** The environment: disk, memory, device. */
  static final int EXIT_ENVIRONMENT = 3;
  /** The training diverged. */
  static final int EXIT_DIVERGED = RunCommand.EXIT_DIVERGED;
  /** Interrupted (Ctrl-C) after a final checkpoint: 128 + SIGINT, as shells report it. */
  static final int EXIT_INTERRUPTED = 130;

  private Failures() {}

  /** How one failure is reported: the exit code and the error line (without the prefix). */
  record Outcome(int exitCode, String message) {}

  /**
   * Reports a failure on standard error.
   *
   * @param ex the failure
   * @param err standard error
   * @param verbose whether to print the stack trace too
   * @return the exit code
   */
  static int report(Throwable ex, PrintWriter err, boolean verbose) {
    Outcome o = classify(ex);
    err.println("error: " + o.message());
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return o.exitCode();
  }

  /**
   * Classifies a failure by the most telling exception in its cause chain.
   *
   * @param ex the failure
   * @return its exit code and message
   */
  static Outcome classify(Throwable ex) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = ex; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (t instanceof InvalidInputException) {
        return new Outcome(EXIT_USAGE, t.getMessage());
      }
      if (t instanceof EnvironmentException) {
        return new Outcome(EXIT_ENVIRONMENT, t.getMessage());
      }
      if (t instanceof RunInterruptedException) {
        return new Outcome(EXIT_INTERRUPTED, t.getMessage());
      }
      if (t instanceof OutOfMemoryError) {
        return new Outcome(EXIT_ENVIRONMENT, "out of memory (" + t.getMessage() + "); give the JVM more with "
            + "PINNADAPT_JAVA_OPTS=-Xmx4g, or use fewer points or a smaller grid");
      }
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return new Outcome(EXIT_ENVIRONMENT, (diskFull(t) ? "disk full: " : "") + describe(t));
      }
    }
    if (ex instanceof PinnAdaptException) {
      return new Outcome(EXIT_FAILED, ex.getMessage());
    }
    Throwable root = ex;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    StackTraceElement[] frames = root.getStackTrace();
    String where = frames.length == 0 ? "" : " at " + frames[0];
    return new Outcome(EXIT_FAILED, "internal error: " + describe(root) + where
        + " (run with -v for the stack trace)");
  }

  private static boolean diskFull(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("no space left") || m.contains("file too large") || m.contains("quota exceeded")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    if (t instanceof UncheckedIOException && t.getCause() != null && m != null
        && !m.contains(String.valueOf(t.getCause().getMessage()))) {
      m = m + ": " + t.getCause().getMessage();
    }
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
