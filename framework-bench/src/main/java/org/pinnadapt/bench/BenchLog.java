package org.pinnadapt.bench;

import java.util.Locale;
import java.util.function.Consumer;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.experiment.Durations;

/**
 * Where a bench reports its progress while it runs: one line per step of the protocol (a finished training, a
 * measured method), and a training listener for the progress inside each training.
 *
 * @param lines receives each progress line
 * @param training receives the training events
 */
public record BenchLog(Consumer<String> lines, TrainingListener training) {

  /** Reports nothing. */
  public static final BenchLog SILENT = new BenchLog(line -> { }, TrainingListener.NONE);

  /**
   * One line per finished training (epochs, final loss, time per epoch, wall time, and why it stopped unless
   * its epochs ran out), as the command line prints it.
   *
   * @param lines receives the lines
   * @return the log
   */
  public static BenchLog compact(Consumer<String> lines) {
    return new BenchLog(lines, new TrainingListener() {
      @Override
      public void finished(String label, TrainingResult r) {
        lines.accept(String.format(Locale.ROOT, "  [%s] %d epochs, loss %.3e, %.2f ms/epoch, %s%s", label, r.epochs(),
            r.finalLoss(), 1000 * r.secondsPerEpoch(), Durations.format(r.wallSeconds()),
            r.reason() == StopReason.MAX_EPOCHS ? "" : " (" + Durations.reason(r) + ")"));
      }
    });
  }

  /**
   * Reports a formatted line.
   *
   * @param format a {@link String#format} pattern (root locale)
   * @param args its arguments
   */
  public void printf(String format, Object... args) {
    lines.accept(String.format(Locale.ROOT, format, args));
  }
}
