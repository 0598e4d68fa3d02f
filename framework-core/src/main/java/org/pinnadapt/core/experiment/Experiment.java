package org.pinnadapt.core.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.control.RunInterruptedException;
import org.pinnadapt.core.io.ArrayFile;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.loss.ErrorReport;
import org.pinnadapt.core.loss.Metrics;

/**
 * Runs one experiment: resolves and validates the configuration, prepares the strategy (base network,
 * hypernetwork), solves every task, measures errors against the reference on the evaluation grid,
 * and writes the run folder: {@code config.json}, {@code metrics.json}, {@code history.csv},
 * {@code solutions/}, {@code checkpoints/}, {@code base/}. A run can be resumed: finished tasks are
 * restored, an interrupted training continues from its checkpoint.
 */
public final class Experiment {

  private final ExperimentConfig config;
  private final TrainingListener listener;
  private final Consumer<String> messages;

  Experiment(ExperimentConfig config, TrainingListener listener, Consumer<String> messages) {
    this.config = config;
    this.listener = listener;
    this.messages = messages;
  }

  /**
   * A typed experiment, for Java programs: {@code Experiment.builder().setPde("kovasznay")
   * .setStrategy(LoraConfig.rank(4)).optTasks("Re=60").optEpochs(2000).build().run(pa)}.
   *
   * @return a builder with every setting at the command line's default
   */
  public static ExperimentBuilder builder() {
    return new ExperimentBuilder();
  }

  /**
   * The validated configuration (what {@code config.json} records).
   *
   * @return the configuration
   */
  public ExperimentConfig config() {
    return config;
  }

  /**
   * Runs the experiment: trains (or predicts) every task and measures its error against the reference. The
   * solutions stay in memory in the returned results. Without a run folder the run uses a temporary folder
   * that closing the results deletes.
   *
   * @param framework the framework (plug-ins, device, precision)
   * @return the results; close them
   */
  public ExperimentResults run(PinnAdapt framework) {
    boolean temporary = config.string("out").isBlank();
    Path dir;
    try {
      dir = temporary ? Files.createTempDirectory("pinnadapt-run-") : Path.of(config.string("out"));
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary folder for the run", e);
    }
    try {
      ExperimentResults r = execute(framework, config, dir, false, listener, messages, null, true);
      return temporary ? r.deleteFolderOnClose() : r;
    } catch (RuntimeException | Error e) {
      if (temporary) {
        RunFiles.deleteTree(dir);
      }
      throw e;
    }
  }

  /** Hook called after each task (figures, reports). */
  public interface TaskHook {
    /**
     * Called after a task is evaluated.
     *
     * @param setup the experiment
     * @param task the task
     * @param points the grid points
     * @param predicted the prediction
     * @param reference the reference
     * @param result the task's result
     */
    void after(ExperimentSetup setup, Task task, PointSet points, double[][] predicted, double[][] reference,
        TaskResult result);
  }

  /**
   * The default run folder of a configuration.
   *
   * @param config the configuration
   * @return {@code runs/<pde>-<strategy>-<time>} unless {@code out} is set
   */
  public static Path runDirectory(ExperimentConfig config) {
    String out = config.string("out");
    if (out != null && !out.isBlank()) {
      return Path.of(out);
    }
    return RunFiles.timestamped(RunFiles.safe(config.string("pde")) + "-" + RunFiles.safe(config.string("strategy")));
  }

  /**
   * Runs an experiment.
   *
   * @param framework the framework
   * @param config the configuration
   * @param resume whether to continue an existing run folder
   * @param listener training progress
   * @param info user messages
   * @param hook called after each task, or {@code null}
   * @return the results
   */
  public static RunResult run(PinnAdapt framework, ExperimentConfig config, boolean resume, TrainingListener listener,
      Consumer<String> info, TaskHook hook) {
    return execute(framework, config, runDirectory(config), resume, listener, info, hook, false).summary();
  }

