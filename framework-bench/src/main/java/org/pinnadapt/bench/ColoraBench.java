package org.pinnadapt.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.PinnAdaptException;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Evaluation;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.loss.Metrics;
import org.pinnadapt.core.report.Plots;

/**
 * CoLoRA-D and CoLoRA-EQ on test parameters: relative L2 error over the evaluation grid and over time, online
 * and offline parameter counts, and the time to a prediction on the grid against the time of the PDE plug-in's
 * reference solver on the same grid.
 */
public final class ColoraBench {

  private ColoraBench() {}

  /**
   * What to run.
   *
   * @param pde a time-dependent PDE
   * @param methods {@code d} and/or {@code eq}
   * @param scale the budget
   * @param tasks the test parameters (null: the split's test tasks, 1 smoke, 3 quick, all paper)
   * @param strategyOptions further colora options (may be empty)
   * @param out the folder of the runs (null: a new timestamped one)
   */
  public record Settings(String pde, List<String> methods, Scale scale, String tasks,
      Map<String, String> strategyOptions, Path out) {
    /** Checks the methods. */
    public Settings {
      for (String m : methods) {
        if (!m.equals("d") && !m.equals("eq")) {
          throw new InvalidInputException("unknown method '" + m + "'; use d or eq");
        }
      }
      methods = List.copyOf(methods);
      strategyOptions = strategyOptions == null ? Map.of() : Map.copyOf(strategyOptions);
    }
  }

