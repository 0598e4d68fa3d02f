package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.experiment.TaskResult;

/** Prints the per-task and mean results of a run as a table. */
public final class ResultTable {

  private ResultTable() {}

  /**
   * Prints the table.
   *
   * @param out where to print
   * @param r the run result
   */
  public static void print(PrintWriter out, RunResult r) {
    out.printf(Locale.ROOT, "%n%s on %s (%d tasks), run folder %s%n", r.strategy(), r.pde(), r.tasks().size(),
        r.directory());
    String fmt = "%-28s %11s %9s %9s %7s %10s %9s%n";
    out.printf(Locale.ROOT, fmt, "task", "mse", "rel_l2", "params", "epochs", "s/epoch", "wall s");
    for (TaskResult t : r.tasks()) {
      out.printf(Locale.ROOT, fmt, t.task(), sci(t.errors().mse()), sci3(t.errors().relL2()), t.trainable(),
          t.training().epochs(), String.format(Locale.ROOT, "%.4f", t.training().secondsPerEpoch()),
          String.format(Locale.ROOT, "%.1f", t.adaptSeconds()));
    }
    Map<String, Double> m = r.mean();
    out.printf(Locale.ROOT, fmt, "mean", sci(m.get("mse")), sci3(m.get("rel_l2")),
        String.format(Locale.ROOT, "%.0f", m.get("trainable_params")), String.format(Locale.ROOT, "%.0f", m.get("epochs")),
        String.format(Locale.ROOT, "%.4f", m.get("sec_per_epoch")), String.format(Locale.ROOT, "%.1f", m.get("adapt_s")));
    if (r.prepareSeconds() > 0.05) {
      out.printf(Locale.ROOT, "offline phase (base network / hypernetwork): %.1f s%n", r.prepareSeconds());
    }
    out.flush();
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.3e", v);
  }

  private static String sci3(double v) {
    return String.format(Locale.ROOT, "%.2e", v);
  }
}
