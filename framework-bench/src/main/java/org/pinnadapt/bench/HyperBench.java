package org.pinnadapt.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.experiment.Evaluation;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.loss.Metrics;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.sweep.InProcessRunner;
import org.pinnadapt.sweep.SweepRunner;

/**
 * Tables 2 and 3 of Majumdar et al. (2023). Table 2: hypernetworks trained on reference data (B1), on per-task
 * L-PINN weights (B2), on per-task L-PINN predictions (B3) and physics-informed (HyperPINN), predicting LoRA
 * factors of each rank or all weights (*): predicted parameters, train and test MSE, and the time to a solution
 * of an unseen task on 10,000 points. Table 3: time to a solution of a new task for PINN, F-PINN, L-PINN and
 * HyperPINN.
 */
public final class HyperBench {

  private HyperBench() {}

  /**
   * What to run.
   *
   * @param pde the PDE id
   * @param ranks the LoRA ranks of the predicted factors
   * @param methods any of B1, B2, B3, HyperPINN
   * @param full whether the full-weight variants (*) run too
   * @param scale the budget
   * @param out the folder of the runs (null: a new timestamped one)
   */
  public record Settings(String pde, List<Integer> ranks, List<String> methods, boolean full, Scale scale, Path out) {
    /** Checks the methods. */
    public Settings {
      methods.forEach(HyperBench::loss);
      ranks = List.copyOf(ranks);
      methods = List.copyOf(methods);
    }
  }

