package org.pinnadapt.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.sweep.SweepRunner;

/**
 * LR-PINN and FastLRNR on the convection-diffusion-reaction equation. One meta-learning run (hypernetwork, bases,
 * truncation) serves every phase; then, per test task, the relative L2 error of the hypernetwork's initial guess,
 * after fine-tuning, after the fast phase and after the fast phase's baseline in the paper (the coefficients alone
 * trained through the full network for as many Adam epochs), and of a vanilla PINN of about the same size trained
 * for the same wall time as the fine-tuning; the time per Adam step of the fast phase and of full fine-tuning,
 * measured in the same run.
 */
public final class LrnrBench {

  private LrnrBench() {}

  /**
   * What to run.
   *
   * @param pde a time-dependent PDE
   * @param scale the budget
   * @param metaTasks meta-learning tasks (null: for cdr pure convection, beta = 30, 31, ..., 40)
   * @param tasks test tasks (null: for cdr beta = 32.5, 37.5, 40 with nu = rho = 0; the split's otherwise)
   * @param causalEpsilon causal training of the LRNR phases (0: off); a causal PINN is then trained too
   * @param trainer {@code adam+lbfgs} or {@code adam}, for the LRNR phases
   * @param lbfgsIterations L-BFGS iterations of fine-tuning with {@code adam+lbfgs}
   * @param finetuneEpochs Adam epochs of fine-tuning (0: 1,000 quick, 10,000 paper)
   * @param timeHarmonics Fourier features of time as the LRNR's input (0: raw t)
   * @param spaceHarmonics Fourier features of the periodic inputs (0: raw x)
   * @param strategyOptions further lrnr options (may be empty)
   * @param coefficientsBaseline whether the fast phase's baseline in the paper runs too (the coefficients alone
   *     trained through the full network for the fast phase's Adam epochs)
   * @param out the folder of the runs (null: a new timestamped one)
   */
  public record Settings(String pde, Scale scale, String metaTasks, String tasks, double causalEpsilon, String trainer,
      int lbfgsIterations, int finetuneEpochs, int timeHarmonics, int spaceHarmonics,
      Map<String, String> strategyOptions, boolean coefficientsBaseline, Path out) {
    /** Checks the trainer and the counts. */
    public Settings {
      if (!List.of("adam", "adam+lbfgs").contains(trainer)) {
        throw new InvalidInputException("bench lrnr: --trainer is '" + trainer + "'; use adam or adam+lbfgs");
      }
      if (timeHarmonics < 0 || spaceHarmonics < 0 || lbfgsIterations < 0 || finetuneEpochs < 0) {
        throw new InvalidInputException("bench lrnr: --time-harmonics, --space-harmonics, --lbfgs-iterations and "
            + "--finetune-epochs must not be negative");
      }
      strategyOptions = strategyOptions == null ? Map.of() : Map.copyOf(strategyOptions);
    }

    boolean lbfgs() {
      return trainer.equals("adam+lbfgs");
    }

    /** Whether the PINN with the LRNR's input features and trainer is trained too. */
    boolean matchedBaseline() {
      return timeHarmonics > 0 || spaceHarmonics > 0 || lbfgs();
    }

    String meta() {
      if (metaTasks != null) {
        return metaTasks;
      }
      if (!pde.equals("cdr")) {
        return "";
      }
      // the convection-dominated band of LR-PINN's convection experiment (its published checkpoints are
      // meta-learned on beta = 30..40 and fine-tuned at beta = 40), on the integer grid of its phase 1
      List<String> t = new ArrayList<>();
      for (int beta = 30; beta <= 40; beta++) {
        t.add("beta=" + beta + ",nu=0,rho=0");
      }
      return String.join(";", t);
    }

    String test() {
      if (tasks != null) {
        return tasks;
      }
      String t = pde.equals("cdr") ? "beta=32.5,nu=0,rho=0;beta=37.5,nu=0,rho=0;beta=40,nu=0,rho=0" : "test";
      return scale.smoke() ? t.split(";")[0] : t;
    }

    /** The input features as architecture options. */
    Map<String, Object> featureOptions() {
      return BenchRuns.map("periodic", spaceHarmonics > 0, "harmonics", Math.max(1, spaceHarmonics),
          "time-harmonics", timeHarmonics);
    }
  }

