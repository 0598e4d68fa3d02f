package org.pinnadapt.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.experiment.SavedRun;
import org.pinnadapt.core.query.ManyQuery;
import org.pinnadapt.core.query.TaskSampler;
import org.pinnadapt.core.query.TaskSource;
import org.pinnadapt.sweep.InProcessRunner;

/**
 * The many-query speed bench ({@code pinnadapt bench speed}, issue 20): in one run, the figures of the many-query
 * setting side by side with their targets. On the demo's Kovasznay network (MLP 2-64x6-3, LoRA rank 4, 1,000
 * collocation and 320 boundary points): new HyperPINN solutions per second on a 51x51 grid (10,000 samples reduced to
 * summary fields) and the L-PINN epoch against the F-PINN epoch on the same points and base; on cdr: FastLRNR's fast
 * phase against the hypernetwork's guess and its step against a full LR-PINN step ({@link LrnrBench}), and CoLoRA-EQ
 * against the reference solver at the coarsest resolution of the same error ({@link ColoraBench},
 * {@link ReferenceLadder}); and one PINN training step (the Burgers step of {@link StepBench}; its ratio to PyTorch
 * comes from {@code benchmarks/step-compare.sh}). The Kovasznay networks are trained only as long as the timings
 * need: their errors are not the point there.
 */
public final class SpeedBench {

  private static final String LABEL = "bench speed";

  private SpeedBench() {}

  /**
   * Settings.
   *
   * @param scale quick or paper: the demo's sizes; smoke: a tiny network and a few samples (seconds)
   * @param out the bench folder (timestamped when null)
   * @param device the device
   * @param precision the precision
   * @param threads native threads
   */
  public record Settings(Scale scale, Path out, String device, String precision, int threads) {}

  /**
   * One figure.
   *
   * @param figure what is measured
   * @param value the measurement
   * @param unit its unit
   * @param target the target, in words
   * @param met whether the target is met (null when the figure has no target of its own)
   */
  public record Row(String figure, double value, String unit, String target, Boolean met) {}

  /**
   * Results.
   *
   * @param settings the settings
   * @param folder the bench folder
   * @param rows the figures
   * @param details every measurement by key (the JSON)
   */
  public record Result(Settings settings, Path folder, List<Row> rows, Map<String, Object> details) {

