package org.pinnadapt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.experiment.TaskResult;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.report.Plots;

/**
 * The demo ({@code pinnadapt demo}): the whole pipeline on the Kovasznay flow in a few minutes. A base PINN is
 * trained at Re=20; a new Reynolds number that is not among the training tasks is then solved four ways at the
 * same epoch budget: a PINN from scratch, full fine-tuning of the base (F-PINN), a rank-r LoRA update of the base
 * (L-PINN), and a LoRA-HyperPINN trained physics-informed over the training Reynolds numbers, which predicts the
 * new solution in one forward pass.
 */
public final class DemoBench {

  private DemoBench() {}

  /**
   * What to run.
   *
   * @param reynolds the unseen Reynolds number, in [20, 100]
   * @param rank the LoRA rank
   * @param baseEpochs epochs of the base PINN at Re=20
   * @param epochs epochs of PINN, F-PINN and L-PINN on the new Re
   * @param hyperEpochs epochs of the HyperPINN
   * @param lbfgsIterations L-BFGS iterations after the Adam epochs of every training (0: Adam only)
   * @param hyperTasks training Reynolds numbers of the HyperPINN
   * @param collocation collocation points per task
   * @param hyperCollocation collocation points per training task of the HyperPINN
   * @param seed the seed
   * @param device the device of every run (recorded in its configuration)
   * @param precision the precision of every run
   * @param threads the native threads of every run (0: the default)
   * @param out the folder of the demo (null: a new timestamped one)
   */
  public record Settings(double reynolds, int rank, int baseEpochs, int epochs, int hyperEpochs, int lbfgsIterations,
      int hyperTasks, int collocation, int hyperCollocation, long seed, String device, String precision, int threads,
      Path out) {
    /** Checks every value and names the culprit. */
    public Settings {
      if (!(reynolds >= 20 && reynolds <= 100)) {
        throw new InvalidInputException("--re " + reynolds + " is outside Kovasznay's range [20, 100]");
      }
      positive("--rank", rank);
      positive("--base-epochs", baseEpochs);
      positive("--epochs", epochs);
      positive("--hyper-epochs", hyperEpochs);
      positive("--hyper-tasks", hyperTasks);
      positive("--collocation", collocation);
      positive("--hyper-collocation", hyperCollocation);
      if (lbfgsIterations < 0) {
        throw new InvalidInputException("--lbfgs-iterations must be at least 0, got " + lbfgsIterations);
      }
    }

    private static void positive(String name, int v) {
      if (v < 1) {
        throw new InvalidInputException(name + " must be at least 1, got " + v);
      }
    }
  }

  /**
   * One method of the comparison.
   *
   * @param method e.g. {@code L-PINN (rank 4)}
   * @param what what the method trains or predicts
   * @param run its run
   */
  public record Row(String method, String what, RunResult run) {
    /**
     * The new task's result.
     *
     * @return the only task of the run
     */
    public TaskResult task() {
      return run.tasks().get(0);
    }

    /**
     * Whether this is the HyperPINN, whose epochs are its meta-training's.
     *
     * @return true for the HyperPINN
     */
    public boolean hyper() {
      return method.startsWith("HyperPINN");
    }
  }

  /**
   * The comparison.
   *
   * @param settings what ran
   * @param folder the demo's folder
   * @param task the new task
   * @param rows PINN, L-PINN, F-PINN, HyperPINN
   * @param baseSeconds the base network's training time
   * @param totalSeconds the whole demo's time
   */
  public record Result(Settings settings, Path folder, Task task, List<Row> rows, double baseSeconds,
      double totalSeconds) {}

  /**
   * Trains the base and the four methods on the new task.
   *
   * @param pa the framework
   * @param s what to run
   * @param log progress (lines and training progress)
   * @return the comparison
   * @throws InvalidInputException if the folder already holds a demo or cannot be written, before any training
   */
  public static Result run(PinnAdapt pa, Settings s, BenchLog log) {
    Path dir = s.out() != null ? s.out() : RunFiles.timestamped("demo");
    if (Files.exists(dir.resolve("demo.json"))) {
      throw new InvalidInputException("folder " + dir + " already holds a demo; choose another with --out");
    }
    RunFolder.checkWritable(dir); // before any training
    long t0 = System.nanoTime();
    Pde pde = pa.registry().pde("kovasznay", Map.of());
    Task newTask = pde.task(Map.of("Re", s.reynolds()));
    String task = newTask.id();
    if (pde.taskSplit(s.seed()).train().stream().map(Task::id).toList().contains(task)) {
      log.lines().accept("warning: " + task + " is one of the training tasks; the HyperPINN will not be tested on an "
          + "unseen task");
    }
    log.printf("pinnadapt demo: Kovasznay flow, base PINN at Re=20, new task %s; folder %s%n", task, dir);
    Map<String, Object> common = common(s, task);
    List<Row> rows = new ArrayList<>();
    // 1. base network at Re=20 and the rank-r LoRA update to the new Re (one run: the base is its offline phase).
    log.lines().accept("[1/4] base PINN at Re=20 (" + s.baseEpochs() + " epochs), then L-PINN rank " + s.rank()
        + " on " + task);
    RunResult loraRun = BenchRuns.experiment(pa, BenchRuns.with(common, dir, "lora", "strategy-options",
        Map.of("rank", s.rank()), "base-epochs", s.baseEpochs()), "demo", log);
    rows.add(new Row("L-PINN (rank " + s.rank() + ")", "LoRA factors trained", loraRun));
    String base = dir.resolve("lora").resolve("base").resolve("base.params").toString();
    // 2. full fine-tuning of the same base, 3. a PINN from scratch, both at the same budget.
    log.lines().accept("[2/4] F-PINN: every weight of the base fine-tuned on " + task);
    rows.add(new Row("F-PINN", "all weights trained",
        BenchRuns.experiment(pa, BenchRuns.with(common, dir, "finetune", "base", base), "demo", log)));
    log.lines().accept("[3/4] PINN from scratch on " + task);
    rows.add(0, new Row("PINN", "all weights trained",
        BenchRuns.experiment(pa, BenchRuns.with(common, dir, "pinn"), "demo", log)));
    // 4. LoRA-HyperPINN over the training Reynolds numbers, then one forward pass for the new Re.
    log.lines().accept("[4/4] LoRA-HyperPINN trained physics-informed on " + s.hyperTasks() + " training Reynolds "
        + "numbers, then one forward pass for " + task);
    rows.add(new Row("HyperPINN (rank " + s.rank() + ")", "LoRA factors predicted",
        BenchRuns.experiment(pa, BenchRuns.with(common, dir, "hyper",
        "base", base, "epochs", s.hyperEpochs(), "collocation", s.hyperCollocation(), "strategy-options",
        Map.of("loss", "physics", "predict", "lora", "rank", s.rank(), "train-tasks", s.hyperTasks(), "hidden",
            "256,256,128,128")), "demo", log)));
    return new Result(s, dir, newTask, rows, loraRun.prepareSeconds(), (System.nanoTime() - t0) / 1e9);
  }

