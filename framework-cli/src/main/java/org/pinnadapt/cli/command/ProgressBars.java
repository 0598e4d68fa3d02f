package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.pinnadapt.api.train.EpochReport;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.experiment.Durations;

/**
 * Training progress on a terminal: one progress bar per training (me.tongfei.progressbar) with the
 * epoch, loss terms, learning rate and the trainer's ETA (which respects the time limit); a summary line when it ends.
 */
public final class ProgressBars implements TrainingListener {

  private final PrintWriter out;
  private ProgressBar bar;
  /** The trainer's estimate, which respects the time limit (the library's would extrapolate epochs only). */
  private volatile double etaSeconds = Double.NaN;

  /**
   * Creates the listener.
   *
   * @param out where the summary lines go
   */
  public ProgressBars(PrintWriter out) {
    this.out = out;
  }

  /**
   * The right listener for the output: bars on a terminal, plain lines otherwise or when asked.
   *
   * @param out the output
   * @param logEvery epochs between plain lines (0: automatic); a positive value forces plain lines
   * @param quiet only start and end lines
   * @return the listener
   */
  public static TrainingListener forOutput(PrintWriter out, int logEvery, boolean quiet) {
    boolean terminal = System.console() != null && System.getenv("PINNADAPT_PLAIN") == null;
    return terminal && !quiet && logEvery == 0 ? new ProgressBars(out) : new ProgressPrinter(out, logEvery, quiet);
  }

  @Override
  public void started(String label, int maxEpochs) {
    close();
    bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(maxEpochs).setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500).showSpeed()
        .setEtaFunction(state -> Double.isFinite(etaSeconds)
            ? Optional.of(Duration.ofMillis((long) (1000 * etaSeconds))) : Optional.empty())
        .build();
  }

  @Override
  public void epoch(EpochReport r) {
    if (bar == null) {
      return;
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.2e", r.row().loss()));
    for (Map.Entry<String, Double> t : r.row().terms().entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s %.1e", t.getKey(), t.getValue()));
    }
    if (!Double.isNaN(r.row().lr())) {
      sb.append(String.format(Locale.ROOT, " lr %.0e", r.row().lr()));
    }
    etaSeconds = r.etaSeconds();
    bar.stepTo(r.row().epoch() + 1);
    bar.setExtraMessage(sb.toString());
  }

  @Override
  public void finished(String label, TrainingResult result) {
    close();
    out.printf(Locale.ROOT, "[%s] done: %d epochs, loss %.3e, %.1f ms/epoch, %s (%s)%n", label, result.epochs(),
        result.finalLoss(), 1000 * result.secondsPerEpoch(), Durations.format(result.wallSeconds()),
        Durations.reason(result));
    out.flush();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
