package org.pinnadapt.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.core.runtime.RuntimeSettings;
import org.pinnadapt.sweep.SweepRunner;

/**
 * The classic PINN accuracy benchmarks, each under a wall-clock budget and in float32 and float64, with the error
 * against the exact solution recorded during training (error-versus-time curves): Raissi's Burgers problem,
 * Kovasznay flow at Re = 40 on the NSFnets domain, convection (cdr) at beta = 30, and the matched Kovasznay LoRA
 * transfer of issue 15 at equal epochs. Every case runs through the same experiment path as {@code pinnadapt run},
 * with the project's defaults for everything the case does not fix.
 */
public final class AccuracyBench {

  private AccuracyBench() {}

  /** The cases, in their default order. */
  public static final List<String> CASES = List.of("burgers", "kovasznay", "cdr", "transfer");

  /**
   * What to run.
   *
   * @param cases any of {@link #CASES}
   * @param precisions {@code float32} and/or {@code float64}
   * @param timeLimit training budget per case in seconds (null: 600 paper, 120 quick, 5 smoke)
   * @param seeds seeds of the transfer case (its error is their median); the others run the first
   * @param scale the budget
   * @param out the folder of the runs (null: a new timestamped one)
   */
  public record Settings(List<String> cases, List<String> precisions, Double timeLimit, List<Long> seeds, Scale scale,
      Path out) {
    /** Checks every value and names the culprit. */
    public Settings {
      double budget = budget(timeLimit, scale);
      if (!(budget > 0) || !Double.isFinite(budget)) {
        throw new InvalidInputException("--time-limit must be a positive number of seconds, got " + budget);
      }
      for (String c : cases) {
        if (!CASES.contains(c)) {
          throw new InvalidInputException("--cases: unknown case '" + c + "'; known: " + String.join(", ", CASES));
        }
      }
      precisions.forEach(RuntimeSettings::parseDataType);
      if (seeds.isEmpty()) {
        throw new InvalidInputException("--seeds needs at least one seed");
      }
      cases = List.copyOf(cases);
      precisions = List.copyOf(precisions);
      seeds = List.copyOf(seeds);
    }

    /**
     * The training budget per case.
     *
     * @return seconds
     */
    public double budget() {
      return budget(timeLimit, scale);
    }

    private static double budget(Double timeLimit, Scale scale) {
      return timeLimit != null ? timeLimit : scale.paper() ? 600 : scale.smoke() ? 5 : 120;
    }
  }

  /**
   * One benchmark case: its run configuration, the error it reports and the published values.
   *
   * @param name the case
   * @param title what it is
   * @param config its run configuration
   * @param metric the error keys it reports, comma-separated
   * @param published what the literature reports
   */
  public record Case(String name, String title, Map<String, Object> config, String metric, String published) {}

