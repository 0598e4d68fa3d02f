package org.pinnadapt.core.experiment;

import java.util.Locale;
import org.pinnadapt.api.train.TrainingResult;

/** Durations and stop reasons as the command line and the benches print them. */
public final class Durations {

  private Durations() {}

  /**
   * A compact duration such as {@code 1m05s}.
   *
   * @param seconds the duration
   * @return the text ({@code ?} when not finite)
   */
  public static String format(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /**
   * Why a training stopped, in words.
   *
   * @param result the training
   * @return e.g. {@code max epochs}
   */
  public static String reason(TrainingResult result) {
    return result.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * A number in scientific notation with three significant digits, {@code n/a} for NaN.
   *
   * @param v the number
   * @return e.g. {@code 1.23e-04}
   */
  public static String sci(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2e", v);
  }
}
