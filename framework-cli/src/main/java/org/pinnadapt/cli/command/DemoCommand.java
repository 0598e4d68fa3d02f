package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.api.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.cli.Main;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.experiment.TaskResult;
import org.pinnadapt.core.report.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pinnadapt demo}: the whole pipeline on the Kovasznay flow in a few minutes. A base PINN is
 * trained at Re=20; a new Reynolds number that is not among the training tasks is then solved four
 * ways at the same epoch budget: a PINN from scratch, full fine-tuning of the base (F-PINN), a rank-4
 * LoRA update of the base (L-PINN), and a LoRA-HyperPINN trained physics-informed over the training
 * Reynolds numbers, which predicts the new solution in one forward pass. One comparison table, one
 * folder of runs, figures of every solution and of the losses.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Kovasznay: base PINN at Re=20, then an unseen Re solved by PINN, F-PINN, L-PINN (rank 4) "
        + "and a LoRA-HyperPINN; prints a comparison table and writes figures.")
public final class DemoCommand implements Callable<Integer> {

  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Option(names = "--re", defaultValue = "60", paramLabel = "RE",
      description = "the unseen Reynolds number, in [20, 100] (default: ${DEFAULT-VALUE})")
  double reynolds;

  @Option(names = "--rank", defaultValue = "4", description = "LoRA rank (default: ${DEFAULT-VALUE})")
  int rank;

  @Option(names = "--base-epochs", defaultValue = "3000", paramLabel = "N",
      description = "epochs of the base PINN at Re=20 (default: ${DEFAULT-VALUE})")
  int baseEpochs;

  @Option(names = "--epochs", defaultValue = "1500", paramLabel = "N",
      description = "epochs of PINN, F-PINN and L-PINN on the new Re (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--hyper-epochs", defaultValue = "2000", paramLabel = "N",
      description = "epochs of the HyperPINN (default: ${DEFAULT-VALUE})")
  int hyperEpochs;

  @Option(names = "--lbfgs-iterations", defaultValue = "500", paramLabel = "N",
      description = "L-BFGS iterations after the Adam epochs of every training (default: ${DEFAULT-VALUE}; 0: Adam only)")
  int lbfgsIterations;

  @Option(names = "--hyper-tasks", defaultValue = "20", paramLabel = "N",
      description = "training Reynolds numbers of the HyperPINN (default: ${DEFAULT-VALUE})")
  int hyperTasks;

  @Option(names = "--collocation", defaultValue = "1000", paramLabel = "N",
      description = "collocation points per task (default: ${DEFAULT-VALUE}; 2601 in the paper)")
  int collocation;

  @Option(names = "--hyper-collocation", defaultValue = "120", paramLabel = "N",
      description = "collocation points per training task of the HyperPINN (default: ${DEFAULT-VALUE})")
  int hyperCollocation;

