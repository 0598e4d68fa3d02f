package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.train.EpochReport;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.experiment.Durations;

/**
 * Prints training progress as plain lines: every {@code every} epochs (and the last), the epoch,
 * loss terms, learning rate and the estimated time to the end of the epoch budget.
 */
public final class ProgressPrinter implements TrainingListener {

  private final PrintWriter out;
  private final int every;
  private final boolean quiet;

  /**
   * Creates the printer.
   *
   * @param out where to print
   * @param every epochs between lines; 0 chooses about ten lines per training
   * @param quiet print only start and end lines
   */
  public ProgressPrinter(PrintWriter out, int every, boolean quiet) {
    this.out = out;
    this.every = every;
    this.quiet = quiet;
  }

  @Override
  public void started(String label, int maxEpochs) {
    out.printf(Locale.ROOT, "[%s] training, up to %d epochs%n", label, maxEpochs);
    out.flush();
  }

  @Override
  public void epoch(EpochReport r) {
    if (quiet) {
      return;
    }
    int n = every > 0 ? every : Math.max(1, r.maxEpochs() / 10);
    int e = r.row().epoch();
    if ((e + 1) % n != 0 && e + 1 != r.maxEpochs()) {
      return;
    }
    StringBuilder terms = new StringBuilder();
    for (Map.Entry<String, Double> t : r.row().terms().entrySet()) {
      terms.append(String.format(Locale.ROOT, " %s=%.3e", t.getKey(), t.getValue()));
    }
    String lr = Double.isNaN(r.row().lr()) ? "" : String.format(Locale.ROOT, " lr=%.1e", r.row().lr());
    String val = Double.isNaN(r.row().validation()) ? "" : String.format(Locale.ROOT, " val=%.3e", r.row().validation());
    out.printf(Locale.ROOT, "[%s] %s %d/%d loss=%.3e%s%s%s eta %s%n", r.label(), r.row().phase(), e + 1,
        r.maxEpochs(), r.row().loss(), terms, lr, val, Durations.format(r.etaSeconds()));
    out.flush();
  }

  @Override
  public void finished(String label, TrainingResult result) {
    out.printf(Locale.ROOT, "[%s] done: %d epochs, loss %.3e, %.1f ms/epoch, %s (%s)%n", label, result.epochs(),
        result.finalLoss(), 1000 * result.secondsPerEpoch(), Durations.format(result.wallSeconds()),
        Durations.reason(result));
    out.flush();
  }
}
