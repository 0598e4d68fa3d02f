package org.pinnadapt.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.cli.command.BenchCommand;
import org.pinnadapt.cli.command.Output;
import org.pinnadapt.cli.command.ProgressPrinter;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.core.experiment.Evaluation;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.loss.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pinnadapt bench hyper}: Tables 2 and 3 of Majumdar et al. (2023). Table 2: hypernetworks
 * trained on reference data (B1), on per-task L-PINN weights (B2), on per-task L-PINN predictions (B3)
 * and physics-informed (HyperPINN), predicting LoRA factors of each rank or all weights (*): predicted
 * parameters, train and test MSE, and the time to a solution of an unseen task on 10,000 points.
 * Table 3: time to a solution of a new task for PINN, F-PINN, L-PINN and HyperPINN.
 */
@Command(name = "hyper", mixinStandardHelpOptions = true,
    description = "Tables 2-3 of HyperLoRA: B1, B2, B3, HyperPINN (LoRA ranks and full weights) and time to a new task.")
public final class HyperCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", required = true, paramLabel = "ID", description = "kovasznay, burgers2d, burgers1d, ...")
  String pde;

  @Option(names = "--ranks", defaultValue = "4", split = ",", description = "LoRA ranks (default: ${DEFAULT-VALUE})")
  List<Integer> ranks;

  @Option(names = "--methods", defaultValue = "B1,B2,B3,HyperPINN", split = ",",
      description = "any of B1, B2, B3, HyperPINN (default: ${DEFAULT-VALUE})")
  List<String> methods;

  // not a picocli negatable option: with a true default, picocli makes --no-full mean true
  @Option(names = "--no-full", description = "skip the full-weight variants (*)")
  boolean noFull;

  @Option(names = "--scale", defaultValue = "quick", description = BenchSupport.SCALES)
  String scale;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the tables as JSON")
  Path json;

  /** Creates the command (picocli). */
  public HyperCommand() {}

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

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    boolean paper = BenchSupport.paper(scale);
    methods.forEach(HyperCommand::loss);
    Path dir = out != null ? out : RunFiles.timestamped("bench-hyper-" + pde);
    Files.createDirectories(dir);
    var g = bench.main().global();
    long t0 = System.nanoTime();
    List<Map<String, Object>> table2 = new ArrayList<>();
    List<Map<String, Object>> table3 = new ArrayList<>();
    try (PinnAdapt pa = g.framework()) {
      Map<String, Object> common = common(pa, paper);
      if (BenchSupport.smoke(scale)) {
        BenchSupport.shrink(common);
      }
      o.printf(Locale.ROOT, "bench hyper: %s, scale %s, runs in %s%n", pde, scale, dir);
      Map<String, double[][]> references = new HashMap<>();
      // L-PINN rank 4 on the test tasks: the baseline of the ratios, and Table 3's L-PINN time.
      Map<String, Object> lora = new LinkedHashMap<>(common);
      lora.put("strategy", "lora");
      lora.put("strategy-options", Map.of("rank", 4));
      double loraTest;
      double loraSeconds;
      try (ExperimentSetup s = setup(pa, lora, dir, o)) {
        s.strategy().prepare(s.context());
        List<Task> test = s.split().test().subList(0, testTasks(paper, s, scale));
        long ts = System.nanoTime();
        loraTest = meanMse(s, test, references, null);
        loraSeconds = (System.nanoTime() - ts) / 1e9 / test.size();
        o.printf(Locale.ROOT, "L-PINN r=4: test mse %.3e, %.1f s per task%n", loraTest, loraSeconds);
      }
      List<Variant> variants = new ArrayList<>();
      for (String m : methods) {
        ranks.forEach(r -> variants.add(new Variant(m, r, false)));
        if (!noFull) {
          variants.add(new Variant(m, 4, true));
        }
      }
      double hyperPinnMs = Double.NaN;
      for (Variant v : variants) {
        Map<String, Object> row = variantRow(pa, common, v, paper, dir, references, loraTest, o);
        table2.add(row);
        if (v.method().equals("HyperPINN") && !v.full() && v.rank() == 4) {
          hyperPinnMs = (Double) row.get("infer_ms");
        }
      }
      table3.addAll(trainingTimes(pa, common, dir, o));
      table3.add(row3("L-PINN", loraSeconds, 600.0));
      table3.add(row3("HyperPINN", hyperPinnMs / 1000, 1.1));
    }
    print(o, table2, table3);
    plots(o, dir, table2, table3);
    o.printf(Locale.ROOT, "total %s%n", ProgressPrinter.duration((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("pde", pde);
      doc.put("scale", scale);
      doc.put("rows", table2);
      doc.put("time_to_solution", table3);
      Output.writeJson(json, doc);
      o.println("wrote " + json);
    }
    return 0;
  }

  /** One row of Table 2: a hypernetwork method, its rank or full-weight prediction. */
  private record Variant(String method, int rank, boolean full) {
    String label() {
      return method + (full ? "*" : " r=" + rank);
    }
  }

  /** Trains one hypernetwork variant and measures its errors and its time to a new task. */
  private Map<String, Object> variantRow(PinnAdapt pa, Map<String, Object> common, Variant v, boolean paper, Path dir,
      Map<String, double[][]> references, double loraTest, PrintWriter o) {
    Map<String, Object> c = new LinkedHashMap<>(common);
    c.put("strategy", "hyper");
    Map<String, Object> opts = new LinkedHashMap<>(hyperOptions(paper));
    if (BenchSupport.smoke(scale)) {
      opts.putAll(BenchSupport.map("data-points", 16, "train-tasks", 2, "hidden", "8,8"));
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
    try (ExperimentSetup s = setup(pa, c, dir, o)) {
      long ts = System.nanoTime();
      s.strategy().prepare(s.context());
      double trainSeconds = (System.nanoTime() - ts) / 1e9;
      List<Task> trainTasks = s.split().train().subList(0, trainTasks(paper, s, scale));
      List<Task> test = s.split().test().subList(0, testTasks(paper, s, scale));
      double trainMse = meanMse(s, trainTasks, references, null);
      List<Double> infer = new ArrayList<>();
      double testMse = meanMse(s, test, references, infer);
      double[] ms = infer.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = ms.length == 0 ? Double.NaN : ms[ms.length / 2];
      long predicted = ((org.pinnadapt.strategy.hyper.HyperStrategy) s.strategy()).predictedParameters(s.context());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("method", v.method() + (v.full() ? "*" : ""));
      row.put("rank", v.full() ? null : v.rank());
      row.put("predicted_params", predicted);
      row.put("train_mse", trainMse);
      row.put("test_mse", testMse);
      row.put("infer_ms", median);
      row.put("train_s", trainSeconds);
      row.put("test_vs_lpinn", testMse / loraTest);
      row.put("paper_test_vs_lpinn", v.full() || v.rank() != 4 ? null : paperRatio(pde, v.method()));
      o.printf(Locale.ROOT, "%s: predicted %d, train mse %.3e, test mse %.3e, %.1f ms to a new task, trained in %s%n",
          v.label(), predicted, trainMse, testMse, median, ProgressPrinter.duration(trainSeconds));
      o.flush();
      return row;
    }
  }

  /** Table 3's training rows: a PINN and an F-PINN trained on the first test task, wall time. */
  private List<Map<String, Object>> trainingTimes(PinnAdapt pa, Map<String, Object> common, Path dir, PrintWriter o) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String strategy : List.of("pinn", "finetune")) {
      Map<String, Object> c = new LinkedHashMap<>(common);
      c.put("strategy", strategy);
      try (ExperimentSetup s = setup(pa, c, dir, o)) {
        s.strategy().prepare(s.context());
        Task t = s.split().test().get(0);
        long ts = System.nanoTime();
        try (Solution sol = s.strategy().adapt(t, s.context())) {
          double sec = (System.nanoTime() - ts) / 1e9;
          rows.add(row3(strategy.equals("pinn") ? "PINN" : "F-PINN", sec, strategy.equals("pinn") ? 8400.0 : 7000.0));
        }
      }
    }
    return rows;
  }

  private void plots(PrintWriter o, Path dir, List<Map<String, Object>> t2, List<Map<String, Object>> t3) {
    Path errors = dir.resolve("hyper-errors.png");
    Path times = dir.resolve("time-to-solution.png");
    try {
      List<String> names = t2.stream().map(r -> r.get("method") + (r.get("rank") == null ? "" : " r" + r.get("rank")))
          .toList();
      Map<String, double[]> bars = new LinkedHashMap<>();
      bars.put("train mse", t2.stream().mapToDouble(r -> (Double) r.get("train_mse")).toArray());
      bars.put("test mse", t2.stream().mapToDouble(r -> (Double) r.get("test_mse")).toArray());
      Plots.bars(errors, pde + ": hypernetwork errors (scale " + scale + ")", "method", "mean squared error (log scale)", names,
          bars);
      Plots.bars(times, pde + ": time to the solution of a new task", "method", "seconds (log scale)",
          t3.stream().map(r -> (String) r.get("method")).toList(),
          new LinkedHashMap<>(Map.of("this machine", t3.stream().mapToDouble(r -> (Double) r.get("seconds")).toArray())));
      // the paper's seconds are drawn beside ours only in the JSON and the table: different PDE and hardware
      o.println("figures " + errors + ", " + times);
    } catch (RuntimeException e) {
      o.println("warning: figures not written: " + e.getMessage());
    }
  }

  private static Map<String, Object> row3(String method, double seconds, double paperSeconds) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("method", method);
    r.put("seconds", seconds);
    r.put("paper_seconds_1d_burgers", paperSeconds);
    return r;
  }

  private static int trainTasks(boolean paper, ExperimentSetup s, String scale) {
    return paper ? s.split().train().size() : Math.min(BenchSupport.smoke(scale) ? 2 : 6, s.split().train().size());
  }

  private static int testTasks(boolean paper, ExperimentSetup s, String scale) {
    return paper ? s.split().test().size() : Math.min(BenchSupport.smoke(scale) ? 1 : 5, s.split().test().size());
  }

  private ExperimentSetup setup(PinnAdapt pa, Map<String, Object> c, Path dir, PrintWriter o) {
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(c, "bench hyper"), dir, BenchSupport.listener(o),
        m -> { });
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

  private Map<String, Object> common(PinnAdapt pa, boolean paper) {
    var counts = pa.registry().pde(pde, Map.of()).defaultPointCounts();
    Map<String, Object> c = BenchSupport.map("pde", pde, "tasks", "test", "checkpoint-every", 0, "figures", false);
    if (paper) {
      c.putAll(BenchSupport.map("epochs", 15_000, "base-epochs", 30_000, "lr", 1e-3, "lr-schedule", "step", "lr-constant-epochs", 5_000,
          "lr-decay", 0.1, "lr-decay-every", 3_000, "lr-min", 1e-7, "patience", 1_000, "validate-every", 10,
          "trainer", "adam"));
    } else {
      // quick: the project's defaults (constant rate, then L-BFGS) with a smaller budget and fewer points
      c.putAll(BenchSupport.map("epochs", 1000, "base-epochs", 2500, "lr", 1e-3, "validate-every", 20,
          "collocation", Math.min(counts.collocation(), 300), "initial", Math.min(counts.initial(), 64),
          "boundary", Math.min(counts.boundary(), 80)));
    }
    return c;
  }

  private static Map<String, Object> hyperOptions(boolean paper) {
    return paper ? BenchSupport.map("data-points", 1000)
        : BenchSupport.map("data-points", 300, "train-tasks", 6, "hidden", "256,256,128,128");
  }

  private static void print(PrintWriter o, List<Map<String, Object>> t2, List<Map<String, Object>> t3) {
    String fmt = "%-10s %5s %10s %10s %10s %10s %10s | %s%n";
    o.printf(Locale.ROOT, "%nTable 2%n" + fmt, "method", "rank", "predicted", "train mse", "test mse", "ms/task",
        "vs L-PINN", "paper vs L-PINN");
    for (Map<String, Object> r : t2) {
      o.printf(Locale.ROOT, fmt, r.get("method"), r.get("rank") == null ? "*" : r.get("rank"), r.get("predicted_params"),
          BenchSupport.sci((Double) r.get("train_mse")), BenchSupport.sci((Double) r.get("test_mse")),
          String.format(Locale.ROOT, "%.1f", (Double) r.get("infer_ms")),
          String.format(Locale.ROOT, "%.2fx", (Double) r.get("test_vs_lpinn")),
          r.get("paper_test_vs_lpinn") == null ? "n/a" : r.get("paper_test_vs_lpinn") + "x");
    }
    o.printf(Locale.ROOT, "%nTable 3: time to a solution of a new task%n%-10s %12s %22s%n", "method", "seconds",
        "paper (1D Burgers, P100)");
    for (Map<String, Object> r : t3) {
      o.printf(Locale.ROOT, "%-10s %12.4f %22.1f%n", r.get("method"), (Double) r.get("seconds"),
          (Double) r.get("paper_seconds_1d_burgers"));
    }
    o.flush();
  }
}