  @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "folder of the demo (default runs/demo-<time>)")
  Path out;

  @Option(names = "--log-every", paramLabel = "N", defaultValue = "0",
      description = "print progress every N epochs instead of progress bars")
  int logEvery;

  @Option(names = {"-q", "--quiet"}, description = "print only the start and end of each training")
  boolean quiet;

  /** Creates the command (picocli). */
  public DemoCommand() {}

  /** One row of the comparison. */
  private record Row(String method, String what, RunResult run) {
    TaskResult task() {
      return run.tasks().get(0);
    }
  }

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    checkOptions();
    Path dir = out != null ? out : RunFiles.timestamped("demo");
    if (Files.exists(dir.resolve("demo.json"))) {
      throw new InvalidInputException("folder " + dir + " already holds a demo; choose another with --out");
    }
    Experiment.checkWritable(dir); // before any training
    var g = main.global();
    Consumer<String> info = msg -> {
      o.println(msg);
      o.flush();
    };
    TrainingListener progress = ProgressBars.forOutput(o, logEvery, quiet);
    long t0 = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    try (PinnAdapt pa = g.framework()) {
      Pde pde = pa.registry().pde("kovasznay", Map.of());
      Task newTask = pde.task(Map.of("Re", reynolds));
      String task = newTask.id();
      List<String> train = pde.taskSplit(seed).train().stream().map(Task::id).toList();
      if (train.contains(task)) {
        info.accept("warning: " + task + " is one of the training tasks; the HyperPINN will not be tested on an "
            + "unseen task");
      }
      o.printf(Locale.ROOT, "pinnadapt demo: Kovasznay flow, base PINN at Re=20, new task %s; folder %s%n%n", task, dir);
      Map<String, Object> common = common(dir, task);

      // 1. base network at Re=20 and the rank-r LoRA update to the new Re (one run: the base is its offline phase).
      info.accept("[1/4] base PINN at Re=20 (" + baseEpochs + " epochs), then L-PINN rank " + rank + " on " + task);
      RunResult loraRun = run(pa, loraConfig(common, dir), progress, info);
      rows.add(new Row("L-PINN (rank " + rank + ")", "LoRA factors trained", loraRun));
      String base = dir.resolve("lora").resolve("base").resolve("base.params").toString();
      // 2. full fine-tuning of the same base, 3. a PINN from scratch, both at the same budget.
      info.accept("[2/4] F-PINN: every weight of the base fine-tuned on " + task);
      rows.add(new Row("F-PINN", "all weights trained", run(pa, finetuneConfig(common, dir, base), progress, info)));
      info.accept("[3/4] PINN from scratch on " + task);
      rows.add(0, new Row("PINN", "all weights trained", run(pa, pinnConfig(common, dir), progress, info)));
      // 4. LoRA-HyperPINN over the training Reynolds numbers, then one forward pass for the new Re.
      info.accept("[4/4] LoRA-HyperPINN trained physics-informed on " + hyperTasks + " training Reynolds numbers, "
          + "then one forward pass for " + task);
      rows.add(new Row("HyperPINN (rank " + rank + ")", "LoRA factors predicted",
          run(pa, hyperConfig(common, dir, base), progress, info)));

      double total = (System.nanoTime() - t0) / 1e9;
      print(o, task, rows, loraRun);
      List<Path> figures = figures(dir, newTask, rows, info);
      writeSummary(dir, task, rows, loraRun, total);
      o.printf(Locale.ROOT, "%nfigures (reference | prediction | abs error per field, loss histories):%n");
      for (Path f : figures) {
        o.println("  " + f);
      }
      o.printf(Locale.ROOT, "summary %s; total %s%n", dir.resolve("demo.json"), ProgressPrinter.duration(total));
      o.flush();
    }
    return 0;
  }

  private static RunResult run(PinnAdapt pa, Map<String, Object> config, TrainingListener progress,
      Consumer<String> info) {
    return Experiment.run(pa, ExperimentConfig.fromMap(config, "demo"), false, progress, info, null);
  }

  private Map<String, Object> loraConfig(Map<String, Object> common, Path dir) {
    Map<String, Object> lora = new LinkedHashMap<>(common);
    lora.put("strategy", "lora");
    lora.put("strategy-options", Map.of("rank", rank));
    lora.put("base-epochs", baseEpochs);
    lora.put("out", dir.resolve("lora").toString());
    return lora;
  }

  private static Map<String, Object> finetuneConfig(Map<String, Object> common, Path dir, String base) {
    Map<String, Object> finetune = new LinkedHashMap<>(common);
    finetune.put("strategy", "finetune");
    finetune.put("base", base);
    finetune.put("out", dir.resolve("finetune").toString());
    return finetune;
  }

  private static Map<String, Object> pinnConfig(Map<String, Object> common, Path dir) {
    Map<String, Object> pinn = new LinkedHashMap<>(common);
    pinn.put("strategy", "pinn");
    pinn.put("out", dir.resolve("pinn").toString());
    return pinn;
  }

  private Map<String, Object> hyperConfig(Map<String, Object> common, Path dir, String base) {
    Map<String, Object> hyper = new LinkedHashMap<>(common);
    hyper.put("strategy", "hyper");
    hyper.put("base", base);
    hyper.put("epochs", hyperEpochs);
    hyper.put("collocation", hyperCollocation);
    hyper.put("strategy-options", Map.of("loss", "physics", "predict", "lora", "rank", rank,
        "train-tasks", hyperTasks, "hidden", "256,256,128,128"));
    hyper.put("out", dir.resolve("hyper").toString());
    return hyper;
  }

  private void checkOptions() {
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

  /** The settings every run of the demo shares: same task, points, schedule and seed. */
  private Map<String, Object> common(Path dir, String task) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("pde", "kovasznay");
    c.put("tasks", task);
    c.put("epochs", epochs);
    c.put("collocation", collocation);
    c.put("lr", 1e-3); // constant, then L-BFGS: the defaults (docs/decisions/0014)
    c.put("lbfgs-iterations", lbfgsIterations);
    c.put("validate-every", 20);
    c.put("checkpoint-every", 0);
    c.put("seed", seed);
    var g = main.global();
    c.put("device", g.device());
    c.put("precision", g.precision());
    c.put("threads", g.threads());
    return c;
  }

  private void print(PrintWriter o, String task, List<Row> rows, RunResult lora) {
    o.printf(Locale.ROOT, "%nKovasznay flow, new task %s (base network: Re=20, %d epochs, %s, offline)%n", task,
        baseEpochs, ProgressPrinter.duration(lora.prepareSeconds()));
    String fmt = "%-20s %-24s %8s %7s %10s %10s %9s %16s%n";
    o.printf(Locale.ROOT, fmt, "method", "parameters", "count", "epochs", "offline", "mse", "rel_l2",
        "time to new Re");
    for (Row r : rows) {
      TaskResult t = r.task();
      boolean hyper = r.method().startsWith("HyperPINN");
      o.printf(Locale.ROOT, fmt, r.method(), r.what(), t.trainable(),
          hyper ? r.run().prepareSeconds() > 0 ? String.valueOf(hyperEpochs) : "-" : String.valueOf(t.training().epochs()),
          hyper ? ProgressPrinter.duration(r.run().prepareSeconds())
              : r.method().equals("PINN") ? "-" : "base",
          String.format(Locale.ROOT, "%.3e", t.errors().mse()), String.format(Locale.ROOT, "%.2e", t.errors().relL2()),
          timeToSolution(t.adaptSeconds()));
    }
    o.println("mse: mean squared error of (u, v, p) against the exact solution on the 101x101 grid (p up to a "
        + "constant); rel_l2: relative L2 error; count: trainable parameters (HyperPINN: predicted per task).");
    o.flush();
  }

  private static String timeToSolution(double seconds) {
    return seconds < 1 ? String.format(Locale.ROOT, "%.1f ms", seconds * 1000) : ProgressPrinter.duration(seconds);
  }

  private List<Path> figures(Path dir, Task newTask, List<Row> rows, Consumer<String> info) {
    String task = newTask.id();
    List<Path> files = new ArrayList<>();
    Path folder = dir.resolve("figures");
    List<String> names = rows.stream().map(Row::method).toList();
    try {
      Map<String, List<HistoryRow>> histories = new LinkedHashMap<>();
      for (Row r : rows) {
        if (!r.task().training().history().isEmpty()) {
          histories.put(r.method(), r.task().training().history());
        }
      }
      Path losses = folder.resolve("loss-on-new-task.png");
      Plots.histories(losses, "Kovasznay " + task + ": training loss on the new task", histories);
      files.add(losses);
      Path errors = folder.resolve("errors.png");
      Plots.bars(errors, "Kovasznay " + task + ": error against the exact solution", "method", "error (log scale)", names,
          ordered("mse", rows.stream().mapToDouble(r -> r.task().errors().mse()).toArray(),
              "relative L2", rows.stream().mapToDouble(r -> r.task().errors().relL2()).toArray()));
      files.add(errors);
      Path times = folder.resolve("time-to-solution.png");
      Plots.bars(times, "Kovasznay " + task + ": time to the solution of the new task", "method", "seconds (log scale)", names,
          ordered("time to new task", rows.stream().mapToDouble(r -> r.task().adaptSeconds()).toArray()));
      files.add(times);
    } catch (RuntimeException e) { // figures never cost the results
      info.accept("warning: summary figures not written: " + e.getMessage());
    }
    for (String m : List.of("pinn", "finetune", "lora", "hyper")) {
      Path f = dir.resolve(m).resolve("figures").resolve(m + "-" + newTask.fileName() + "-u.png");
      if (Files.exists(f)) {
        files.add(f);
      }
    }
    return files;
  }

  private static Map<String, double[]> ordered(Object... kv) {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (double[]) kv[i + 1]);
    }
    return m;
  }

  private void writeSummary(Path dir, String task, List<Row> rows, RunResult lora, double total) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("pde", "kovasznay");
    doc.put("task", task);
    doc.put("base_task", "Re=20");
    doc.put("base_epochs", baseEpochs);
    doc.put("base_seconds", lora.prepareSeconds());
    doc.put("total_seconds", total);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", r.method());
      m.put("parameters", r.what());
      m.put("count", r.task().trainable());
      m.put("epochs", r.task().training().epochs());
      m.put("offline_s", r.run().prepareSeconds());
      m.put("mse", r.task().errors().mse());
      m.put("rel_l2", r.task().errors().relL2());
      m.put("time_to_solution_s", r.task().adaptSeconds());
      m.put("run", r.run().directory().toString());
      list.add(m);
    }
    doc.put("methods", list);
    Output.writeJson(dir.resolve("demo.json"), doc);
  }
}
