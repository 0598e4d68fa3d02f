package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.cli.command.ProgressPrinter;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunResult;

/** Shared pieces of the paper benchmarks: scales, runs, progress with an overall ETA. */
final class BenchSupport {

  private BenchSupport() {}

  /** The description of every bench command's {@code --scale} option. */
  static final String SCALES = "quick (minutes), paper (the paper's budget) or smoke (seconds: checks that the "
      + "command runs end to end; its numbers mean nothing)";

  static boolean paper(String scale) {
    switch (scale) {
      case "quick", "smoke": return false;
      case "paper": return true;
      default: throw new InvalidInputException("scale '" + scale + "' is not quick, paper or smoke");
    }
  }

  static boolean smoke(String scale) {
    return "smoke".equals(scale);
  }

  /**
   * Shrinks a run configuration to a smoke test: a few epochs on a few points.
   *
   * @param c the configuration, changed in place
   * @return {@code c}
   */
  static Map<String, Object> shrink(Map<String, Object> c) {
    c.putAll(map("epochs", 3, "base-epochs", 3, "lr-schedule", "step", "lr-constant-epochs", 3, "collocation", 32, "initial", 8,
        "boundary", 8, "validate-every", 1, "patience", 0, "trainer", "adam"));
    return c;
  }

  /**
   * One line per finished training: epochs, final loss, time per epoch, wall time, and why it stopped
   * unless its epochs ran out.
   *
   * @param out where the lines go
   * @return the listener
   */
  static TrainingListener listener(PrintWriter out) {
    return new TrainingListener() {
      @Override
      public void finished(String label, TrainingResult r) {
        out.printf(Locale.ROOT, "  [%s] %d epochs, loss %.3e, %.2f ms/epoch, %s%s%n", label, r.epochs(), r.finalLoss(),
            1000 * r.secondsPerEpoch(), ProgressPrinter.duration(r.wallSeconds()),
            r.reason() == StopReason.MAX_EPOCHS ? "" : " (" + ProgressPrinter.reason(r) + ")");
        out.flush();
      }
    };
  }

  /** Runs one experiment with a compact one-line-per-training progress. */
  static RunResult run(PinnAdapt pa, Map<String, Object> config, PrintWriter out, String what) {
    ExperimentConfig c = ExperimentConfig.fromMap(config, what);
    long t0 = System.nanoTime();
    RunResult r = Experiment.run(pa, c, false, listener(out), m -> { }, null);
    out.printf(Locale.ROOT, "%s: mean mse %.3e, rel_l2 %.3e (%s)%n", what, r.mean().get("mse"),
        r.mean().get("rel_l2"), ProgressPrinter.duration((System.nanoTime() - t0) / 1e9));
    out.flush();
    return r;
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static String sci(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2e", v);
  }
}
