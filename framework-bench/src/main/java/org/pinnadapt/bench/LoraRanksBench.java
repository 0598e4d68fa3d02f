package org.pinnadapt.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.sweep.InProcessRunner;
import org.pinnadapt.sweep.SweepRunner;

/**
 * Table 1 of Majumdar et al. (2023): PINN from scratch, fine-tuned PINN (F-PINN) and L-PINN of each rank on the
 * test tasks, adapted from a base PINN trained on the reference task; trainable parameters, MSE, time per epoch
 * and epochs to convergence (the best validation epoch under early stopping), beside the paper's numbers where
 * the paper gives them.
 */
public final class LoraRanksBench {

  private LoraRanksBench() {}

  /**
   * What to run.
   *
   * @param pde the PDE id
   * @param ranks the LoRA ranks, positive
   * @param scale the budget
   * @param tasks test tasks (null: 1 smoke, 2 quick, 20 paper)
   * @param out the folder of the runs (null: a new timestamped one)
   */
  public record Settings(String pde, List<Integer> ranks, Scale scale, Integer tasks, Path out) {
    /** Checks the ranks. */
    public Settings {
      if (ranks.isEmpty() || ranks.stream().anyMatch(r -> r < 1)) {
        throw new InvalidInputException("--ranks needs positive integers");
      }
      ranks = List.copyOf(ranks);
    }

    int taskCount() {
      return tasks != null ? tasks : scale.paper() ? 20 : scale.smoke() ? 1 : 2;
    }
  }