  /**
   * Runs an experiment and keeps its solutions in memory when {@code keep} is set: the caller then owns the
   * returned results and closes them.
   */
  /** The configuration as {@code config.json} records it: every resolved value, the folder and the provenance. */
  private static Map<String, Object> recordedConfig(ExperimentSetup setup, Path dir) {
    Map<String, Object> resolved = setup.resolvedConfig();
    Map<String, Object> provenance = new LinkedHashMap<>(setup.environment().metadata());
    provenance.put("java", System.getProperty("java.version"));
    provenance.put("started", LocalDateTime.now().toString());
    provenance.put("tasks", setup.tasks().stream().map(Task::id).toList());
    provenance.put("network_parameters", setup.spec().parameterCount());
    resolved.put("provenance", provenance);
    resolved.put("out", dir.toString());
    return resolved;
  }

  static ExperimentResults execute(PinnAdapt framework, ExperimentConfig config, Path dir, boolean resume,
      TrainingListener listener, Consumer<String> info, TaskHook hook, boolean keep) {
    TaskHook figures = config.flag("figures") ? RunFigures.hook(info) : null;
    ExperimentSetup setup = new ExperimentSetup(framework, config, dir, listener, info); // validates all input
    Map<String, Solution> kept = new LinkedHashMap<>();
    List<TaskResult> results = new ArrayList<>();
    double[] prepareSeconds = {0};
    boolean done = false;
    boolean started = false;
    RunFolder folder = null;
    try {
      folder = RunFolder.lock(dir, info);
      folder.checkState(resume, info);
      record(setup, dir, resume, info);
      started = true;
      info.accept("run folder " + dir);
      long t0 = System.nanoTime();
      setup.strategy().prepare(setup.context());
      prepareSeconds[0] = (System.nanoTime() - t0) / 1e9;
      solveAll(setup, resume, info, hook, figures, keep ? kept : null, results, prepareSeconds[0]);
      boolean diverged = results.stream().anyMatch(r -> r.training().reason() == StopReason.DIVERGED);
      writeMetrics(dir, setup, results, prepareSeconds[0], diverged ? "diverged" : "finished", null);
      RunResult summary = new RunResult(dir, setup.pde().id(), setup.strategyId(), results, prepareSeconds[0]);
      done = true;
      return keep ? new ExperimentResults(summary, setup, kept) : new ExperimentResults(summary, null, Map.of());
    } catch (RuntimeException | Error e) {
      if (folder != null && started) {
        settleFailed(folder, setup, results, prepareSeconds[0], e);
      } else if (folder != null && folder.created()) {
        folder.discard(); // refused before it began: as if never created
      }
      if (e instanceof RunInterruptedException ri) {
        throw ri.resumableIn(dir);
      }
      throw e;
    } finally {
      if (folder != null) {
        folder.close();
      }
      if (!keep || !done) {
        kept.values().forEach(Solution::close);
        setup.close();
      }
    }
  }

  /** Writes config.json for a new run; binds a resume to the recorded one and records its extensions. */
  private static void record(ExperimentSetup setup, Path dir, boolean resume, Consumer<String> info) {
    Map<String, Object> now = recordedConfig(setup, dir);
    if (!resume) {
      Json.write(dir.resolve("config.json"), now);
      return;
    }
    Map<String, Object> recorded = RunFolder.recordedConfig(dir);
    Map<String, List<Object>> changes = RunFolder.resumeChanges(recorded, now);
    if (!changes.isEmpty()) {
      Map<String, Object> updated = new LinkedHashMap<>(recorded);
      changes.forEach((k, v) -> updated.put(k, v.get(1)));
      List<Object> resumes = new ArrayList<>();
      if (recorded.get("resumes") instanceof List<?> l) {
        resumes.addAll(l);
      }
      resumes.add(Map.of("at", LocalDateTime.now().withNano(0).toString(), "changes", changes));
      updated.put("resumes", resumes);
      Json.write(dir.resolve("config.json"), updated);
      info.accept("resume extends the run: " + changes);
    }
  }

