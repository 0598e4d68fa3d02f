package org.pinnadapt.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.pinnadapt.api.base.InvalidInputException;
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
 * LR-PINN and FastLRNR on the convection-diffusion-reaction equation. One meta-learning run (hypernetwork, bases,
 * truncation) serves every phase; then, per test task, the relative L2 error of the hypernetwork's initial guess,
 * after fine-tuning and after the fast phase, and of a vanilla PINN of about the same size trained for the same
 * wall time as the fine-tuning; the time per Adam step of the fast phase and of full fine-tuning, measured in the
 * same run.
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
   * @param out the folder of the runs (null: a new timestamped one)
   */
  public record Settings(String pde, Scale scale, String metaTasks, String tasks, double causalEpsilon, String trainer,
      int lbfgsIterations, int finetuneEpochs, int timeHarmonics, int spaceHarmonics,
      Map<String, String> strategyOptions, Path out) {
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
   * @param finetuneS fine-tuning wall seconds
   * @param fastS fast-phase wall seconds
   * @param finetuneStepMs milliseconds per fine-tuning epoch
   * @param fastStepMs milliseconds per fast-phase epoch
   * @param relL2Pinn a vanilla PINN trained for the fine-tuning's wall time
   * @param pinnEpochs its epochs
   * @param relL2PinnMatched a PINN with the LRNR's input features and trainer (null unless trained)
   * @param relL2PinnCausal a causal PINN (null unless trained)
   */
  public record Row(String task, double relL2Hyper, double relL2Finetune, double relL2Fast, double finetuneS,
      double fastS, double finetuneStepMs, double fastStepMs, double relL2Pinn, int pinnEpochs, Double relL2PinnMatched,
      Double relL2PinnCausal) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = BenchRuns.map("task", task, "rel_l2_hyper", relL2Hyper, "rel_l2_finetune", relL2Finetune,
          "rel_l2_fast", relL2Fast, "finetune_s", finetuneS, "fast_s", fastS, "finetune_step_ms", finetuneStepMs,
          "fast_step_ms", fastStepMs, "rel_l2_pinn", relL2Pinn, "pinn_epochs", pinnEpochs);
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
   * Meta-learns once, then measures every test task.
   *
   * @param pa the framework
   * @param s what to run
   * @param log progress
   * @return the measurements
   */
  public static Result run(PinnAdapt pa, Settings s, BenchLog log) {
    Path dir = BenchRuns.folder(pa, s.out(), "bench-lrnr", s.pde());
    log.printf("bench lrnr: %s, scale %s, runs in %s%nmeta-learning tasks: %s", s.pde(), s.scale().id(), dir, s.meta());
    List<Row> rows = new ArrayList<>();
    try (ExperimentSetup hyper = setup(pa, s, dir, "hyper", log);
        ExperimentSetup finetune = setup(pa, s, dir, "finetune", log);
        ExperimentSetup fast = setup(pa, s, dir, "fast", log)) {
      if (!hyper.pde().domain().timeDependent()) {
        throw new InvalidInputException("bench lrnr needs a time-dependent PDE; " + s.pde() + " is steady");
      }
      long tm = System.nanoTime();
      hyper.strategy().prepare(hyper.context());
      double metaSeconds = (System.nanoTime() - tm) / 1e9;
      Map<String, Object> facts = new LinkedHashMap<>(hyper.strategy().facts(hyper.context()));
      finetune.strategy().prepare(finetune.context()); // loads the meta-learned model from the run folder
      fast.strategy().prepare(fast.context());
      facts.putAll(fast.strategy().facts(fast.context()));
      for (Task task : hyper.tasks()) {
        Row row = measure(pa, s, dir, task, log, hyper, finetune, fast);
        rows.add(row);
        log.printf("%s: rel L2 hyper %.3e, finetune %.3e, fast %.3e, vanilla PINN (same time) %.3e%s%s", row.task(),
            row.relL2Hyper(), row.relL2Finetune(), row.relL2Fast(), row.relL2Pinn(), row.relL2PinnMatched() != null
                ? String.format(Locale.ROOT, ", PINN with the LRNR's features and trainer %.3e",
                    row.relL2PinnMatched()) : "",
            row.relL2PinnCausal() != null
                ? String.format(Locale.ROOT, ", causal PINN (same time) %.3e", row.relL2PinnCausal()) : "");
      }
      return new Result(s, dir, metaSeconds, facts, median(rows, Row::finetuneStepMs), median(rows, Row::fastStepMs),
          rows);
    }
  }

  /**
   * One test task: the relative L2 error of the hypernetwork's guess, after fine-tuning and after the fast phase,
   * the time per step of both trainings, and the PINN baselines given the fine-tuning's wall time.
   */
  private static Row measure(PinnAdapt pa, Settings s, Path dir, Task task, BenchLog log, ExperimentSetup hyper,
      ExperimentSetup finetune, ExperimentSetup fast) {
    double hyperError = relL2(hyper, task, null);
    TrainingResult[] ft = new TrainingResult[1];
    double finetuneError = relL2(finetune, task, ft);
    TrainingResult[] fr = new TrainingResult[1];
    double fastError = relL2(fast, task, fr);
    double seconds = ft[0].wallSeconds();
    TrainingResult[] pr = new TrainingResult[1];
    double pinn = pinnBaseline(pa, s, dir, task, seconds, Baseline.VANILLA, log, pr);
    // the LRNR's input features and trainer, to separate their effect from the LRNR's
    Double matched = s.matchedBaseline() ? pinnBaseline(pa, s, dir, task, seconds, Baseline.MATCHED, log, null) : null;
    // the same causal training for the PINN, for a fair comparison
    Double causal = s.causalEpsilon() > 0 ? pinnBaseline(pa, s, dir, task, seconds, Baseline.CAUSAL, log, null) : null;
    return new Row(task.id(), hyperError, finetuneError, fastError, ft[0].wallSeconds(), fr[0].wallSeconds(),
        1000 * ft[0].secondsPerEpoch(), 1000 * fr[0].secondsPerEpoch(), pinn, pr[0].epochs(), matched, causal);
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

  private static ExperimentSetup setup(PinnAdapt pa, Settings s, Path dir, String phase, BenchLog log) {
    boolean paper = s.scale().paper();
    Map<String, Object> c = common(s, s.test());
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
    c.put("out", dir.toString());
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(c, "bench lrnr"), dir, log.training(), log.lines()::accept);
  }

  /** The PINN baselines. */
  private enum Baseline {
    /** Raw inputs, Adam. */
    VANILLA,
    /** Raw inputs, Adam, causal weighting. */
    CAUSAL,
    /** The LRNR's input features and trainer. */
    MATCHED
  }

  /**
   * The relative L2 error of a PINN of about the LRNR's size (width 50, depth 4) trained on one task for a given
   * wall time: vanilla (raw inputs, Adam), causal, or with the LRNR's input features and trainer (then the LRNR's
   * Adam epochs and L-BFGS up to the wall time).
   */
  private static double pinnBaseline(PinnAdapt pa, Settings s, Path dir, Task task, double seconds, Baseline kind,
      BenchLog log, TrainingResult[] training) {
    Map<String, Object> pinn = common(s, task.id());
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
    String name = switch (kind) {
      case VANILLA -> "pinn-";
      case CAUSAL -> "pinn-causal-";
      case MATCHED -> "pinn-matched-";
    };
    Path folder = dir.resolve(name + task.fileName());
    pinn.put("out", folder.toString());
    try (ExperimentSetup p = new ExperimentSetup(pa, ExperimentConfig.fromMap(pinn, "bench lrnr"), folder,
        log.training(), m -> { })) {
      return relL2(p, task, training);
    }
  }

  private static double relL2(ExperimentSetup s, Task task, TrainingResult[] training) {
    PointSet grid = s.grid().points();
    var ctx = s.context();
    try (NDManager m = ctx.manager().newSubManager(); Solution sol = s.strategy().adapt(task, ctx)) {
      if (training != null) {
        training[0] = sol.training();
      }
      double[][] pred = Evaluation.predict(sol, grid, m, ctx.dataType()).values();
      return Metrics.compare(s.pde().fields(), pred, s.pde().reference(task).evaluate(grid)).relL2();
    }
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