  /**
   * One test task.
   *
   * @param task the task id
   * @param relL2Hyper the hypernetwork's guess
   * @param relL2Finetune after fine-tuning
   * @param relL2Fast after the fast phase
   * @param relL2Coefficients after the paper's baseline of the fast phase: the coefficients alone trained on the full
   *     network for the fast phase's Adam epochs (null unless run)
   * @param finetuneS fine-tuning wall seconds
   * @param fastS fast-phase wall seconds
   * @param finetuneStepMs milliseconds per fine-tuning epoch
   * @param fastStepMs milliseconds per fast-phase epoch
   * @param relL2Pinn a vanilla PINN trained for the fine-tuning's wall time
   * @param pinnEpochs its epochs
   * @param relL2PinnMatched a PINN with the LRNR's input features and trainer (null unless trained)
   * @param relL2PinnCausal a causal PINN (null unless trained)
   */
  public record Row(String task, double relL2Hyper, double relL2Finetune, double relL2Fast, Double relL2Coefficients,
      double finetuneS, double fastS, double finetuneStepMs, double fastStepMs, double relL2Pinn, int pinnEpochs,
      Double relL2PinnMatched, Double relL2PinnCausal) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = BenchRuns.map("task", task, "rel_l2_hyper", relL2Hyper, "rel_l2_finetune", relL2Finetune,
          "rel_l2_fast", relL2Fast, "finetune_s", finetuneS, "fast_s", fastS, "finetune_step_ms", finetuneStepMs,
          "fast_step_ms", fastStepMs, "rel_l2_pinn", relL2Pinn, "pinn_epochs", pinnEpochs);
      if (relL2Coefficients != null) {
        m.put("rel_l2_coefficients", relL2Coefficients);
      }
      if (relL2PinnMatched != null) {
        m.put("rel_l2_pinn_matched", relL2PinnMatched);
      }
      if (relL2PinnCausal != null) {
        m.put("rel_l2_pinn_causal", relL2PinnCausal);
      }
      return m;
    }
  }

  /**
   * The measurements.
   *
   * @param settings what ran
   * @param folder where the runs are
   * @param metaSeconds the meta-learning's wall time
   * @param facts the strategy's facts: {@code effective_ranks}, {@code eim_sizes}, {@code eim_check_rel_error}
   * @param fullStepMs median milliseconds per fine-tuning step
   * @param fastStepMs median milliseconds per fast-phase step
   * @param rows one per test task
   */
  public record Result(Settings settings, Path folder, double metaSeconds, Map<String, Object> facts,
      double fullStepMs, double fastStepMs, List<Row> rows) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Settings s = settings;
      Map<String, Object> m = BenchRuns.map("pde", s.pde(), "scale", s.scale().id(), "causal_epsilon",
          s.causalEpsilon(), "trainer", s.trainer(), "time_harmonics", s.timeHarmonics(), "space_harmonics",
          s.spaceHarmonics(), "meta_seconds", metaSeconds);
      m.putAll(facts);
      m.putAll(BenchRuns.map("full_step_ms", fullStepMs, "fast_step_ms", fastStepMs, "step_ratio_full_over_fast",
          fullStepMs / fastStepMs, "rows", rows.stream().map(Row::toMap).toList()));
      return m;
    }
  }

  /**
   * Meta-learns once, then measures every test task, as the cells of a runner in three waves: the meta-learning
   * with the hypernetwork's guess of every test task (one run); per test task, fine-tuning and the fast phase
   * (they load the meta-learned model the first run shared); per test task, the PINN baselines given that task's
   * fine-tuning time.
   *
   * @param pa the framework
   * @param s what to run
   * @param runner where the runs run (in this process, Spark embedded, a Spark cluster)
   * @param log progress
   * @return the measurements
   */
  public static Result run(PinnAdapt pa, Settings s, SweepRunner runner, BenchLog log) {
    Path dir = BenchRuns.folder(pa, s.out(), "bench-lrnr", s.pde());
    if (!pa.registry().pde(s.pde(), Map.of()).domain().timeDependent()) {
      throw new InvalidInputException("bench lrnr needs a time-dependent PDE; " + s.pde() + " is steady");
    }
    log.printf("bench lrnr: %s, scale %s, runs in %s%nmeta-learning tasks: %s", s.pde(), s.scale().id(), dir, s.meta());
    BenchCells.Metrics hyper = BenchCells.run(runner, dir, Map.of("hyper", lrnr(s, s.test(), "hyper")), log).get(0);
    List<String> tasks = hyper.tasks().stream().map(t -> String.valueOf(t.get("task"))).toList();
    Map<String, Map<String, Object>> adapt = new LinkedHashMap<>();
    for (String task : tasks) {
      adapt.put("finetune-" + RunFiles.safe(task), lrnr(s, task, "finetune"));
      adapt.put("fast-" + RunFiles.safe(task), lrnr(s, task, "fast"));
      if (s.coefficientsBaseline()) {
        adapt.put("coefficients-" + RunFiles.safe(task), lrnr(s, task, "coefficients"));
      }
    }
    int cells = s.coefficientsBaseline() ? 3 : 2; // runs per test task in this wave
    List<BenchCells.Metrics> adapted = BenchCells.run(runner, dir, adapt, log);
    Map<String, Map<String, Object>> baselines = new LinkedHashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      double seconds = adapted.get(cells * i).first("train_s");
      for (Baseline kind : baselines(s)) {
        baselines.put(kind.prefix + RunFiles.safe(tasks.get(i)), pinn(s, tasks.get(i), seconds, kind));
      }
    }
    List<BenchCells.Metrics> pinns = BenchCells.run(runner, dir, baselines, log);
    List<Row> rows = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < tasks.size(); i++) {
      BenchCells.Metrics finetune = adapted.get(cells * i);
      BenchCells.Metrics fast = adapted.get(cells * i + 1);
      Double coefficients = s.coefficientsBaseline() ? adapted.get(cells * i + 2).first("rel_l2") : null;
      BenchCells.Metrics pinn = pinns.get(k++);
      Double matched = s.matchedBaseline() ? pinns.get(k++).first("rel_l2") : null;
      Double causal = s.causalEpsilon() > 0 ? pinns.get(k++).first("rel_l2") : null;
      Row row = new Row(tasks.get(i), ((Number) hyper.tasks().get(i).get("rel_l2")).doubleValue(),
          finetune.first("rel_l2"), fast.first("rel_l2"), coefficients, finetune.first("train_s"), fast.first("train_s"),
          1000 * finetune.first("sec_per_epoch"), 1000 * fast.first("sec_per_epoch"), pinn.first("rel_l2"),
          (int) pinn.first("epochs"), matched, causal);
      rows.add(row);
      log.printf("%s: rel L2 hyper %.3e, finetune %.3e, fast %.3e%s, vanilla PINN (same time) %.3e%s%s", row.task(),
          row.relL2Hyper(), row.relL2Finetune(), row.relL2Fast(), coefficients != null ? String.format(Locale.ROOT,
              ", coefficients only on the full network %.3e", coefficients) : "", row.relL2Pinn(), matched != null
              ? String.format(Locale.ROOT, ", PINN with the LRNR's features and trainer %.3e", matched) : "",
          causal != null ? String.format(Locale.ROOT, ", causal PINN (same time) %.3e", causal) : "");
    }
    Map<String, Object> facts = new LinkedHashMap<>(hyper.facts());
    facts.putAll(adapted.get(1).facts());
    return new Result(s, dir, hyper.prepareSeconds(), facts, median(rows, Row::finetuneStepMs),
        median(rows, Row::fastStepMs), rows);
  }

  private static Map<String, Object> common(Settings s, String test) {
    // fresh collocation points every epoch: with fixed points the convection residual is fitted at the
    // points only (validation residual 100x the training one)
    Map<String, Object> c = BenchRuns.map("pde", s.pde(), "tasks", test, "checkpoint-every", 0, "figures", false,
        "collocation", 1000, "initial", 256, "boundary", 200, "resample-every", 1);
    if (s.scale().paper()) {
      c.putAll(BenchRuns.map("epochs", 10_000, "lr", 2.5e-4, "validate-every", 50));
    } else {
      c.putAll(BenchRuns.map("epochs", 1000, "lr", 1e-3, "validate-every", 50));
    }
    if (s.finetuneEpochs() > 0) {
      c.put("epochs", s.finetuneEpochs());
    }
    c.put("trainer", s.trainer());
    c.put("lbfgs-iterations", s.lbfgs() ? s.lbfgsIterations() : 0);
    if (s.scale().smoke()) {
      BenchRuns.shrink(c);
    }
    return c;
  }

  /** A run of the LRNR in one phase on the given tasks. */
  private static Map<String, Object> lrnr(Settings s, String tasks, String phase) {
    boolean paper = s.scale().paper();
    Map<String, Object> c = common(s, tasks);
    c.put("strategy", "lrnr");
    if (s.causalEpsilon() > 0) {
      c.put("causal-epsilon", s.causalEpsilon());
    }
    Map<String, Object> opts = BenchRuns.map("phase", phase, "meta-tasks", s.meta(), "meta-epochs",
        paper ? 20_000 : 4000, "meta-lr", paper ? 2.5e-4 : 1e-3, "fast-epochs", 400);
    opts.putAll(s.featureOptions());
    if (s.lbfgs()) { // a short Adam warm-up, then L-BFGS does the meta-learning
      opts.put("meta-epochs", paper ? 5000 : 1000);
      opts.put("meta-lbfgs-iterations", paper ? 10_000 : 3000);
    }
    if (s.scale().smoke()) {
      opts.putAll(BenchRuns.map("meta-epochs", 3, "fast-epochs", 3, "eim-samples", 4, "width", 8, "rank", 4,
          "hyper-width", 8));
    }
    opts.putAll(s.strategyOptions());
    c.put("strategy-options", opts);
    return c;
  }

  /** The PINN baselines. */
  private enum Baseline {
    /** Raw inputs, Adam. */
    VANILLA("pinn-"),
    /** The LRNR's input features and trainer. */
    MATCHED("pinn-matched-"),
    /** Raw inputs, Adam, causal weighting. */
    CAUSAL("pinn-causal-");

    private final String prefix;

    Baseline(String prefix) {
      this.prefix = prefix;
    }
  }

  /** The baselines a setting trains, in the order of a row. */
  private static List<Baseline> baselines(Settings s) {
    List<Baseline> b = new ArrayList<>(List.of(Baseline.VANILLA));
    if (s.matchedBaseline()) { // the LRNR's input features and trainer, to separate their effect from the LRNR's
      b.add(Baseline.MATCHED);
    }
    if (s.causalEpsilon() > 0) { // the same causal training for the PINN, for a fair comparison
      b.add(Baseline.CAUSAL);
    }
    return b;
  }

  /**
   * A PINN of about the LRNR's size (width 50, depth 4) trained on one task for a given wall time: vanilla (raw
   * inputs, Adam), causal, or with the LRNR's input features and trainer (then the LRNR's Adam epochs and L-BFGS up
   * to the wall time).
   */
  private static Map<String, Object> pinn(Settings s, String task, double seconds, Baseline kind) {
    Map<String, Object> pinn = common(s, task);
    pinn.put("strategy", "pinn");
    pinn.put("strategy-options", Map.of());
    Map<String, Object> arch = new LinkedHashMap<>(Map.of("width", 50, "depth", 4));
    if (kind == Baseline.MATCHED) {
      arch.putAll(s.featureOptions());
    } else {
      pinn.put("trainer", "adam");
    }
    pinn.put("architecture-options", arch);
    pinn.put(kind == Baseline.MATCHED && s.lbfgs() ? "lbfgs-iterations" : "epochs", 10_000_000);
    pinn.put("time-limit", seconds);
    if (kind == Baseline.CAUSAL || (kind == Baseline.MATCHED && s.causalEpsilon() > 0)) {
      pinn.put("causal-epsilon", s.causalEpsilon());
    }
    return pinn;
  }

  private static double median(List<Row> rows, ToDoubleFunction<Row> key) {
    double[] a = rows.stream().mapToDouble(key).sorted().toArray();
    return a.length == 0 ? Double.NaN : a[a.length / 2];
  }

  /**
   * Draws the errors per test task and method into the run folder.
   *
   * @param r the measurements
   * @return the figure
   */
  public static List<Path> figures(Result r) {
    Path file = r.folder().resolve("lrnr-errors.png");
    Map<String, double[]> bars = new LinkedHashMap<>();
    List<Row> rows = r.rows();
    bars.put("hypernetwork guess", rows.stream().mapToDouble(Row::relL2Hyper).toArray());
    bars.put("fine-tuned", rows.stream().mapToDouble(Row::relL2Finetune).toArray());
    bars.put("fast phase", rows.stream().mapToDouble(Row::relL2Fast).toArray());
    if (rows.stream().allMatch(row -> row.relL2Coefficients() != null)) {
      bars.put("coefficients only, full network", rows.stream().mapToDouble(Row::relL2Coefficients).toArray());
    }
    bars.put("vanilla PINN (same time)", rows.stream().mapToDouble(Row::relL2Pinn).toArray());
    if (rows.stream().allMatch(row -> row.relL2PinnMatched() != null)) {
      bars.put("PINN, LRNR's features and trainer (same time)",
          rows.stream().mapToDouble(Row::relL2PinnMatched).toArray());
    }
    if (rows.stream().allMatch(row -> row.relL2PinnCausal() != null)) {
      bars.put("causal PINN (same time)", rows.stream().mapToDouble(Row::relL2PinnCausal).toArray());
    }
    Plots.bars(file, r.settings().pde() + ": relative L2 error per test task (scale " + r.settings().scale().id()
        + ")", "test task", "relative L2 (log scale)", rows.stream().map(Row::task).toList(), bars);
    return List.of(file);
  }
}
