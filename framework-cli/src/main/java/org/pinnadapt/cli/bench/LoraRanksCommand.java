package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.cli.command.BenchCommand;
import org.pinnadapt.cli.command.Output;
import org.pinnadapt.cli.command.ProgressPrinter;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.core.experiment.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pinnadapt bench lora-ranks}: Table 1 of Majumdar et al. (2023): PINN from scratch, fine-tuned
 * PINN (F-PINN) and L-PINN of each rank on the test tasks, adapted from a base PINN trained on the
 * reference task; trainable parameters, MSE, time per epoch and epochs to convergence (the best
 * validation epoch under early stopping), beside the paper's numbers where the paper gives them.
 */
@Command(name = "lora-ranks", mixinStandardHelpOptions = true,
    description = "Table 1 of HyperLoRA: PINN, F-PINN and L-PINN per rank (params, MSE, s/epoch, epochs).")
public final class LoraRanksCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", required = true, paramLabel = "ID", description = "kovasznay, burgers2d, burgers1d, ...")
  String pde;

  @Option(names = "--ranks", defaultValue = "1,2,4,8,16,32,64", split = ",", description = "LoRA ranks (default: ${DEFAULT-VALUE})")
  List<Integer> ranks;

  @Option(names = "--scale", defaultValue = "quick", description = BenchSupport.SCALES)
  String scale;

  @Option(names = "--tasks", paramLabel = "N", description = "number of test tasks (default: 2 quick, 20 paper)")
  Integer tasks;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs (default runs/bench-lora-ranks-<pde>-<time>)")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the table as JSON")
  Path json;

  /** Creates the command (picocli). */
  public LoraRanksCommand() {}

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

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    boolean paper = BenchSupport.paper(scale);
    if (ranks.isEmpty() || ranks.stream().anyMatch(r -> r < 1)) {
      throw new InvalidInputException("--ranks needs positive integers");
    }
    int taskCount = tasks != null ? tasks : (paper ? 20 : BenchSupport.smoke(scale) ? 1 : 2);
    Path dir = out != null ? out : RunFiles.timestamped("bench-lora-ranks-" + pde);
    Files.createDirectories(dir);
    var g = bench.main().global();
    long t0 = System.nanoTime();
    List<Map<String, Object>> rows = new ArrayList<>();
    try (PinnAdapt pa = g.framework()) {
      Map<String, Object> common = common(pa, paper, taskCount);
      if (BenchSupport.smoke(scale)) {
        BenchSupport.shrink(common);
      }
      o.printf(Locale.ROOT, "bench lora-ranks: %s, scale %s, %d test tasks, runs in %s%n", pde, scale, taskCount, dir);
      // F-PINN first: it trains the shared base network.
      List<String> methods = new ArrayList<>(List.of("finetune", "pinn"));
      ranks.forEach(r -> methods.add("lora-" + r));
      Path base = dir.resolve("finetune").resolve("base").resolve("base.params");
      for (String method : methods) {
        rows.add(measure(pa, o, dir, common, base, method));
      }
    }
    printTable(o, rows);
    plots(o, dir, rows);
    o.printf(Locale.ROOT, "total %s%n", ProgressPrinter.duration((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("pde", pde);
      doc.put("scale", scale);
      doc.put("tasks", taskCount);
      doc.put("rows", rows);
      Output.writeJson(json, doc);
      o.println("wrote " + json);
    }
    return 0;
  }

  /** Trains and evaluates one method ({@code finetune}, {@code pinn} or {@code lora-R}); one table row. */
  private Map<String, Object> measure(PinnAdapt pa, PrintWriter o, Path dir, Map<String, Object> common, Path base,
      String method) {
    Map<String, Object> c = new LinkedHashMap<>(common);
    String strategy = method.startsWith("lora") ? "lora" : method;
    c.put("strategy", strategy);
    c.put("out", dir.resolve(method).toString());
    if (!method.equals("finetune")) {
      c.put("base", base.toString());
    }
    int rank = 0;
    if (strategy.equals("lora")) {
      rank = Integer.parseInt(method.substring(5));
      c.put("strategy-options", Map.of("rank", rank));
    }
    RunResult r = BenchSupport.run(pa, c, o, method);
    Map<String, Double> mean = r.mean();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("method", strategy.equals("lora") ? "L-PINN" : strategy.equals("pinn") ? "PINN" : "F-PINN");
    row.put("rank", strategy.equals("lora") ? rank : null);
    row.put("params", Math.round(mean.get("trainable_params")));
    row.put("mse", mean.get("mse"));
    row.put("rel_l2", mean.get("rel_l2"));
    row.put("sec_per_epoch", mean.get("sec_per_epoch"));
    row.put("epochs", r.tasks().stream().mapToDouble(t -> t.training().bestEpoch() + 1).average().orElse(Double.NaN));
    row.put("epochs_run", mean.get("epochs"));
    row.put("paper_params", paperParams(pde, strategy, rank));
    row.put("paper_mse", paperMse(pde).get(method));
    return row;
  }

  /** The table as figures: error against rank (PINN and F-PINN as levels) and time per epoch per method. */
  private void plots(PrintWriter o, Path dir, List<Map<String, Object>> rows) {
    List<Map<String, Object>> lora = rows.stream().filter(r -> r.get("rank") != null).toList();
    double[] rank = lora.stream().mapToDouble(r -> ((Number) r.get("rank")).doubleValue()).toArray();
    Map<String, double[][]> lines = new LinkedHashMap<>();
    lines.put("L-PINN mse", new double[][] {rank, lora.stream().mapToDouble(r -> (Double) r.get("mse")).toArray()});
    Map<String, Double> levels = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      if (r.get("rank") == null) {
        levels.put(r.get("method") + " mse", (Double) r.get("mse"));
      }
    }
    List<Double> paperMse = lora.stream().map(r -> (Double) r.get("paper_mse")).toList();
    if (paperMse.stream().allMatch(v -> v != null)) {
      lines.put("L-PINN mse (paper)", new double[][] {rank, paperMse.stream().mapToDouble(Double::doubleValue).toArray()});
    }
    Path errors = dir.resolve("error-vs-rank.png");
    Path times = dir.resolve("time-per-method.png");
    try {
      Plots.lines(errors, pde + ": test error against LoRA rank (scale " + scale + ")", "LoRA rank (log scale)",
          "mean squared error (log scale)", lines, levels, true);
      List<String> names = rows.stream().map(r -> r.get("method") + (r.get("rank") == null ? "" : " r" + r.get("rank")))
          .toList();
      Map<String, double[]> bars = new LinkedHashMap<>();
      bars.put("s/epoch", rows.stream().mapToDouble(r -> (Double) r.get("sec_per_epoch")).toArray());
      bars.put("s to best epoch", rows.stream()
          .mapToDouble(r -> (Double) r.get("sec_per_epoch") * (Double) r.get("epochs")).toArray());
      Plots.bars(times, pde + ": training time per method (scale " + scale + ")", "method", "seconds (log scale)", names, bars);
      o.println("figures " + errors + ", " + times);
    } catch (RuntimeException e) {
      o.println("warning: figures not written: " + e.getMessage());
    }
  }

  private Map<String, Object> common(PinnAdapt pa, boolean paper, int taskCount) {
    var counts = pa.registry().pde(pde, Map.of()).defaultPointCounts();
    Map<String, Object> c = BenchSupport.map("pde", pde, "tasks", "test", "max-tasks", taskCount,
        "checkpoint-every", 0, "figures", false);
    if (paper) {
      c.putAll(BenchSupport.map("epochs", 30_000, "base-epochs", 30_000, "lr", 1e-3, "lr-schedule", "step", "lr-constant-epochs", 10_000,
          "lr-decay", 0.1, "lr-decay-every", 5_000, "lr-min", 1e-7, "patience", 1_000, "validate-every", 10,
          "trainer", "adam+lbfgs", "lbfgs-iterations", 500));
    } else {
      // quick: the project's defaults (constant rate, then L-BFGS) with a smaller budget and fewer points
      c.putAll(BenchSupport.map("epochs", 1500, "base-epochs", 3000, "lr", 1e-3, "patience", 300, "validate-every", 10,
          "collocation", Math.min(counts.collocation(), 1000), "initial", Math.min(counts.initial(), 128),
          "boundary", Math.min(counts.boundary(), 160)));
    }
    return c;
  }

  private static void printTable(PrintWriter o, List<Map<String, Object>> rows) {
    String fmt = "%-8s %5s %8s %10s %10s %10s %8s | %11s %10s%n";
    o.printf(Locale.ROOT, "%n" + fmt, "method", "rank", "params", "mse", "rel_l2", "s/epoch", "epochs", "paper params",
        "paper mse");
    for (Map<String, Object> r : rows) {
      o.printf(Locale.ROOT, fmt, r.get("method"), r.get("rank") == null ? "" : r.get("rank"), r.get("params"),
          BenchSupport.sci((Double) r.get("mse")), BenchSupport.sci((Double) r.get("rel_l2")),
          String.format(Locale.ROOT, "%.4f", (Double) r.get("sec_per_epoch")),
          String.format(Locale.ROOT, "%.0f", (Double) r.get("epochs")),
          r.get("paper_params") == null ? "n/a" : r.get("paper_params"),
          r.get("paper_mse") == null ? "n/a" : BenchSupport.sci((Double) r.get("paper_mse")));
    }
    o.flush();
  }
}
