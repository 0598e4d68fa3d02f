package org.pinnadapt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.RunResult;

/** What the benches share: configuration maps, the smoke shrink, one run with a one-line summary, folders. */
final class BenchRuns {

  private BenchRuns() {}

  /**
   * Shrinks a run configuration to a smoke test: a few epochs on a few points.
   *
   * @param c the configuration, changed in place
   * @return {@code c}
   */
  static Map<String, Object> shrink(Map<String, Object> c) {
    c.putAll(map("epochs", 3, "base-epochs", 3, "lr-schedule", "step", "lr-constant-epochs", 3, "collocation", 32,
        "initial", 8, "boundary", 8, "validate-every", 1, "patience", 0, "trainer", "adam"));
    return c;
  }

  /** Runs one experiment with its messages and progress in the bench's log. */
  static RunResult experiment(PinnAdapt pa, Map<String, Object> config, String what, BenchLog log) {
    return Experiment.run(pa, ExperimentConfig.fromMap(config, what), false, log.training(), log.lines()::accept, null);
  }

  /** Runs one experiment, then logs its mean errors and wall time on one line. */
  static RunResult run(PinnAdapt pa, Map<String, Object> config, BenchLog log, String what) {
    ExperimentConfig c = ExperimentConfig.fromMap(config, what);
    long t0 = System.nanoTime();
    RunResult r = Experiment.run(pa, c, false, log.training(), m -> { }, null);
    log.printf("%s: mean mse %.3e, rel_l2 %.3e (%s)", what, r.mean().get("mse"), r.mean().get("rel_l2"),
        Durations.format((System.nanoTime() - t0) / 1e9));
    return r;
  }

  /** A strategy's configuration: the common settings, its run folder, then its own keys and values. */
  static Map<String, Object> with(Map<String, Object> common, Path dir, String strategy, Object... kv) {
    Map<String, Object> c = new LinkedHashMap<>(common);
    c.put("strategy", strategy);
    c.putAll(map(kv));
    c.put("out", dir.resolve(strategy).toString());
    return c;
  }

  /** A configuration map from alternating keys and values, in order. */
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * The folder of a bench on one PDE: the PDE id is checked first (a rejected bench leaves no folder), and only
   * its file-name-safe form reaches the default folder's name.
   */
  static Path folder(PinnAdapt pa, Path out, String bench, String pde) {
    pa.registry().pdeProvider(pde); // throws the unknown-id message before anything is created
    return folder(out, bench + "-" + RunFiles.safe(pde));
  }

  /** The given folder, or a new timestamped one under {@code runs/}; created. */
  static Path folder(Path out, String prefix) {
    Path dir = out != null ? out : RunFiles.timestamped(RunFiles.safe(prefix));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }
}
