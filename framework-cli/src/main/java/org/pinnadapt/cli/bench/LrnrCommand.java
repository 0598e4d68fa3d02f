package org.pinnadapt.cli.bench;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.cli.command.BenchCommand;
import org.pinnadapt.cli.command.Output;
import org.pinnadapt.cli.command.ProgressPrinter;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.Evaluation;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.loss.ErrorReport;
import org.pinnadapt.core.loss.Metrics;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.strategy.lrnr.LrnrStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pinnadapt bench lrnr}: LR-PINN and FastLRNR on the convection-diffusion-reaction equation.
 * One meta-learning run (hypernetwork, bases, truncation) serves every phase; then, per test task, the
 * relative L2 error of the hypernetwork's initial guess, after fine-tuning, and after the fast phase,
 * and of a vanilla PINN of about the same size trained for the same wall time as the fine-tuning; the
 * time per Adam step of the fast phase and of full fine-tuning, measured in the same run.
 */
@Command(name = "lrnr", mixinStandardHelpOptions = true, sortOptions = false,
    description = "LR-PINN / FastLRNR on cdr: initial guess, fine-tuning, fast phase and a vanilla PINN per test task.")
public final class LrnrCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", defaultValue = "cdr", paramLabel = "ID", description = "a time-dependent PDE (default: cdr)")
  String pde;

  @Option(names = "--scale", defaultValue = "quick", description = BenchSupport.SCALES)
  String scale;

  @Option(names = "--meta-tasks", paramLabel = "SPEC",
      description = "meta-learning tasks K=V[,K=V][;...] (default for cdr: pure convection, beta = 30, 31, ..., 40)")
  String metaTasks;

  @Option(names = "--tasks", paramLabel = "SPEC",
      description = "test tasks (default for cdr: beta = 32.5, 37.5, 40 with nu = rho = 0)")
  String tasks;

  @Option(names = "--causal-epsilon", paramLabel = "E", defaultValue = "0",
      description = "causal training of the LRNR phases (0: off); a PINN with the same setting is then trained too")
  double causalEpsilon;

  @Option(names = "--trainer", defaultValue = "adam+lbfgs", paramLabel = "ID",
      description = "trainer of the LRNR phases: adam+lbfgs (default: L-BFGS after Adam, in each curriculum stage) "
          + "or adam (the papers' protocol)")
  String trainer;

  @Option(names = "--lbfgs-iterations", defaultValue = "500", paramLabel = "N",
      description = "L-BFGS iterations of fine-tuning with --trainer adam+lbfgs (default: 500)")
  int lbfgsIterations;

  @Option(names = "--finetune-epochs", defaultValue = "0", paramLabel = "N",
      description = "Adam epochs of fine-tuning (0: the scale's, 1,000 quick / 10,000 paper); few, to time the "
          + "fastlrnr preset's full steps")
  int finetuneEpochs;

  @Option(names = "--time-harmonics", defaultValue = "8", paramLabel = "N",
      description = "Fourier features cos/sin(k pi t / T), k = 1..N, of time as the LRNR's input (default: 8; 0: raw t)")
  int timeHarmonics;

  @Option(names = "--space-harmonics", defaultValue = "1", paramLabel = "N",
      description = "Fourier features of the periodic inputs, harmonics 1..N (default: 1, exact periodicity; 0: raw x)")
  int spaceHarmonics;

  @Option(names = "--strategy-opt", paramLabel = "K=V", description = "further lrnr options, e.g. width=32")
  Map<String, String> strategyOptions;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the table as JSON")
  Path json;

  /** Creates the command (picocli). */
  public LrnrCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    boolean paper = BenchSupport.paper(scale);
    checkOptions();
    Path dir = out != null ? out : RunFiles.timestamped("bench-lrnr-" + pde);
    Files.createDirectories(dir);
    var g = bench.main().global();
    long t0 = System.nanoTime();
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> top = new LinkedHashMap<>();
    try (PinnAdapt pa = g.framework()) {
      String meta = metaTasks != null ? metaTasks : defaultMetaTasks();
      String test = tasks != null ? tasks : defaultTestTasks();
      if (tasks == null && BenchSupport.smoke(scale)) {
        test = test.split(";")[0];
      }
      o.printf(Locale.ROOT, "bench lrnr: %s, scale %s, runs in %s%nmeta-learning tasks: %s%n", pde, scale, dir, meta);
      TrainingListener listener = BenchSupport.listener(o);
      double fullStep = Double.NaN;
      double fastStep = Double.NaN;
      try (ExperimentSetup hyper = setup(pa, dir, "hyper", meta, test, paper, listener, o);
          ExperimentSetup finetune = setup(pa, dir, "finetune", meta, test, paper, listener, o);
          ExperimentSetup fast = setup(pa, dir, "fast", meta, test, paper, listener, o)) {
        if (!hyper.pde().domain().timeDependent()) {
          throw new InvalidInputException("bench lrnr needs a time-dependent PDE; " + pde + " is steady");
        }
        LrnrStrategy lrnr = (LrnrStrategy) hyper.strategy();
        long tm = System.nanoTime();
        lrnr.prepare(hyper.context());
        double metaSeconds = (System.nanoTime() - tm) / 1e9;
        top.put("meta_seconds", metaSeconds);
        top.put("effective_ranks", Arrays.stream(lrnr.effectiveRanks()).boxed().toList());
        finetune.strategy().prepare(finetune.context()); // loads the meta-learned model from the run folder
        fast.strategy().prepare(fast.context());
        top.put("eim_sizes", Arrays.stream(((LrnrStrategy) fast.strategy()).eim().sizes()).boxed().toList());
        top.put("eim_check_rel_error", ((LrnrStrategy) fast.strategy()).eimError());
        for (Task task : hyper.tasks()) {
          Map<String, Object> row = measure(pa, dir, meta, task, paper, listener, hyper, finetune, fast);
          rows.add(row);
          printRow(o, row);
        }
        fullStep = median(rows, "finetune_step_ms");
        fastStep = median(rows, "fast_step_ms");
      }
      top.put("full_step_ms", fullStep);
      top.put("fast_step_ms", fastStep);
      top.put("step_ratio_full_over_fast", fullStep / fastStep);
    }
    print(o, rows, top);
    plot(o, dir, rows);
    o.printf(Locale.ROOT, "total %s%n", ProgressPrinter.duration((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      writeJson(o, top, rows);
    }
    return 0;
  }

  private void checkOptions() {
    if (!List.of("adam", "adam+lbfgs").contains(trainer)) {
      throw new InvalidInputException("bench lrnr: --trainer is '" + trainer + "'; use adam or adam+lbfgs");
    }
    if (timeHarmonics < 0 || spaceHarmonics < 0 || lbfgsIterations < 0 || finetuneEpochs < 0) {
      throw new InvalidInputException("bench lrnr: --time-harmonics, --space-harmonics, --lbfgs-iterations and "
          + "--finetune-epochs must not be negative");
    }
  }

  /**
   * One test task: the relative L2 error of the hypernetwork's guess, after fine-tuning and after the
   * fast phase, the time per step of both trainings, and the PINN baselines given the fine-tuning's wall
   * time.
   */
  private Map<String, Object> measure(PinnAdapt pa, Path dir, String meta, Task task, boolean paper,
      TrainingListener listener, ExperimentSetup hyper, ExperimentSetup finetune, ExperimentSetup fast) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("task", task.id());
    row.put("rel_l2_hyper", relL2(hyper, task, null));
    TrainingResult[] ft = new TrainingResult[1];
    row.put("rel_l2_finetune", relL2(finetune, task, ft));
    TrainingResult[] fr = new TrainingResult[1];
    row.put("rel_l2_fast", relL2(fast, task, fr));
    row.put("finetune_s", ft[0].wallSeconds());
    row.put("fast_s", fr[0].wallSeconds());
    row.put("finetune_step_ms", 1000 * ft[0].secondsPerEpoch());
    row.put("fast_step_ms", 1000 * fr[0].secondsPerEpoch());
    double seconds = ft[0].wallSeconds();
    TrainingResult[] pr = new TrainingResult[1];
    row.put("rel_l2_pinn", pinnBaseline(pa, dir, meta, task, paper, seconds, Baseline.VANILLA, listener, pr));
    row.put("pinn_epochs", pr[0].epochs());
    if (matchedBaseline()) { // the LRNR's input features and trainer, to separate their effect from the LRNR's
      row.put("rel_l2_pinn_matched", pinnBaseline(pa, dir, meta, task, paper, seconds, Baseline.MATCHED, listener,
          null));
    }
    if (causalEpsilon > 0) { // the same causal training for the PINN, for a fair comparison
      row.put("rel_l2_pinn_causal", pinnBaseline(pa, dir, meta, task, paper, seconds, Baseline.CAUSAL, listener,
          null));
    }
    return row;
  }

  private static void printRow(PrintWriter o, Map<String, Object> row) {
    o.printf(Locale.ROOT, "%s: rel L2 hyper %.3e, finetune %.3e, fast %.3e, vanilla PINN (same time) %.3e%s%s%n",
        row.get("task"), row.get("rel_l2_hyper"), row.get("rel_l2_finetune"), row.get("rel_l2_fast"),
        row.get("rel_l2_pinn"), row.containsKey("rel_l2_pinn_matched")
            ? String.format(Locale.ROOT, ", PINN with the LRNR's features and trainer %.3e",
                row.get("rel_l2_pinn_matched")) : "",
        row.containsKey("rel_l2_pinn_causal")
            ? String.format(Locale.ROOT, ", causal PINN (same time) %.3e", row.get("rel_l2_pinn_causal")) : "");
    o.flush();
  }

  private void writeJson(PrintWriter o, Map<String, Object> top, List<Map<String, Object>> rows) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("pde", pde);
    doc.put("scale", scale);
    doc.put("causal_epsilon", causalEpsilon);
    doc.put("trainer", trainer);
    doc.put("time_harmonics", timeHarmonics);
    doc.put("space_harmonics", spaceHarmonics);
    doc.putAll(top);
    doc.put("rows", rows);
    Output.writeJson(json, doc);
    o.println("wrote " + json);
  }

  private String defaultMetaTasks() {
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

  private String defaultTestTasks() {
    return pde.equals("cdr") ? "beta=32.5,nu=0,rho=0;beta=37.5,nu=0,rho=0;beta=40,nu=0,rho=0" : "test";
  }

  private Map<String, Object> common(String meta, String test, boolean paper) {
    // fresh collocation points every epoch: with fixed points the convection residual is fitted at the
    // points only (validation residual 100x the training one)
    Map<String, Object> c = BenchSupport.map("pde", pde, "tasks", test, "checkpoint-every", 0, "figures", false,
        "collocation", 1000, "initial", 256, "boundary", 200, "resample-every", 1);
    if (paper) {
      c.putAll(BenchSupport.map("epochs", 10_000, "lr", 2.5e-4, "validate-every", 50));
    } else {
      c.putAll(BenchSupport.map("epochs", 1000, "lr", 1e-3, "validate-every", 50));
    }
    if (finetuneEpochs > 0) {
      c.put("epochs", finetuneEpochs);
    }
    c.put("trainer", trainer);
    c.put("lbfgs-iterations", lbfgs() ? lbfgsIterations : 0);
    if (BenchSupport.smoke(scale)) {
      BenchSupport.shrink(c);
    }
    return c;
  }

  private ExperimentSetup setup(PinnAdapt pa, Path dir, String phase, String meta, String test, boolean paper,
      TrainingListener listener, PrintWriter o) {
    Map<String, Object> c = common(meta, test, paper);
    c.put("strategy", "lrnr");
    if (causalEpsilon > 0) {
      c.put("causal-epsilon", causalEpsilon);
    }
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("phase", phase);
    opts.put("meta-tasks", meta);
    opts.put("meta-epochs", paper ? 20_000 : 4000);
    opts.put("meta-lr", paper ? 2.5e-4 : 1e-3);
    opts.put("fast-epochs", 400);
    opts.putAll(featureOptions());
    if (lbfgs()) { // a short Adam warm-up, then L-BFGS does the meta-learning
      opts.put("meta-epochs", paper ? 5000 : 1000);
      opts.put("meta-lbfgs-iterations", paper ? 10_000 : 3000);
    }
    if (BenchSupport.smoke(scale)) {
      opts.putAll(BenchSupport.map("meta-epochs", 3, "fast-epochs", 3, "eim-samples", 4, "width", 8, "rank", 4,
          "hyper-width", 8));
    }
    if (strategyOptions != null) {
      opts.putAll(strategyOptions);
    }
    c.put("strategy-options", opts);
    c.put("out", dir.toString());
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(c, "bench lrnr"), dir, listener, msg -> {
      o.println(msg);
      o.flush();
    });
  }

  /** The PINN baselines. */
  enum Baseline {
    /** Raw inputs, Adam. */
    VANILLA,
    /** Raw inputs, Adam, causal weighting. */
    CAUSAL,
    /** The LRNR's input features and trainer. */
    MATCHED
  }

  private boolean matchedBaseline() {
    return timeHarmonics > 0 || spaceHarmonics > 0 || lbfgs();
  }

  private boolean lbfgs() {
    return trainer.equals("adam+lbfgs");
  }

  /** The input features of {@code --time-harmonics} and {@code --space-harmonics} as architecture options. */
  private Map<String, Object> featureOptions() {
    return BenchSupport.map("periodic", spaceHarmonics > 0, "harmonics", Math.max(1, spaceHarmonics),
        "time-harmonics", timeHarmonics);
  }

  /**
   * The relative L2 error of a PINN of about the LRNR's size (width 50, depth 4) trained on one task for
   * a given wall time: vanilla (raw inputs, Adam), causal, or with the LRNR's input features and trainer
   * (then the LRNR's Adam epochs and L-BFGS up to the wall time).
   */
  private double pinnBaseline(PinnAdapt pa, Path dir, String meta, Task task, boolean paper, double seconds,
      Baseline kind, TrainingListener listener, TrainingResult[] training) {
    Map<String, Object> pinn = common(meta, task.id(), paper);
    pinn.put("strategy", "pinn");
    pinn.put("strategy-options", Map.of());
    Map<String, Object> arch = new LinkedHashMap<>(Map.of("width", 50, "depth", 4));
    if (kind == Baseline.MATCHED) {
      arch.putAll(featureOptions());
    } else {
      pinn.put("trainer", "adam");
    }
    pinn.put("architecture-options", arch);
    if (kind == Baseline.MATCHED && lbfgs()) {
      pinn.put("lbfgs-iterations", 10_000_000);
    } else {
      pinn.put("epochs", 10_000_000);
    }
    pinn.put("time-limit", seconds);
    if (kind == Baseline.CAUSAL || (kind == Baseline.MATCHED && causalEpsilon > 0)) {
      pinn.put("causal-epsilon", causalEpsilon);
    }
    String name = switch (kind) {
      case VANILLA -> "pinn-";
      case CAUSAL -> "pinn-causal-";
      case MATCHED -> "pinn-matched-";
    };
    Path folder = dir.resolve(name + task.fileName());
    pinn.put("out", folder.toString());
    try (ExperimentSetup p = new ExperimentSetup(pa, ExperimentConfig.fromMap(pinn, "bench lrnr"), folder, listener,
        m -> { })) {
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
      ErrorReport e = Metrics.compare(s.pde().fields(), pred, s.pde().reference(task).evaluate(grid));
      return e.relL2();
    }
  }

  private static double median(List<Map<String, Object>> rows, String key) {
    double[] a = rows.stream().mapToDouble(r -> (Double) r.get(key)).sorted().toArray();
    return a.length == 0 ? Double.NaN : a[a.length / 2];
  }

  private static void print(PrintWriter o, List<Map<String, Object>> rows, Map<String, Object> top) {
    String fmt = "%-28s %12s %12s %12s %14s %14s %14s%n";
    boolean matched = rows.stream().anyMatch(r -> r.containsKey("rel_l2_pinn_matched"));
    boolean causal = rows.stream().anyMatch(r -> r.containsKey("rel_l2_pinn_causal"));
    o.printf(Locale.ROOT, "%n" + fmt, "task", "hyper guess", "finetune", "fast phase", "vanilla PINN",
        matched ? "matched PINN" : "", causal ? "causal PINN" : "");
    for (Map<String, Object> r : rows) {
      o.printf(Locale.ROOT, fmt, r.get("task"), BenchSupport.sci((Double) r.get("rel_l2_hyper")),
          BenchSupport.sci((Double) r.get("rel_l2_finetune")), BenchSupport.sci((Double) r.get("rel_l2_fast")),
          BenchSupport.sci((Double) r.get("rel_l2_pinn")),
          matched ? BenchSupport.sci((Double) r.get("rel_l2_pinn_matched")) : "",
          causal ? BenchSupport.sci((Double) r.get("rel_l2_pinn_causal")) : "");
    }
    o.printf(Locale.ROOT, "relative L2 errors on the evaluation grid; PINNs (width 50, depth 4) trained for the wall "
        + "time of the fine-tuning: vanilla = raw inputs and Adam%s%s%n",
        matched ? "; matched = the LRNR's input features and trainer" : "", causal ? "; causal = vanilla + causal" : "");
    o.printf(Locale.ROOT, "effective ranks %s, EIM sizes %s (check %.1e), meta-learning %s%n", top.get("effective_ranks"),
        top.get("eim_sizes"), (Double) top.get("eim_check_rel_error"),
        ProgressPrinter.duration((Double) top.get("meta_seconds")));
    o.printf(Locale.ROOT, "Adam step: full fine-tuning %.3f ms, fast phase %.3f ms, ratio %.1fx (paper: 140 ms vs 4 ms, "
        + "about 35x, V100, width 4000)%n", (Double) top.get("full_step_ms"), (Double) top.get("fast_step_ms"),
        (Double) top.get("step_ratio_full_over_fast"));
    o.flush();
  }

  private void plot(PrintWriter o, Path dir, List<Map<String, Object>> rows) {
    Path file = dir.resolve("lrnr-errors.png");
    try {
      Map<String, double[]> bars = new LinkedHashMap<>();
      Map<String, String> names = new LinkedHashMap<>();
      names.put("hyper", "hypernetwork guess");
      names.put("finetune", "fine-tuned");
      names.put("fast", "fast phase");
      names.put("pinn", "vanilla PINN (same time)");
      names.put("pinn_matched", "PINN, LRNR's features and trainer (same time)");
      names.put("pinn_causal", "causal PINN (same time)");
      for (Map.Entry<String, String> k : names.entrySet()) {
        if (rows.stream().allMatch(r -> r.containsKey("rel_l2_" + k.getKey()))) {
          bars.put(k.getValue(), rows.stream().mapToDouble(r -> (Double) r.get("rel_l2_" + k.getKey())).toArray());
        }
      }
      Plots.bars(file, pde + ": relative L2 error per test task (scale " + scale + ")", "test task", "relative L2 (log scale)",
          rows.stream().map(r -> (String) r.get("task")).toList(), bars);
      o.println("figure " + file);
    } catch (RuntimeException e) {
      o.println("warning: figure not written: " + e.getMessage());
    }
  }
}