  /**
   * One method of the table.
   *
   * @param method PINN, F-PINN or L-PINN
   * @param rank the LoRA rank (null for PINN and F-PINN)
   * @param params trainable parameters per task
   * @param mse mean MSE over the test tasks
   * @param relL2 mean relative L2 error
   * @param secPerEpoch mean seconds per epoch
   * @param epochs mean epochs to the best validation epoch
   * @param epochsRun mean epochs run
   * @param paperParams the paper's parameter count (null where it gives none)
   * @param paperMse the paper's MSE (null where it gives none)
   */
  public record Row(String method, Integer rank, long params, double mse, double relL2, double secPerEpoch,
      double epochs, double epochsRun, Long paperParams, Double paperMse) {

    /**
     * The JSON form (the keys of {@code --json}).
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      return BenchRuns.map("method", method, "rank", rank, "params", params, "mse", mse, "rel_l2", relL2,
          "sec_per_epoch", secPerEpoch, "epochs", epochs, "epochs_run", epochsRun, "paper_params", paperParams,
          "paper_mse", paperMse);
    }

    String label() {
      return method + (rank == null ? "" : " r" + rank);
    }
  }

  /**
   * The table.
   *
   * @param settings what ran
   * @param folder where the runs are
   * @param rows F-PINN, PINN, then L-PINN per rank
   */
  public record Result(Settings settings, Path folder, List<Row> rows) {

    /**
     * The JSON form (the document of {@code --json}).
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      return BenchRuns.map("pde", settings.pde(), "scale", settings.scale().id(), "tasks", settings.taskCount(),
          "rows", rows.stream().map(Row::toMap).toList());
    }
  }

  /** The paper's Table 1 numbers that survive in the text (IMPLEMENTATION-NOTES.md). */
  static Map<String, Double> paperMse(String pde) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (pde.equals("kovasznay")) {
      m.put("pinn", 1.05e-6);
      m.put("finetune", 6.36e-7);
      m.put("lora-4", 3.85e-7);
    }
    return m;
  }

  static Long paperParams(String pde, String method, int rank) {
    boolean threeOut = pde.equals("kovasznay") || pde.equals("burgers2d");
    boolean oneD = pde.equals("burgers1d");
    if (!threeOut && !oneD) {
      return null;
    }
    if (method.equals("lora")) {
      return (long) (oneD ? 643 : 645) * rank;
    }
    return oneD ? 21_057L : 21_187L;
  }

  /**
   * Runs the table in this process, one run after another.
   *
   * @param pa the framework
   * @param s what to run
   * @param log progress
   * @return the table
   */
  public static Result run(PinnAdapt pa, Settings s, BenchLog log) {
    return run(pa, s, new InProcessRunner(pa), log);
  }

  /**
   * Runs the table: F-PINN, PINN and L-PINN per rank, each one cell of a sweep runner (in this process, on Spark
   * embedded or on a cluster); every method but PINN adapts the same base network, trained once (the cells share
   * it through the bench folder's {@code bases/}).
   *
   * @param pa the framework
   * @param s what to run
   * @param runner where the runs run
   * @param log progress
   * @return the table
   */
  public static Result run(PinnAdapt pa, Settings s, SweepRunner runner, BenchLog log) {
    Path dir = BenchRuns.folder(pa, s.out(), "bench-lora-ranks", s.pde());
    Map<String, Object> common = common(pa, s);
    if (s.scale().smoke()) {
      BenchRuns.shrink(common);
    }
    log.printf("bench lora-ranks: %s, scale %s, %d test tasks, runs in %s (%d at a time)", s.pde(), s.scale().id(),
        s.taskCount(), dir, runner.parallelism());
    Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
    configs.put("finetune", config(common, "finetune"));
    configs.put("pinn", config(common, "pinn"));
    s.ranks().forEach(r -> configs.put("lora-" + r, config(common, "lora-" + r)));
    List<Row> rows = new ArrayList<>();
    for (BenchCells.Metrics m : BenchCells.run(runner, dir, configs, log)) {
      rows.add(row(s.pde(), m));
    }
    return new Result(s, dir, rows);
  }

  /** The run of one method ({@code finetune}, {@code pinn} or {@code lora-R}). */
  private static Map<String, Object> config(Map<String, Object> common, String method) {
    Map<String, Object> c = new LinkedHashMap<>(common);
    String strategy = method.startsWith("lora") ? "lora" : method;
    c.put("strategy", strategy);
    if (strategy.equals("lora")) {
      c.put("strategy-options", Map.of("rank", Integer.parseInt(method.substring(5))));
    }
    return c;
  }

  /** One table row from what a method's run measured. */
  private static Row row(String pde, BenchCells.Metrics m) {
    String method = m.name();
    String strategy = method.startsWith("lora") ? "lora" : method;
    int rank = strategy.equals("lora") ? Integer.parseInt(method.substring(5)) : 0;
    Map<String, Double> mean = m.mean();
    return new Row(strategy.equals("lora") ? "L-PINN" : strategy.equals("pinn") ? "PINN" : "F-PINN",
        strategy.equals("lora") ? rank : null, Math.round(mean.get("trainable_params")), mean.get("mse"),
        mean.get("rel_l2"), mean.get("sec_per_epoch"), m.taskMean("best_epoch") + 1, mean.get("epochs"),
        paperParams(pde, strategy, rank), paperMse(pde).get(method));
  }

  /**
   * Draws the table: error against rank (PINN and F-PINN as levels) and time per method, into its folder.
   *
   * @param r the table
   * @return the figures written
   */
  public static List<Path> figures(Result r) {
    String pde = r.settings().pde();
    String scale = r.settings().scale().id();
    List<Row> lora = r.rows().stream().filter(row -> row.rank() != null).toList();
    double[] rank = lora.stream().mapToDouble(Row::rank).toArray();
    Map<String, double[][]> lines = new LinkedHashMap<>();
    lines.put("L-PINN mse", new double[][] {rank, lora.stream().mapToDouble(Row::mse).toArray()});
    Map<String, Double> levels = new LinkedHashMap<>();
    r.rows().stream().filter(row -> row.rank() == null).forEach(row -> levels.put(row.method() + " mse", row.mse()));
    if (lora.stream().allMatch(row -> row.paperMse() != null)) {
      lines.put("L-PINN mse (paper)", new double[][] {rank, lora.stream().mapToDouble(Row::paperMse).toArray()});
    }
    Path errors = r.folder().resolve("error-vs-rank.png");
    Path times = r.folder().resolve("time-per-method.png");
    Plots.lines(errors, pde + ": test error against LoRA rank (scale " + scale + ")", "LoRA rank (log scale)",
        "mean squared error (log scale)", lines, levels, true);
    Map<String, double[]> bars = new LinkedHashMap<>();
    bars.put("s/epoch", r.rows().stream().mapToDouble(Row::secPerEpoch).toArray());
    bars.put("s to best epoch", r.rows().stream().mapToDouble(row -> row.secPerEpoch() * row.epochs()).toArray());
    Plots.bars(times, pde + ": training time per method (scale " + scale + ")", "method", "seconds (log scale)",
        r.rows().stream().map(Row::label).toList(), bars);
    return List.of(errors, times);
  }

  private static Map<String, Object> common(PinnAdapt pa, Settings s) {
    var counts = pa.registry().pde(s.pde(), Map.of()).defaultPointCounts();
    Map<String, Object> c = BenchRuns.map("pde", s.pde(), "tasks", "test", "max-tasks", s.taskCount(),
        "checkpoint-every", 0, "figures", false);
    if (s.scale().paper()) {
      c.putAll(BenchRuns.map("epochs", 30_000, "base-epochs", 30_000, "lr", 1e-3, "lr-schedule", "step",
          "lr-constant-epochs", 10_000, "lr-decay", 0.1, "lr-decay-every", 5_000, "lr-min", 1e-7, "patience", 1_000,
          "validate-every", 10, "trainer", "adam+lbfgs", "lbfgs-iterations", 500));
    } else {
      // quick: the project's defaults (constant rate, then L-BFGS) with a smaller budget and fewer points
      c.putAll(BenchRuns.map("epochs", 1500, "base-epochs", 3000, "lr", 1e-3, "patience", 300, "validate-every", 10,
          "collocation", Math.min(counts.collocation(), 1000), "initial", Math.min(counts.initial(), 128),
          "boundary", Math.min(counts.boundary(), 160)));
    }
    return c;
  }
}