  /** The settings every run of the demo shares: same task, points, schedule and seed. */
  private static Map<String, Object> common(Settings s, String task) {
    // constant rate, then L-BFGS: the defaults (docs/decisions/0014)
    return BenchRuns.map("pde", "kovasznay", "tasks", task, "epochs", s.epochs(), "collocation", s.collocation(),
        "lr", 1e-3, "lbfgs-iterations", s.lbfgsIterations(), "validate-every", 20, "checkpoint-every", 0, "seed",
        s.seed(), "device", s.device(), "precision", s.precision(), "threads", s.threads());
  }

  /**
   * Draws the losses, errors and times of the comparison into {@code figures/}, and lists them with each method's
   * solution figure.
   *
   * @param r the comparison
   * @param log receives a warning when the summary figures fail (they never cost the results)
   * @return the figures
   */
  public static List<Path> figures(Result r, BenchLog log) {
    String task = r.task().id();
    List<Path> files = new ArrayList<>();
    Path folder = r.folder().resolve("figures");
    List<Row> rows = r.rows();
    List<String> names = rows.stream().map(Row::method).toList();
    try {
      Map<String, List<HistoryRow>> histories = new LinkedHashMap<>();
      rows.stream().filter(row -> !row.task().training().history().isEmpty())
          .forEach(row -> histories.put(row.method(), row.task().training().history()));
      Path losses = folder.resolve("loss-on-new-task.png");
      Plots.histories(losses, "Kovasznay " + task + ": training loss on the new task", histories);
      files.add(losses);
      Path errors = folder.resolve("errors.png");
      Map<String, double[]> errorBars = new LinkedHashMap<>();
      errorBars.put("mse", rows.stream().mapToDouble(row -> row.task().errors().mse()).toArray());
      errorBars.put("relative L2", rows.stream().mapToDouble(row -> row.task().errors().relL2()).toArray());
      Plots.bars(errors, "Kovasznay " + task + ": error against the exact solution", "method", "error (log scale)",
          names, errorBars);
      files.add(errors);
      Path times = folder.resolve("time-to-solution.png");
      Map<String, double[]> timeBars = new LinkedHashMap<>();
      timeBars.put("time to new task", rows.stream().mapToDouble(row -> row.task().adaptSeconds()).toArray());
      Plots.bars(times, "Kovasznay " + task + ": time to the solution of the new task", "method", "seconds (log scale)",
          names, timeBars);
      files.add(times);
    } catch (RuntimeException e) { // figures never cost the results
      log.lines().accept("warning: summary figures not written: " + e.getMessage());
    }
    for (String m : List.of("pinn", "finetune", "lora", "hyper")) {
      Path f = r.folder().resolve(m).resolve("figures").resolve(m + "-" + r.task().fileName() + "-u.png");
      if (Files.exists(f)) {
        files.add(f);
      }
    }
    return files;
  }

  /**
   * Writes {@code demo.json}: the settings and one entry per method.
   *
   * @param r the comparison
   * @return the file
   */
  public static Path writeSummary(Result r) {
    Map<String, Object> doc = BenchRuns.map("pde", "kovasznay", "task", r.task().id(), "base_task", "Re=20",
        "base_epochs", r.settings().baseEpochs(), "base_seconds", r.baseSeconds(), "total_seconds", r.totalSeconds());
    List<Map<String, Object>> list = new ArrayList<>();
    for (Row row : r.rows()) {
      TaskResult t = row.task();
      list.add(BenchRuns.map("method", row.method(), "parameters", row.what(), "count", t.trainable(), "epochs",
          t.training().epochs(), "offline_s", row.run().prepareSeconds(), "mse", t.errors().mse(), "rel_l2",
          t.errors().relL2(), "time_to_solution_s", t.adaptSeconds(), "run", row.run().directory().toString()));
    }
    doc.put("methods", list);
    Path file = r.folder().resolve("demo.json");
    Json.write(file, doc);
    return file;
  }
}
