package org.pinnadapt.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;

/** Chooses where a sweep's cells run, as {@code pinnadapt sweep} and the benches that are sweeps do. */
public final class SweepRunners {

  private SweepRunners() {}

  /**
   * Opens a runner: in this process one after another ({@code workers} 1, no master), Spark embedded in
   * {@code local[workers]} (engine {@code spark}), a thread pool (engine {@code threads}), or a Spark cluster
   * ({@code master}).
   *
   * @param framework the driver's framework
   * @param base the sweep's base configuration ({@code device}, {@code precision}, {@code threads} for a cluster's
   *     executors; {@code threads} 0 means one native thread per executor core)
   * @param engine {@code spark} or {@code threads}
   * @param workers cells at once on this machine
   * @param master a Spark master URL, or null
   * @param sparkConf Spark settings
   * @param pluginFolder the plug-in folder, or null
   * @param info messages of the runner (a cell's attempt lost and run again)
   * @return the runner; close it
   */
  public static SweepRunner open(PinnAdapt framework, ExperimentConfig base, String engine, int workers,
      String master, Map<String, String> sparkConf, Path pluginFolder, Consumer<String> info) {
    check(engine, workers, master);
    if (master == null && workers == 1) {
      return new InProcessRunner(framework);
    }
    if (master == null && engine.equals("threads")) {
      return new ThreadRunner(framework, workers);
    }
    Map<String, Object> executors = new LinkedHashMap<>();
    executors.put("device", base.string("device"));
    executors.put("precision", base.string("precision"));
    int threads = base.integer("threads");
    executors.put("threads", threads > 0 ? threads
        : Integer.parseInt(sparkConf.getOrDefault("spark.executor.cores", "1")));
    return SparkRunner.start(master, workers, sparkConf, framework, pluginFolder, executors, info);
  }

  /**
   * Checks where cells are to run, before anything starts.
   *
   * @param engine {@code spark} or {@code threads}
   * @param workers cells at once on this machine
   * @param master a Spark master URL, or null
   */
  public static void check(String engine, int workers, String master) {
    if (workers < 1) {
      throw new InvalidInputException("--workers must be at least 1, got " + workers);
    }
    if (!engine.equals("spark") && !engine.equals("threads")) {
      throw new InvalidInputException("--engine " + engine + ": not spark or threads");
    }
    if (master != null && engine.equals("threads")) {
      throw new InvalidInputException("--master needs --engine spark");
    }
  }

  /**
   * Reads {@code KEY=VALUE} Spark settings.
   *
   * @param settings the settings as given
   * @return them as a map, in order
   */
  public static Map<String, String> sparkConf(List<String> settings) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq <= 0 || !s.startsWith("spark.")) {
        throw new InvalidInputException("--spark-conf " + s + ": not spark.KEY=VALUE");
      }
      m.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return m;
  }
}