  /**
   * One row of Table 2.
   *
   * @param method B1, B2, B3 or HyperPINN, with {@code *} for full weights
   * @param rank the LoRA rank (null for full weights)
   * @param predictedParams scalars predicted per task
   * @param trainMse mean MSE over training tasks
   * @param testMse mean MSE over test tasks
   * @param inferMs median milliseconds to a solution on 10,000 points
   * @param trainS training seconds of the hypernetwork
   * @param testVsLpinn test MSE over L-PINN rank 4's
   * @param paperTestVsLpinn the paper's ratio (null where it gives none)
   */
  public record Row(String method, Integer rank, long predictedParams, double trainMse, double testMse, double inferMs,
      double trainS, double testVsLpinn, Double paperTestVsLpinn) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      return BenchRuns.map("method", method, "rank", rank, "predicted_params", predictedParams, "train_mse", trainMse,
          "test_mse", testMse, "infer_ms", inferMs, "train_s", trainS, "test_vs_lpinn", testVsLpinn,
          "paper_test_vs_lpinn", paperTestVsLpinn);
    }
  }

  /**
   * One row of Table 3.
   *
   * @param method PINN, F-PINN, L-PINN or HyperPINN
   * @param seconds seconds to the solution of a new task here
   * @param paperSeconds the paper's (1D Burgers, P100)
   */
  public record TimeRow(String method, double seconds, double paperSeconds) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      return BenchRuns.map("method", method, "seconds", seconds, "paper_seconds_1d_burgers", paperSeconds);
    }
  }

  /**
   * Both tables.
   *
   * @param settings what ran
   * @param folder where the runs are
   * @param rows Table 2
   * @param timeToSolution Table 3
   */
  public record Result(Settings settings, Path folder, List<Row> rows, List<TimeRow> timeToSolution) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      return BenchRuns.map("pde", settings.pde(), "scale", settings.scale().id(), "rows",
          rows.stream().map(Row::toMap).toList(), "time_to_solution",
          timeToSolution.stream().map(TimeRow::toMap).toList());
    }
  }

  private static String loss(String method) {
    switch (method) {
      case "B1": return "data";
      case "B2": return "weights";
      case "B3": return "pinn-data";
      case "HyperPINN": return "physics";
      default: throw new InvalidInputException("unknown method '" + method + "'; use B1, B2, B3 or HyperPINN");
    }
  }

  /** The paper's test-error ratios to L-PINN rank 4 that survive in its text. */
  private static Double paperRatio(String pde, String method) {
    Map<String, double[]> r = Map.of("B1", new double[] {1.35, 10.15, 460}, "B3", new double[] {1.36, 4.19, 463},
        "HyperPINN", new double[] {3.61, 3.61, 3.61});
    int i = pde.equals("kovasznay") ? 0 : pde.equals("burgers2d") ? 1 : pde.equals("burgers1d") ? 2 : -1;
    if (i < 0 || !r.containsKey(method)) {
      return null;
    }
    return r.get(method)[i];
  }

  /** One variant of Table 2: a hypernetwork method, its rank or full-weight prediction. */
  private record Variant(String method, int rank, boolean full) {
    String label() {
      return method + (full ? "*" : " r=" + rank);
    }
  }

  /**
   * Runs both tables: L-PINN rank 4 on the test tasks (the baseline), every variant, then the training times.
   *
   * @param pa the framework
   * @param s what to run
   * @param log progress
   * @return the tables
   */
  public static Result run(PinnAdapt pa, Settings s, BenchLog log) {
    return run(pa, s, new InProcessRunner(pa), log);
  }

  /**
   * Runs both tables; the per-task L-PINNs of B2 and B3 first, as sweep cells (several at once, or on a cluster).
   *
   * @param pa the framework
   * @param s what to run
   * @param runner where the per-task L-PINNs run
   * @param log progress
   * @return the tables
   */
  public static Result run(PinnAdapt pa, Settings s, SweepRunner runner, BenchLog log) {
    Path dir = BenchRuns.folder(pa, s.out(), "bench-hyper", s.pde());
    Map<String, Object> common = common(pa, s);
    if (s.scale().smoke()) {
      BenchRuns.shrink(common);
    }
    common.put("base-cache", dir.resolve("bases").toString()); // one base, shared with the per-task cells
    log.printf("bench hyper: %s, scale %s, runs in %s", s.pde(), s.scale().id(), dir);
    Map<String, double[][]> references = new HashMap<>();
    // L-PINN rank 4 on the test tasks: the baseline of the ratios, and Table 3's L-PINN time.
    Map<String, Object> lora = new LinkedHashMap<>(common);
    lora.put("strategy", "lora");
    lora.put("strategy-options", Map.of("rank", 4));
    double loraTest;
    double loraSeconds;
    try (ExperimentSetup setup = setup(pa, lora, dir, log)) {
      setup.strategy().prepare(setup.context());
      List<Task> test = setup.split().test().subList(0, testTasks(s.scale(), setup));
      long ts = System.nanoTime();
      loraTest = meanMse(setup, test, references, null);
      loraSeconds = (System.nanoTime() - ts) / 1e9 / test.size();
      log.printf("L-PINN r=4: test mse %.3e, %.1f s per task", loraTest, loraSeconds);
    }
    List<Variant> variants = new ArrayList<>();
    for (String m : s.methods()) {
      s.ranks().forEach(r -> variants.add(new Variant(m, r, false)));
      if (s.full()) {
        variants.add(new Variant(m, 4, true));
      }
    }
    perTaskSolutions(pa, s, common, variants, dir, runner, log);
    List<Row> rows = new ArrayList<>();
    double hyperPinnMs = Double.NaN;
    for (Variant v : variants) {
      Row row = variantRow(pa, s, common, v, dir, references, loraTest, log);
      rows.add(row);
      if (v.method().equals("HyperPINN") && !v.full() && v.rank() == 4) {
        hyperPinnMs = row.inferMs();
      }
    }
    List<TimeRow> times = new ArrayList<>(trainingTimes(pa, common, dir, log));
    times.add(new TimeRow("L-PINN", loraSeconds, 600.0));
    times.add(new TimeRow("HyperPINN", hyperPinnMs / 1000, 1.1));
    return new Result(s, dir, rows, times);
  }

  /**
   * The per-task L-PINNs of B2 and B3 (a training task and rank each) as sweep cells, published beside the shared
   * base ({@code bases/<key>/solutions/}) where the variants find them; B2* and B3* still train theirs inside.
   */
  private static void perTaskSolutions(PinnAdapt pa, Settings s, Map<String, Object> common, List<Variant> variants,
      Path dir, SweepRunner runner, BenchLog log) {
    Set<Integer> ranks = new TreeSet<>();
    variants.stream().filter(v -> !v.full() && (v.method().equals("B2") || v.method().equals("B3")))
        .forEach(v -> ranks.add(v.rank()));
    if (ranks.isEmpty()) {
      return; // no per-task L-PINNs to train
    }
    List<Task> train = pa.registry().pde(s.pde(), Map.of()).taskSplit(ExperimentConfig.defaults().longValue("seed"))
        .train();
    int n = s.scale().paper() ? train.size() : Math.min(s.scale().smoke() ? 2 : 6, train.size());
    Map<String, Map<String, Object>> cells = new LinkedHashMap<>();
    for (int r : ranks) {
      for (Task t : train.subList(0, n)) {
        Map<String, Object> c = new LinkedHashMap<>(common);
        c.put("strategy", "lora");
        c.put("strategy-options", Map.of("rank", r));
        c.put("tasks", t.id());
        cells.put("lora-r" + r + "-" + t.fileName(), c);
      }
    }
    log.printf("per-task L-PINNs for B2/B3: %d runs, %d at a time", cells.size(), runner.parallelism());
    BenchCells.run(runner, dir, cells, log);
  }

  /** Trains one hypernetwork variant and measures its errors and its time to a new task. */
  private static Row variantRow(PinnAdapt pa, Settings s, Map<String, Object> common, Variant v, Path dir,
      Map<String, double[][]> references, double loraTest, BenchLog log) {
    boolean paper = s.scale().paper();
    Map<String, Object> c = new LinkedHashMap<>(common);
    c.put("strategy", "hyper");
    Map<String, Object> opts = paper ? BenchRuns.map("data-points", 1000)
        : BenchRuns.map("data-points", 300, "train-tasks", 6, "hidden", "256,256,128,128");
    if (s.scale().smoke()) {
      opts.putAll(BenchRuns.map("data-points", 16, "train-tasks", 2, "hidden", "8,8"));
    }
    opts.put("loss", loss(v.method()));
    opts.put("predict", v.full() ? "full" : "lora");
    opts.put("rank", v.rank());
    c.put("strategy-options", opts);
    if (v.full() && !paper) {
      // L-BFGS over a hypernetwork that predicts every weight (millions of parameters) costs more than its
      // whole Adam phase: the full-weight variants train with Adam only (decision 0014)
      c.put("trainer", "adam");
    }
    try (ExperimentSetup setup = setup(pa, c, dir, log)) {
      long ts = System.nanoTime();
      setup.strategy().prepare(setup.context());
      double trainSeconds = (System.nanoTime() - ts) / 1e9;
      List<Task> trainTasks = setup.split().train().subList(0, trainTasks(s.scale(), setup));
      List<Task> test = setup.split().test().subList(0, testTasks(s.scale(), setup));
      double trainMse = meanMse(setup, trainTasks, references, null);
      List<Double> infer = new ArrayList<>();
      double testMse = meanMse(setup, test, references, infer);
      double[] ms = infer.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = ms.length == 0 ? Double.NaN : ms[ms.length / 2];
      long predicted = ((Number) setup.strategy().facts(setup.context()).get("predicted_params")).longValue();
      log.printf("%s: predicted %d, train mse %.3e, test mse %.3e, %.1f ms to a new task, trained in %s", v.label(),
          predicted, trainMse, testMse, median, Durations.format(trainSeconds));
      return new Row(v.method() + (v.full() ? "*" : ""), v.full() ? null : v.rank(), predicted, trainMse, testMse,
          median, trainSeconds, testMse / loraTest,
          v.full() || v.rank() != 4 ? null : paperRatio(s.pde(), v.method()));
    }
  }

  /** Table 3's training rows: a PINN and an F-PINN trained on the first test task, wall time. */
  private static List<TimeRow> trainingTimes(PinnAdapt pa, Map<String, Object> common, Path dir, BenchLog log) {
    List<TimeRow> rows = new ArrayList<>();
    for (String strategy : List.of("pinn", "finetune")) {
      Map<String, Object> c = new LinkedHashMap<>(common);
      c.put("strategy", strategy);
      try (ExperimentSetup setup = setup(pa, c, dir, log)) {
        setup.strategy().prepare(setup.context());
        Task t = setup.split().test().get(0);
        long ts = System.nanoTime();
        try (Solution sol = setup.strategy().adapt(t, setup.context())) {
          double sec = (System.nanoTime() - ts) / 1e9;
          boolean pinn = strategy.equals("pinn");
          rows.add(new TimeRow(pinn ? "PINN" : "F-PINN", sec, pinn ? 8400.0 : 7000.0));
        }
      }
    }
    return rows;
  }

  /**
   * Draws Table 2's errors and Table 3's times into the run folder.
   *
   * @param r the tables
   * @return the figures
   */
  public static List<Path> figures(Result r) {
    String pde = r.settings().pde();
    Path errors = r.folder().resolve("hyper-errors.png");
    Path times = r.folder().resolve("time-to-solution.png");
    List<String> names = r.rows().stream().map(row -> row.method() + (row.rank() == null ? "" : " r" + row.rank()))
        .toList();
    Map<String, double[]> bars = new LinkedHashMap<>();
    bars.put("train mse", r.rows().stream().mapToDouble(Row::trainMse).toArray());
    bars.put("test mse", r.rows().stream().mapToDouble(Row::testMse).toArray());
    Plots.bars(errors, pde + ": hypernetwork errors (scale " + r.settings().scale().id() + ")", "method",
        "mean squared error (log scale)", names, bars);
    // the paper's seconds are drawn beside ours only in the JSON and the table: different PDE and hardware
    Plots.bars(times, pde + ": time to the solution of a new task", "method", "seconds (log scale)",
        r.timeToSolution().stream().map(TimeRow::method).toList(),
        new LinkedHashMap<>(Map.of("this machine", r.timeToSolution().stream().mapToDouble(TimeRow::seconds).toArray())));
    return List.of(errors, times);
  }

  private static int trainTasks(Scale scale, ExperimentSetup s) {
    return scale.paper() ? s.split().train().size() : Math.min(scale.smoke() ? 2 : 6, s.split().train().size());
  }

  private static int testTasks(Scale scale, ExperimentSetup s) {
    return scale.paper() ? s.split().test().size() : Math.min(scale.smoke() ? 1 : 5, s.split().test().size());
  }

  private static ExperimentSetup setup(PinnAdapt pa, Map<String, Object> c, Path dir, BenchLog log) {
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(c, "bench hyper"), dir, log.training(), m -> { });
  }

  /** Mean MSE over tasks on the evaluation grid; collects ms to a solution on 10,000 points. */
  private static double meanMse(ExperimentSetup s, List<Task> tasks, Map<String, double[][]> refs, List<Double> infer) {
    PointSet grid = s.grid().points();
    double sum = 0;
    var ctx = s.context();
    try (NDManager m = ctx.manager().newSubManager()) {
      NDArray probe = probePoints(m, s, 10_000);
      for (Task t : tasks) {
        long t0 = System.nanoTime();
        try (Solution sol = s.strategy().adapt(t, ctx)) {
          if (infer != null) {
            NDArray y = sol.predict(probe);
            y.toFloatArray(); // make sure the values exist
            infer.add((System.nanoTime() - t0) / 1e6);
            y.close();
          }
          double[][] pred = Evaluation.predict(sol, grid, m, ctx.dataType()).values();
          double[][] ref = refs.computeIfAbsent(t.id(), k -> s.pde().reference(t).evaluate(grid));
          sum += Metrics.compare(s.pde().fields(), pred, ref).mse();
        }
      }
    }
    return sum / tasks.size();
  }

  private static NDArray probePoints(NDManager m, ExperimentSetup s, int n) {
    var d = s.pde().domain();
    SplittableRandom rng = new SplittableRandom(1);
    double[] v = new double[n * d.dim()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d.dim(); j++) {
        v[i * d.dim() + j] = d.lower()[j] + (d.upper()[j] - d.lower()[j]) * rng.nextDouble();
      }
    }
    return m.create(v, new Shape(n, d.dim())).toType(s.context().dataType(), false);
  }

  private static Map<String, Object> common(PinnAdapt pa, Settings s) {
    var counts = pa.registry().pde(s.pde(), Map.of()).defaultPointCounts();
    Map<String, Object> c = BenchRuns.map("pde", s.pde(), "tasks", "test", "checkpoint-every", 0, "figures", false);
    if (s.scale().paper()) {
      c.putAll(BenchRuns.map("epochs", 15_000, "base-epochs", 30_000, "lr", 1e-3, "lr-schedule", "step",
          "lr-constant-epochs", 5_000, "lr-decay", 0.1, "lr-decay-every", 3_000, "lr-min", 1e-7, "patience", 1_000,
          "validate-every", 10, "trainer", "adam"));
    } else {
      // quick: the project's defaults (constant rate, then L-BFGS) with a smaller budget and fewer points
      c.putAll(BenchRuns.map("epochs", 1000, "base-epochs", 2500, "lr", 1e-3, "validate-every", 20,
          "collocation", Math.min(counts.collocation(), 300), "initial", Math.min(counts.initial(), 64),
          "boundary", Math.min(counts.boundary(), 80)));
    }
    return c;
  }
}
