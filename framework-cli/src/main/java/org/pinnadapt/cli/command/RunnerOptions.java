package org.pinnadapt.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.sweep.SweepRunner;
import org.pinnadapt.sweep.SweepRunners;
import picocli.CommandLine.Option;

/** Where the runs of a sweep (or of a bench that is one) run: the options shared by {@code sweep} and benches. */
public final class RunnerOptions {

  @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
      description = "runs at once in this process: more than 1 runs them on Spark embedded (local[N]), each with "
          + "about cores/N native threads unless --threads is given (default: ${DEFAULT-VALUE}, one after another)")
  int workers;

  @Option(names = "--master", paramLabel = "URL",
      description = "run on a Spark standalone cluster (spark://HOST:PORT); every worker machine needs this build "
          + "at the same path; plug-in jars are shipped")
  String master;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "spark",
      description = "what runs --workers N at once: spark (embedded local[N]) or threads (a thread pool, no Spark) "
          + "(default: ${DEFAULT-VALUE})")
  String engine;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "a Spark setting, e.g. spark.executor.memory=1g (repeatable)")
  List<String> sparkConf = new ArrayList<>();

  /** Creates the options (picocli). */
  public RunnerOptions() {}

  /**
   * The native threads of each run on this machine: cores/N with {@code --workers N} and no master, else the
   * configured ones.
   *
   * @param configured the configured threads (0: all processors)
   * @return the threads
   */
  public int threads(int configured) {
    return master == null && workers > 1 && configured == 0
        ? Math.max(1, Runtime.getRuntime().availableProcessors() / workers) : configured;
  }

  /**
   * Refuses more runs at once on this machine than it has cores for, for a bench whose runs have time budgets (a
   * shared core would shorten every budget and the comparison with it).
   *
   * @param configured the configured native threads per run (0: cores/N)
   * @param bench the bench, for the message
   */
  public void checkCoresNotShared(int configured, String bench) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (master == null && workers > 1 && (workers > cores || workers * threads(configured) > cores)) {
      throw new InvalidInputException(bench + ": --workers " + workers + " with " + threads(configured)
          + " native thread(s) each needs " + workers * threads(configured) + " cores; this machine has " + cores
          + " (the runs have time budgets and must not share cores)");
    }
  }

  /**
   * Opens the runner these options name (a Spark context, when they name Spark).
   *
   * @param framework the driver's framework
   * @param base the runs' base configuration (device, precision and threads of a cluster's executors)
   * @param plugins the plug-in folder
   * @param info the runner's messages
   * @return the runner; close it
   */
  public SweepRunner open(PinnAdapt framework, ExperimentConfig base, Path plugins, Consumer<String> info) {
    return SweepRunners.open(framework, base, engine, workers, master, SweepRunners.sparkConf(sparkConf), plugins,
        info);
  }

  /**
   * Takes the values of a configuration file's {@code sweep} section where no option was given.
   *
   * @param workersValue the section's workers, or null
   * @param masterValue the section's master, or null
   */
  void defaults(Object workersValue, Object masterValue) {
    if (workers == 1 && workersValue != null) {
      workers = Integer.parseInt(String.valueOf(workersValue));
    }
    if (master == null && masterValue != null) {
      master = String.valueOf(masterValue);
    }
  }

  /**
   * Takes what a sweep folder recorded of where it ran (workers, master, engine) where no option was given.
   *
   * @param recorded the recorded settings
   */
  void resumeDefaults(Map<String, Object> recorded) {
    defaults(recorded.get("workers"), recorded.get("master"));
    if (engine.equals("spark") && "threads".equals(recorded.get("engine"))) {
      engine = "threads";
    }
  }

  /** Checks the Spark settings before anything starts. */
  void check() {
    SweepRunners.check(engine, workers, master);
    SweepRunners.sparkConf(sparkConf);
  }
}