  /**
   * One case in one precision: the median seed's run.
   *
   * @param caseName the case
   * @param precision float32 or float64
   * @param seed the seed of this run
   * @param errors errors by key: {@code rel_l2}, {@code mse}, per field {@code rel_l2_F} and {@code mse_F}, and
   *     for the transfer case {@code mse_uv}
   * @param adamEpochs Adam epochs run
   * @param lbfgsIterations L-BFGS iterations run
   * @param offlineS seconds of the base training (transfer)
   * @param trainS training seconds without the error measurements
   * @param stop why the training stopped
   * @param curve {@code [seconds, error]} during training
   * @param curveMetric the error of the curve
   * @param run the run folder
   * @param c the case
   * @param seeds all seeds (null for one)
   * @param perSeed the metric per seed (null for one)
   */
  public record Row(String caseName, String precision, long seed, Map<String, Double> errors, int adamEpochs,
      int lbfgsIterations, double offlineS, double trainS, String stop, List<double[]> curve, String curveMetric,
      Path run, Case c, List<Long> seeds, List<Double> perSeed) {

    /**
     * An error by key.
     *
     * @param key e.g. {@code rel_l2_u}
     * @return the value
     */
    public double error(String key) {
      return errors.get(key);
    }

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = BenchRuns.map("case", caseName, "precision", precision, "seed", seed);
      m.putAll(errors);
      m.putAll(BenchRuns.map("adam_epochs", adamEpochs, "lbfgs_iterations", lbfgsIterations, "offline_s", offlineS,
          "train_s", trainS, "stop", stop, "curve", curve, "curve_metric", curveMetric, "run", run.toString()));
      if (c != null) {
        m.putAll(BenchRuns.map("title", c.title(), "metric", c.metric(), "published", c.published()));
      }
      if (seeds != null) {
        m.put("seeds", seeds);
        m.put(c.metric().split(",")[0] + "_per_seed", perSeed);
      }
      return m;
    }
  }

  /**
   * The table.
   *
   * @param settings what ran
   * @param folder where the runs are
   * @param threads the native threads of the runs (0: the default)
   * @param rows one per case and precision
   */
  public record Result(Settings settings, Path folder, int threads, List<Row> rows) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      return BenchRuns.map("scale", settings.scale().id(), "time_limit_s", settings.budget(), "threads", threads,
          "rows", rows.stream().map(Row::toMap).toList());
    }
  }

  /**
   * The cases by name, for a budget in seconds.
   *
   * @param budget seconds per training
   * @return the cases
   */
  public static Map<String, Case> cases(double budget) {
    Map<String, Case> m = new LinkedHashMap<>();
    m.put("burgers", new Case("burgers", "Raissi Burgers, nu = 0.01/pi, 20x8 tanh, Adam + L-BFGS",
        BenchRuns.map("pde", "burgers-raissi", "strategy", "pinn", "tasks", "nu=" + (0.01 / Math.PI),
            "architecture-options", Map.of("width", 20, "depth", 8), "trainer", "adam+lbfgs", "epochs", 2000,
            "lbfgs-iterations", 1_000_000, "time-limit", budget, "grid", "256x100[0:0.99]", "monitor-every", 50),
        "rel_l2", "Raissi et al. 2019: 6.7e-4 (9x20 network, L-BFGS)"));
    m.put("kovasznay", new Case("kovasznay", "Kovasznay Re = 40 on [-0.5,1]x[-0.5,1.5], 50x4 tanh, Adam + L-BFGS",
        BenchRuns.map("pde", "kovasznay", "pde-options", Map.of("domain", "nsfnets"), "strategy", "pinn",
            "tasks", "Re=40", "architecture-options", Map.of("width", 50, "depth", 4), "trainer", "adam+lbfgs",
            "epochs", 3000, "lbfgs-iterations", 1_000_000, "time-limit", budget, "monitor-every", 50),
        "rel_l2_u,rel_l2_v", "NSFnets (Jin et al. 2021): u 8.4e-4, v 4.25e-3"));
    m.put("cdr", new Case("cdr", "convection beta = 30, 50x4 tanh, Fourier features of x and t, Adam + L-BFGS",
        BenchRuns.map("pde", "cdr", "strategy", "pinn", "tasks", "beta=30,nu=0,rho=0",
            "architecture-options", Map.of("width", 50, "depth", 4, "periodic", true, "time-harmonics", 8),
            "trainer", "adam+lbfgs", "epochs", 1000, "lbfgs-iterations", 1_000_000, "time-limit", budget,
            "monitor-every", 50),
        "rel_l2", "LR-PINN (Cho et al. 2023) reports PINN failure at beta = 30 (rel L2 > 0.5)"));
    m.put("transfer", new Case("transfer", "matched Kovasznay LoRA transfer Re 20 -> 60, 2-64x5-3, equal epochs",
        BenchRuns.map("pde", "kovasznay", "strategy", "lora", "strategy-options", Map.of("rank", 4),
            "tasks", "Re=60", "epochs", 2000, "base-epochs", 1254,
            "architecture-options", Map.of("width", 64, "depth", 5), "collocation", 2601, "boundary", 320,
            "lr", 1e-3, "lr-schedule", "constant", "trainer", "adam", "grid", "51x51", "monitor-every", 50,
            "monitor-fields", "u,v", "monitor-metric", "mse"),
        "mse_uv", "plain PyTorch script, same setting: 1.3e-4 (issue 15), 6.0e-5 here "
            + "(benchmarks/kovasznay_lora_transfer.py)"));
    return m;
  }

  /**
   * Runs every case in every precision as the cells of a runner (each precision in its own framework, built by
   * {@code frameworks}, with its own runner).
   *
   * @param frameworks the framework of a precision ({@code float32} or {@code float64})
   * @param runners where the cells of a precision run, given its framework and the precision
   * @param threads the native threads of each run (reported only)
   * @param s what to run
   * @param log progress
   * @return the table
   */
  public static Result run(Function<String, PinnAdapt> frameworks,
      BiFunction<PinnAdapt, String, SweepRunner> runners, int threads, Settings s, BenchLog log) {
    Path dir = BenchRuns.folder(s.out(), "bench-accuracy");
    double budget = s.budget();
    log.printf("bench accuracy: cases %s, precisions %s, budget %s per training, runs in %s", String.join(",", s.cases()),
        String.join(",", s.precisions()), Durations.format(budget), dir);
    Map<String, Case> all = cases(budget);
    List<Row> rows = new ArrayList<>();
    for (String precision : s.precisions()) {
      Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
      for (String name : s.cases()) {
        for (long seed : seeds(s, name)) {
          configs.put(cellName(s, name, precision, seed), config(s, all.get(name), precision, seed));
        }
      }
      List<BenchCells.Metrics> measured;
      try (PinnAdapt pa = frameworks.apply(precision); SweepRunner runner = runners.apply(pa, precision)) {
        measured = BenchCells.run(runner, dir, configs, log);
      }
      Map<String, BenchCells.Metrics> byName = new LinkedHashMap<>();
      measured.forEach(m -> byName.put(m.name(), m));
      for (String name : s.cases()) {
        List<Row> perSeed = new ArrayList<>();
        for (long seed : seeds(s, name)) {
          perSeed.add(row(all.get(name), precision, seed, byName.get(cellName(s, name, precision, seed))));
        }
        rows.add(median(all.get(name), perSeed));
      }
    }
    return new Result(s, dir, threads, rows);
  }

  /** The transfer case runs every seed; the others the first. */
  private static List<Long> seeds(Settings s, String caseName) {
    return caseName.equals("transfer") ? s.seeds() : List.of(s.seeds().get(0));
  }

  private static String cellName(Settings s, String caseName, String precision, long seed) {
    return caseName + "-" + precision + (seeds(s, caseName).size() > 1 ? "-seed" + seed : "");
  }

  private static Map<String, Object> config(Settings s, Case c, String precision, long seed) {
    Map<String, Object> config = new LinkedHashMap<>(c.config());
    config.putAll(BenchRuns.map("seed", seed, "precision", precision, "checkpoint-every", 0, "figures", false));
    if (s.scale().smoke()) {
      BenchRuns.shrink(config);
      config.putAll(BenchRuns.map("lbfgs-iterations", 3, "monitor-every", 1, "grid",
          c.name().equals("burgers") ? "16x10[0:0.99]" : "11x11"));
    }
    return config;
  }

  /** The measurements of one run: errors, budget use, and its error-versus-time curve. */
  private static Row row(Case c, String precision, long seed, BenchCells.Metrics m) {
    Map<String, Object> t = m.tasks().get(0);
    Map<String, Double> errors = new LinkedHashMap<>();
    errors.put("rel_l2", m.first("rel_l2"));
    errors.put("mse", m.first("mse"));
    List<Double> fieldMse = new ArrayList<>();
    if (t.get("fields") instanceof Map<?, ?> fields) {
      fields.forEach((field, v) -> {
        Map<?, ?> f = (Map<?, ?>) v;
        errors.put("rel_l2_" + field, ((Number) f.get("rel_l2")).doubleValue());
        errors.put("mse_" + field, ((Number) f.get("mse")).doubleValue());
        fieldMse.add(((Number) f.get("mse")).doubleValue());
      });
    }
    boolean transfer = c.name().equals("transfer");
    if (transfer) {
      errors.put("mse_uv", (fieldMse.get(0) + fieldMse.get(1)) / 2);
    }
    List<HistoryRow> history = m.history();
    int lbfgs = (int) history.stream().filter(h -> h.phase().equals("lbfgs")).count();
    double offset = transfer ? m.prepareSeconds() : 0;
    List<double[]> curve = new ArrayList<>();
    for (HistoryRow h : history) {
      if (!Double.isNaN(h.error())) {
        curve.add(new double[] {offset + h.seconds(), h.error()});
      }
    }
    return new Row(c.name(), precision, seed, errors, history.size() - lbfgs, lbfgs, m.prepareSeconds(),
        m.first("train_s"), String.valueOf(t.get("stop_reason")), curve, transfer ? "mse_uv" : "rel_l2", m.folder(),
        null, null, null);
  }

  /** The row of the median seed by the case's metric (the only seed when there is one). */
  private static Row median(Case c, List<Row> perSeed) {
    String key = c.metric().split(",")[0];
    List<Row> sorted = new ArrayList<>(perSeed);
    sorted.sort(Comparator.comparingDouble(r -> r.error(key)));
    Row m = sorted.get(sorted.size() / 2);
    boolean several = perSeed.size() > 1;
    return new Row(m.caseName(), m.precision(), m.seed(), m.errors(), m.adamEpochs(), m.lbfgsIterations(), m.offlineS(),
        m.trainS(), m.stop(), m.curve(), m.curveMetric(), m.run(), c,
        several ? perSeed.stream().map(Row::seed).toList() : null,
        several ? perSeed.stream().map(r -> r.error(key)).toList() : null);
  }

  /**
   * Draws the error-versus-time curves, one figure per case with one line per precision.
   *
   * @param r the table
   * @return the figures written
   */
  public static List<Path> figures(Result r) {
    Map<String, Map<String, double[][]>> byCase = new LinkedHashMap<>();
    for (Row row : r.rows()) {
      List<double[]> curve = row.curve();
      if (curve.isEmpty()) {
        continue;
      }
      double[][] xy = new double[2][curve.size()];
      for (int i = 0; i < curve.size(); i++) {
        xy[0][i] = Math.max(curve.get(i)[0], 1e-3);
        xy[1][i] = curve.get(i)[1];
      }
      byCase.computeIfAbsent(row.caseName(), k -> new LinkedHashMap<>()).put(row.precision(), xy);
    }
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, Map<String, double[][]>> e : byCase.entrySet()) {
      Path file = r.folder().resolve("error-vs-time-" + e.getKey() + ".png");
      String metric = e.getKey().equals("transfer") ? "MSE of (u, v)" : "relative L2 error";
      Plots.lines(file, e.getKey() + ": error against the exact solution during training",
          "training seconds (log scale)", metric + " (log scale)", e.getValue(), Map.of(), true);
      files.add(file);
    }
    return files;
  }
}