  /**
   * One method on one task.
   *
   * @param method {@code colora-d} or {@code colora-eq}
   * @param task the task id
   * @param relL2 relative L2 error on the grid
   * @param relL2OverTime {@code [t, error]} per time of the grid
   * @param onlineParams online parameters
   * @param offlineParams offline parameters
   * @param predictMs milliseconds to the prediction on the grid
   * @param eqSteps time steps of CoLoRA-EQ (null for D)
   * @param referenceMs milliseconds of the reference solver on the same grid
   * @param ladder CoLoRA-EQ on a PDE whose reference solver has a resolution: the resolutions tried, coarsest first, the
   *     last one the coarsest as accurate as the prediction ({@link ReferenceLadder}); empty otherwise
   * @param failure why the method gave no prediction (CoLoRA-EQ diverged), or null
   */
  public record Row(String method, String task, double relL2, List<double[]> relL2OverTime, long onlineParams,
      long offlineParams, double predictMs, Integer eqSteps, double referenceMs, List<ReferenceLadder.Rung> ladder,
      String failure) {

    /**
     * The coarsest reference resolution as accurate as the prediction.
     *
     * @return the rung, if one matched
     */
    public Optional<ReferenceLadder.Rung> matched() {
      return ladder.isEmpty() || !(ladder.get(ladder.size() - 1).relL2() <= relL2) ? Optional.empty()
          : Optional.of(ladder.get(ladder.size() - 1));
    }

    /**
     * How many times faster than the matched reference the prediction is (below 1: slower).
     *
     * @return the matched reference's time over the prediction's, if one matched
     */
    public Optional<Double> fasterThanMatched() {
      return matched().map(r -> r.ms() / predictMs);
    }

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = BenchRuns.map("method", method, "task", task, "rel_l2", relL2, "rel_l2_over_time",
          relL2OverTime, "online_params", onlineParams, "offline_params", offlineParams, "predict_ms", predictMs);
      if (eqSteps != null) {
        m.put("eq_steps", eqSteps);
      }
      m.put("reference_ms", referenceMs);
      if (!ladder.isEmpty()) {
        m.put("reference_ladder", ladder.stream().map(ReferenceLadder.Rung::toMap).toList());
        matched().ifPresent(r -> m.putAll(BenchRuns.map("matched_reference", r.toMap(), "faster_than_matched_reference",
            fasterThanMatched().orElseThrow())));
      }
      if (failure != null) {
        m.put("failure", failure);
      }
      return m;
    }
  }

  /**
   * The measurements.
   *
   * @param settings what ran
   * @param folder where the runs are
   * @param offlineSeconds the offline phase's wall time
   * @param facts the strategy's facts (online and offline parameters)
   * @param rows one per method and task
   */
  public record Result(Settings settings, Path folder, double offlineSeconds, Map<String, Object> facts,
      List<Row> rows) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = BenchRuns.map("pde", settings.pde(), "scale", settings.scale().id(), "offline_seconds",
          offlineSeconds);
      m.putAll(facts);
      m.put("rows", rows.stream().map(Row::toMap).toList());
      return m;
    }
  }

  /**
   * Trains the offline network once, then predicts each test task with each method.
   *
   * @param pa the framework
   * @param s what to run
   * @param log progress
   * @return the measurements
   */
  public static Result run(PinnAdapt pa, Settings s, BenchLog log) {
    Path dir = BenchRuns.folder(pa, s.out(), "bench-colora", s.pde());
    log.printf("bench colora: %s, scale %s, runs in %s", s.pde(), s.scale().id(), dir);
    Map<String, ExperimentSetup> setups = new LinkedHashMap<>();
    try {
      for (String m : s.methods()) {
        setups.put(m, setup(pa, s, dir, m, log));
      }
      ExperimentSetup first = setups.values().iterator().next();
      long tp = System.nanoTime();
      first.strategy().prepare(first.context());
      double offlineSeconds = (System.nanoTime() - tp) / 1e9;
      Map<String, Object> facts = first.strategy().facts(first.context());
      for (ExperimentSetup setup : setups.values()) {
        setup.strategy().prepare(setup.context()); // loads the offline network from the run folder
      }
      List<Task> test = first.tasks();
      if (s.tasks() == null) {
        test = test.subList(0, Math.min(s.scale().paper() ? test.size() : s.scale().smoke() ? 1 : 3, test.size()));
      }
      PointSet grid = first.grid().points();
      Optional<ReferenceLadder> ladder = ReferenceLadder.of(pa, s.pde(), first.config().map("pde-options"));
      List<Row> rows = new ArrayList<>();
      for (Task task : test) {
        long tr = System.nanoTime();
        double[][] ref = first.pde().reference(task).evaluate(grid);
        double referenceMs = (System.nanoTime() - tr) / 1e6;
        for (Map.Entry<String, ExperimentSetup> e : setups.entrySet()) {
          Row row = evaluate(e.getKey(), e.getValue(), facts, task, grid, ref, referenceMs,
              e.getKey().equals("eq") ? ladder : Optional.empty());
          if (row.failure() != null) {
            log.printf("colora-%s %s: %s", e.getKey(), task.id(), row.failure());
          } else {
            log.printf("colora-%s %s: rel L2 %.3e, %.1f ms (reference %.1f ms)", e.getKey(), task.id(), row.relL2(),
                row.predictMs(), referenceMs);
            logLadder(row, log);
          }
          rows.add(row);
        }
      }
      return new Result(s, dir, offlineSeconds, facts, rows);
    } finally {
      setups.values().forEach(ExperimentSetup::close);
    }
  }

  /**
   * One method on one task: the prediction on the grid, its error overall and over time, its time; a diverged
   * integration is a row without error (its failure said), not the end of the bench.
   */
  private static Row evaluate(String method, ExperimentSetup s, Map<String, Object> facts, Task task, PointSet grid,
      double[][] ref, double referenceMs, Optional<ReferenceLadder> ladder) {
    var ctx = s.context();
    long online = ((Number) facts.get("online_params")).longValue();
    long offline = ((Number) facts.get("offline_params")).longValue();
    try (NDManager m = ctx.manager().newSubManager()) {
      long ts = System.nanoTime();
      double[][] pred;
      TrainingResult training;
      try (Solution sol = s.strategy().adapt(task, ctx)) {
        pred = Evaluation.predict(sol, grid, m, ctx.dataType()).values();
        training = sol.training();
      } catch (InvalidInputException e) {
        throw e;
      } catch (PinnAdaptException e) {
        return new Row("colora-" + method, task.id(), Double.NaN, List.of(), online, offline,
            (System.nanoTime() - ts) / 1e6, null, referenceMs, List.of(), e.getMessage());
      }
      double ms = (System.nanoTime() - ts) / 1e6;
      double relL2 = Metrics.compare(s.pde().fields(), pred, ref).relL2();
      List<ReferenceLadder.Rung> rungs = ladder.map(l -> l.climb(task, grid, ref, relL2)).orElse(List.of());
      return new Row("colora-" + method, task.id(), relL2, overTime(s, grid, pred, ref), online, offline, ms,
          method.equals("eq") ? training.epochs() : null, referenceMs, rungs, null);
    }
  }

  private static void logLadder(Row r, BenchLog log) {
    if (r.ladder().isEmpty()) {
      return;
    }
    ReferenceLadder.Rung last = r.ladder().get(r.ladder().size() - 1);
    log.printf("  reference solver as accurate (rel L2 %.3e <= %.3e): %s=%d, %s=%.4g, %.2f ms (%d resolutions tried); "
        + "CoLoRA-EQ / it: %.1fx its time", last.relL2(), r.relL2(), ReferenceLadder.POINTS, last.points(),
        ReferenceLadder.STEP, last.dt(), last.ms(), r.ladder().size(), r.predictMs() / last.ms());
  }

  private static ExperimentSetup setup(PinnAdapt pa, Settings s, Path dir, String method, BenchLog log) {
    Map<String, Object> c = BenchRuns.map("pde", s.pde(), "strategy", "colora", "tasks",
        s.tasks() != null ? s.tasks() : "test", "checkpoint-every", 0, "figures", false, "out", dir.toString(),
        "validate-every", 50);
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("method", method);
    if (s.scale().paper()) {
      opts.put("offline-epochs", 100_000);
      opts.put("snapshot-times", 51);
    } else {
      opts.put("offline-epochs", 3000);
      opts.put("train-tasks", 8);
      opts.put("snapshot-times", 11);
      opts.put("space-points", pa.registry().pde(s.pde(), Map.of()).domain().space().size() == 1 ? 128 : 20);
    }
    if (s.scale().smoke()) {
      opts.putAll(BenchRuns.map("offline-epochs", 3, "train-tasks", 2, "snapshot-times", 3, "space-points", 8,
          "eq-steps", 4));
    }
    opts.putAll(s.strategyOptions());
    c.put("strategy-options", opts);
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(c, "bench colora"), dir, log.training(), log.lines()::accept);
  }

  /** Relative L2 error per time of the grid: {@code [[t, error], ...]}. */
  private static List<double[]> overTime(ExperimentSetup s, PointSet grid, double[][] pred, double[][] ref) {
    var d = s.pde().domain();
    int ti = d.index(d.time().orElseThrow().name());
    TreeMap<Double, double[]> acc = new TreeMap<>();
    for (int i = 0; i < pred.length; i++) {
      double[] a = acc.computeIfAbsent(grid.get(i, ti), k -> new double[2]);
      for (int f = 0; f < pred[i].length; f++) {
        a[0] += (pred[i][f] - ref[i][f]) * (pred[i][f] - ref[i][f]);
        a[1] += ref[i][f] * ref[i][f];
      }
    }
    List<double[]> out = new ArrayList<>();
    acc.forEach((t, a) -> out.add(new double[] {t, Math.sqrt(a[0] / Math.max(a[1], 1e-300))}));
    return out;
  }

  /**
   * Draws the relative error over time of every row into the run folder.
   *
   * @param r the measurements
   * @return the figure
   */
  public static List<Path> figures(Result r) {
    Path file = r.folder().resolve("colora-error-over-time.png");
    Map<String, double[][]> lines = new LinkedHashMap<>();
    for (Row row : r.rows()) {
      List<double[]> series = row.relL2OverTime();
      if (series.isEmpty()) {
        continue; // diverged
      }
      double[][] xy = new double[2][series.size()];
      for (int i = 0; i < series.size(); i++) {
        xy[0][i] = series.get(i)[0];
        xy[1][i] = Math.max(series.get(i)[1], 1e-12);
      }
      lines.put(row.method() + " " + row.task(), xy);
    }
    Plots.lines(file, r.settings().pde() + ": relative L2 error over time (scale " + r.settings().scale().id() + ")",
        "t", "relative L2 error (log scale)", lines, Map.of(), false);
    return List.of(file);
  }
}