    /**
     * The JSON form.
     *
     * @return values by key
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>(details);
      List<Map<String, Object>> r = new ArrayList<>();
      for (Row row : rows) {
        r.add(BenchRuns.map("figure", row.figure(), "value", row.value(), "unit", row.unit(), "target", row.target(),
            "met", row.met()));
      }
      m.put("rows", r);
      return m;
    }
  }

  /**
   * Runs the bench.
   *
   * @param pa the framework
   * @param s the settings
   * @param log progress
   * @return the figures
   */
  public static Result run(PinnAdapt pa, Settings s, BenchLog log) {
    Path dir = s.out() != null ? s.out() : RunFiles.timestamped("speed");
    RunFolder.checkWritable(dir);
    boolean smoke = s.scale().smoke();
    int epochs = smoke ? 20 : 300;
    Map<String, Object> common = BenchRuns.map("pde", "kovasznay", "tasks", "Re=60", "trainer", "adam", "epochs",
        epochs, "lbfgs-iterations", 0, "collocation", smoke ? 200 : 1000, "boundary", smoke ? 80 : 320,
        "validate-every", 20, "checkpoint-every", 0, "figures", false, "seed", 42, "device", s.device(), "precision",
        s.precision(), "threads", s.threads(), "architecture-options", smoke ? Map.of("width", 16, "depth", 2)
            : Map.of("width", 64, "depth", 6));
    Map<String, Object> details = new LinkedHashMap<>();
    List<Row> rows = new ArrayList<>();
    log.lines().accept("[1/7] L-PINN (rank 4) on Re=60 after a short base training, " + epochs + " Adam epochs");
    RunResult lora = BenchRuns.experiment(pa, BenchRuns.with(common, dir, "lora", "base-epochs", smoke ? 10 : 200,
        "strategy-options", Map.of("rank", 4)), LABEL, log);
    String base = dir.resolve("lora").resolve("base").resolve("base.params").toString();
    log.lines().accept("[2/7] F-PINN on the same base and points, " + epochs + " Adam epochs");
    RunResult finetune = BenchRuns.experiment(pa, BenchRuns.with(common, dir, "finetune", "base", base), LABEL, log);
    double loraMs = 1000 * lora.tasks().get(0).training().secondsPerEpoch();
    double fineMs = 1000 * finetune.tasks().get(0).training().secondsPerEpoch();
    details.putAll(BenchRuns.map("lora_epoch_ms", loraMs, "finetune_epoch_ms", fineMs, "lora_over_finetune",
        loraMs / fineMs));
    rows.add(new Row("L-PINN epoch / F-PINN epoch", loraMs / fineMs, "x", "<= 0.75", loraMs / fineMs <= 0.75));
    log.lines().accept("[3/7] a LoRA-HyperPINN (trained briefly), then many new solutions at once");
    BenchRuns.experiment(pa, BenchRuns.with(common, dir, "hyper", "base", base, "epochs", smoke ? 5 : 50,
        "strategy-options", Map.of("predict", "lora", "rank", 4, "train-tasks", smoke ? 4 : 20, "hidden",
            smoke ? "16" : "256,256,128,128")), LABEL, log);
    manyQuery(pa, dir.resolve("hyper"), smoke, details, rows, log);
    fastLrnr(pa, s, dir, details, rows, log);
    coloraEq(pa, s, dir, details, rows, log);
    log.lines().accept("[6/7] one PINN training step (bench step)");
    StepBench.Result step = StepBench.run(pa, smoke ? new StepBench.Settings(1000, 16, 2, 50, 5)
        : new StepBench.Settings(10_000, 64, 4, 100, 10));
    details.put("step", step.toMap());
    rows.add(new Row("PINN step (Burgers 2-" + step.settings().width() + "x" + step.settings().depth() + "-1, "
        + step.settings().points() + " points)", step.medianMs(), "ms", "<= 0.8x PyTorch's: benchmarks/step-compare.sh",
        null));
    if (!smoke) {
      fastLrnrPreset(pa, s, dir, details, rows, log);
    }
    return new Result(s, dir, rows, details);
  }

  /** FastLRNR on cdr as {@code bench lrnr} measures it: the fast phase against the guess, its step against a full one. */
  private static void fastLrnr(PinnAdapt pa, Settings s, Path dir, Map<String, Object> details, List<Row> rows,
      BenchLog log) {
    boolean smoke = s.scale().smoke();
    log.lines().accept("[4/7] FastLRNR on cdr (bench lrnr --scale " + s.scale().id() + ")");
    LrnrBench.Result r = LrnrBench.run(pa, new LrnrBench.Settings("cdr", s.scale(), null, null, 0, "adam+lbfgs",
        smoke ? 5 : 500, 0, 8, 1, Map.of(), true, dir.resolve("lrnr")), new InProcessRunner(pa), log);
    details.put("lrnr", r.toMap());
    double worst = r.rows().stream().mapToDouble(x -> x.relL2Fast() / x.relL2Hyper()).max().orElse(Double.NaN);
    rows.add(new Row("FastLRNR rel L2: fast phase / guess (worst of " + r.rows().size() + " tasks)",
        worst, "x", smoke ? "(smoke: no target)" : "<= 0.5", smoke ? null : worst <= 0.5));
    double ratio = r.fullStepMs() / r.fastStepMs();
    rows.add(new Row("FastLRNR: full LR-PINN step / fast-phase step (lr-pinn preset)", ratio, "x",
        "(the target is at the fastlrnr preset, last row)", null));
  }