  /** A failed run leaves nothing when nothing was trained, else a folder marked with the reason. */
  private static void settleFailed(RunFolder folder, ExperimentSetup setup, List<TaskResult> results, double prepare,
      Throwable e) {
    try {
      if (folder.created() && !folder.holdsTrainedState()) {
        folder.discard();
        return;
      }
      boolean interrupted = e instanceof RunInterruptedException;
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      writeMetrics(folder.path(), setup, results, prepare, interrupted ? "interrupted" : "failed", reason);
    } catch (RuntimeException | Error suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  private static void solveAll(ExperimentSetup setup, boolean resume, Consumer<String> info, TaskHook hook,
      TaskHook figures, Map<String, Solution> kept, List<TaskResult> results, double prepareSeconds) {
    Path dir = setup.environment().runDirectory();
    PointSet points = setup.grid().points();
    List<Task> all = setup.tasks();
    int group = Math.max(1, setup.strategy().preferredGroupSize());
    for (int from = 0; from < all.size(); from += group) {
      List<Task> chunk = all.subList(from, Math.min(all.size(), from + group));
      Map<Task, Solution> fresh = new LinkedHashMap<>();
      double each = 0;
      List<Task> toSolve = chunk.stream().filter(t -> !(resume && Files.exists(solutionFile(setup, t)))).toList();
      if (!toSolve.isEmpty()) {
        long ts = System.nanoTime();
        List<Solution> solved = setup.strategy().adaptAll(toSolve, setup.context());
        each = (System.nanoTime() - ts) / 1e9 / toSolve.size(); // a group shares its wall time
        for (int i = 0; i < toSolve.size(); i++) {
          fresh.put(toSolve.get(i), solved.get(i));
        }
      }
      for (Task task : chunk) {
        results.add(solve(setup, task, points, fresh.get(task), each, info, hook, figures,
            kept != null ? s -> kept.put(task.id(), s) : null));
        writeMetrics(dir, setup, results, prepareSeconds, "running", null);
      }
    }
  }

  /** A per-task solution beside a shared base, for other runs of that base ({@code solveWith}). */
  private static void share(ExperimentSetup setup, Task task, Path solutionFile) {
    if (setup.environment().sharedBase() != null && setup.strategy().trainsPerTask()) {
      BaseCache.publish(solutionFile, BaseCache.solution(setup.environment().sharedBase(), setup.strategyId(),
          setup.context().options().asMap(), task.fileName()));
    }
  }

  private static Path solutionFile(ExperimentSetup setup, Task task) {
    return setup.environment().runDirectory().resolve("solutions").resolve(task.fileName() + ".params");
  }

  private static TaskResult solve(ExperimentSetup setup, Task task, PointSet points, Solution fresh,
      double freshSeconds, Consumer<String> info, TaskHook hook, TaskHook figures, Consumer<Solution> keeper) {
    Path solutionFile = solutionFile(setup, task);
    StrategyContextImpl ctx = setup.context();
    Solution solution;
    TrainingResult training;
    double adaptSeconds;
    Optional<ArrayFile.Content> saved = fresh == null
        ? Optional.of(ArrayFile.read(solutionFile, ctx.manager())) : Optional.empty();
    if (saved.isPresent()) {
      solution = setup.strategy().restore(task, saved.get().group("state"), ctx);
      Map<String, Object> meta = saved.get().metadata();
      training = new TrainingResult(((Number) meta.getOrDefault("epochs", 0)).intValue(), Double.NaN, Double.NaN,
          ((Number) meta.getOrDefault("best_epoch", 0)).intValue(),
          ((Number) meta.getOrDefault("sec_per_epoch", 0.0)).doubleValue(), 0,
          StopReason.valueOf(((String) meta.getOrDefault("stop_reason", "MAX_EPOCHS")).toUpperCase(Locale.ROOT)),
          List.of());
      adaptSeconds = ((Number) meta.getOrDefault("adapt_s", 0.0)).doubleValue();
      info.accept(task.id() + ": restored from " + solutionFile);
    } else {
      solution = fresh;
      adaptSeconds = freshSeconds;
      training = solution.training();
      if (training.reason() == StopReason.DIVERGED) {
        info.accept(task.id() + ": training diverged (non-finite loss) after " + training.epochs() + " epochs; kept "
            + (training.bestEpoch() < 0 ? "the initial weights" : "the weights of epoch " + training.bestEpoch()));
      }
    }
    try {
      Evaluation.Prediction p = Evaluation.predict(solution, points, ctx.manager(), ctx.dataType());
      double[][] reference = setup.pde().reference(task).evaluate(points);
      ErrorReport errors = Metrics.compare(setup.pde().fields(), p.values(), reference);
      TaskResult result = new TaskResult(task.id(), task.parameters(), errors, solution.trainableParameters(),
          training, adaptSeconds, p.millis());
      if (saved.isEmpty()) {
        Map<String, Object> meta = new LinkedHashMap<>(setup.environment().metadata());
        meta.putAll(result.toMap());
        meta.put("stop_reason", training.reason().name());
        meta.put("embedding", task.embedding());
        ArrayFile.write(solutionFile, meta, Map.of("state", solution.state()));
        share(setup, task, solutionFile);
        RunFiles.writeHistory(setup.environment().runDirectory().resolve("history.csv"), task.id(),
            training.history(), true);
      }
      if (hook != null) {
        hook.after(setup, task, points, p.values(), reference, result);
      }
      if (figures != null) {
        figures.after(setup, task, points, p.values(), reference, result);
      }
      if (keeper != null) {
        keeper.accept(solution);
        solution = null;
      }
      return result;
    } finally {
      if (solution != null) {
        solution.close();
      }
    }
  }


  private static void writeMetrics(Path dir, ExperimentSetup setup, List<TaskResult> results, double prepare,
      String status, String reason) {
    RunResult r = new RunResult(dir, setup.pde().id(), setup.strategyId(), results, prepare);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    if (reason != null) {
      m.put("reason", reason);
    }
    m.put("pde", setup.pde().id());
    m.put("strategy", setup.strategyId());
    m.put("grid", setup.grid().spec());
    m.put("prepare_s", prepare);
    m.put("tasks", results.stream().map(TaskResult::toMap).toList());
    m.put("mean", r.mean());
    if (!status.equals("running") && reason == null) { // what the strategy learned (ranks, basis sizes...)
      try {
        Map<String, Object> facts = setup.strategy().facts(setup.context());
        if (!facts.isEmpty()) {
          m.put("facts", facts);
        }
      } catch (RuntimeException e) {
        // facts are extra information; the metrics stand without them
      }
    }
    Json.write(dir.resolve("metrics.json"), m);
  }

  /**
   * Restores a run's solution of a task, or solves it when the strategy needs no training.
   *
   * @param setup the run's setup
   * @param task the task
   * @return the solution
   */
  public static Solution solutionOf(ExperimentSetup setup, Task task) {
    Path file = setup.environment().runDirectory().resolve("solutions").resolve(task.fileName() + ".params");
    StrategyContextImpl ctx = setup.context();
    if (Files.exists(file)) {
      Params state = ArrayFile.read(file, ctx.manager()).group("state");
      return setup.strategy().restore(task, state, ctx);
    }
    if (!setup.strategy().trainsPerTask()) {
      setup.strategy().prepare(ctx);
      return setup.strategy().adapt(task, ctx);
    }
    throw new InvalidInputException("run " + setup.environment().runDirectory() + " has no solution for task "
        + task.id() + " and strategy '" + setup.strategyId() + "' trains per task; solve it with 'pinnadapt run "
        + "--tasks " + task.id().replace(',', ',') + "'");
  }
}