  /**
   * FastLRNR's step times at the paper's sizes (the fastlrnr preset, width 4000, rank 100): the model is meta-learned
   * for 2 epochs only (its errors mean nothing), the full step timed over 3 fine-tuning epochs, the fast one over 100.
   * Last in the bench: its 6 GB of arrays slow whatever runs after it in the same process.
   */
  private static void fastLrnrPreset(PinnAdapt pa, Settings s, Path dir, Map<String, Object> details, List<Row> rows,
      BenchLog log) {
    log.lines().accept("[7/7] FastLRNR steps at the fastlrnr preset (width 4000, rank 100)");
    LrnrBench.Result p = LrnrBench.run(pa, new LrnrBench.Settings("cdr", s.scale(),
        "beta=30,nu=0,rho=0;beta=35,nu=0,rho=0", "beta=32.5,nu=0,rho=0", 0, "adam", 0, 3, 8, 1,
        Map.of("preset", "fastlrnr", "meta-epochs", "2", "fast-epochs", "100"), false, dir.resolve("lrnr-fastlrnr")),
        new InProcessRunner(pa), log);
    details.put("lrnr_fastlrnr_preset_steps", BenchRuns.map("full_step_ms", p.fullStepMs(), "fast_step_ms",
        p.fastStepMs(), "ratio", p.fullStepMs() / p.fastStepMs()));
    double preset = p.fullStepMs() / p.fastStepMs();
    rows.add(new Row("FastLRNR: full LR-PINN step / fast-phase step (fastlrnr preset)", preset, "x", ">= 35",
        preset >= 35));
  }

  /**
   * CoLoRA-EQ on cdr as {@code bench colora} measures it: its time to the solution on the grid against the reference
   * solver's at the coarsest resolution as accurate ({@link ReferenceLadder}); a diverged task counts as not faster.
   */
  private static void coloraEq(PinnAdapt pa, Settings s, Path dir, Map<String, Object> details, List<Row> rows,
      BenchLog log) {
    boolean smoke = s.scale().smoke();
    log.lines().accept("[5/7] CoLoRA-EQ on cdr against the reference solver at the resolution of the same error");
    ColoraBench.Result r = ColoraBench.run(pa, new ColoraBench.Settings("cdr", List.of("eq"), s.scale(), null,
        Map.of(), dir.resolve("colora")), log);
    details.put("colora", r.toMap());
    double worst = r.rows().stream().mapToDouble(x -> x.fasterThanMatched().orElse(0.0))
        .min().orElse(Double.NaN);
    rows.add(new Row("CoLoRA-EQ: matched reference time / its time (worst of " + r.rows().size() + " tasks)",
        worst, "x", smoke ? "(smoke: no target)" : ">= 5", smoke ? null : worst >= 5));
  }

  private static void manyQuery(PinnAdapt pa, Path run, boolean smoke, Map<String, Object> details, List<Row> rows,
      BenchLog log) {
    int samples = smoke ? 64 : 10_000;
    String grid = smoke ? "11x11" : "51x51";
    ExperimentConfig c = SavedRun.recordedConfig(run, LABEL);
    try (SavedRun saved = SavedRun.open(pa, c, run, log.lines()::accept)) {
      Pde pde = saved.pde();
      ManyQuery.Result r = ManyQuery.builder().setRun(saved)
          .setTasks(TaskSource.of(TaskSampler.parse("Re=uniform(20,100):" + samples, pde), pde, 1))
          .setGrid(EvaluationGrid.parse(pde.domain(), grid)).build().run();
      details.putAll(BenchRuns.map("many_query_samples", samples, "many_query_grid", grid, "many_query_s", r.seconds(),
          "many_query_samples_per_s", samples / r.seconds(), "many_query_batch", r.batch()));
      rows.add(new Row(samples + " HyperPINN solutions on " + grid + ", summary fields", r.seconds(), "s",
          smoke ? "(smoke: no target)" : "<= 5 s", smoke ? null : r.seconds() <= 5));
    }
  }

}
