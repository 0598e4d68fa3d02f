package org.pinnadapt.cli.bench;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.cli.command.BenchCommand;
import org.pinnadapt.cli.command.Output;
import org.pinnadapt.cli.command.ProgressPrinter;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.Evaluation;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.strategy.colora.ColoraStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pinnadapt bench colora}: CoLoRA-D and CoLoRA-EQ on test parameters: relative L2 error over the
 * evaluation grid and over time, online and offline parameter counts, and the time to a prediction on
 * the grid against the time of the PDE plug-in's reference solver on the same grid.
 */
@Command(name = "colora", mixinStandardHelpOptions = true, sortOptions = false,
    description = "CoLoRA-D and CoLoRA-EQ: relative error over time, parameters, prediction vs reference-solver time.")
public final class ColoraCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", required = true, paramLabel = "ID", description = "burgers2d, cdr, burgers1d, ...")
  String pde;

  @Option(names = "--methods", defaultValue = "d,eq", split = ",", description = "d, eq (default: ${DEFAULT-VALUE})")
  List<String> methods;

  @Option(names = "--scale", defaultValue = "quick", description = BenchSupport.SCALES)
  String scale;

  @Option(names = "--tasks", paramLabel = "SPEC", description = "test parameters (default: the split's test tasks)")
  String tasks;

  @Option(names = "--strategy-opt", paramLabel = "K=V", description = "further colora options, e.g. rank=4")
  Map<String, String> strategyOptions;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the rows as JSON")
  Path json;

  /** Creates the command (picocli). */
  public ColoraCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    boolean paper = BenchSupport.paper(scale);
    for (String m : methods) {
      if (!m.equals("d") && !m.equals("eq")) {
        throw new InvalidInputException("unknown method '" + m + "'; use d or eq");
      }
    }
    Path dir = out != null ? out : RunFiles.timestamped("bench-colora-" + pde);
    Files.createDirectories(dir);
    var g = bench.main().global();
    long t0 = System.nanoTime();
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> top = new LinkedHashMap<>();
    try (PinnAdapt pa = g.framework()) {
      o.printf(Locale.ROOT, "bench colora: %s, scale %s, runs in %s%n", pde, scale, dir);
      Map<String, ExperimentSetup> setups = new LinkedHashMap<>();
      try {
        for (String m : methods) {
          setups.put(m, setup(pa, dir, m, paper, o));
        }
        ExperimentSetup first = setups.values().iterator().next();
        ColoraStrategy cs = (ColoraStrategy) first.strategy();
        long tp = System.nanoTime();
        cs.prepare(first.context());
        top.put("offline_seconds", (System.nanoTime() - tp) / 1e9);
        top.put("online_params", cs.model().onlineCount());
        top.put("offline_params", cs.model().offlineCount());
        for (ExperimentSetup s : setups.values()) {
          s.strategy().prepare(s.context()); // loads the offline network from the run folder
        }
        List<Task> test = first.tasks();
        if (tasks == null) {
          test = test.subList(0, Math.min(paper ? test.size() : BenchSupport.smoke(scale) ? 1 : 3, test.size()));
        }
        PointSet grid = first.grid().points();
        for (Task task : test) {
          long tr = System.nanoTime();
          double[][] ref = first.pde().reference(task).evaluate(grid);
          double referenceMs = (System.nanoTime() - tr) / 1e6;
          for (Map.Entry<String, ExperimentSetup> e : setups.entrySet()) {
            Map<String, Object> row = evaluate(e.getKey(), e.getValue(), first, cs, task, grid, ref);
            row.put("reference_ms", referenceMs);
            rows.add(row);
            o.printf(Locale.ROOT, "colora-%s %s: rel L2 %.3e, %.1f ms (reference %.1f ms)%n", e.getKey(), task.id(),
                (Double) row.get("rel_l2"), (Double) row.get("predict_ms"), referenceMs);
            o.flush();
          }
        }
      } finally {
        for (ExperimentSetup s : setups.values()) {
          s.close();
        }
      }
    }
    print(o, rows, top);
    plot(o, dir, rows);
    o.printf(Locale.ROOT, "total %s%n", ProgressPrinter.duration((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("pde", pde);
      doc.put("scale", scale);
      doc.putAll(top);
      doc.put("rows", rows);
      Output.writeJson(json, doc);
      o.println("wrote " + json);
    }
    return 0;
  }

  /** One method on one task: the prediction on the grid, its error overall and over time, its time. */
  private static Map<String, Object> evaluate(String method, ExperimentSetup s, ExperimentSetup first,
      ColoraStrategy cs, Task task, PointSet grid, double[][] ref) {
    var ctx = s.context();
    try (NDManager m = ctx.manager().newSubManager()) {
      long ts = System.nanoTime();
      double[][] pred;
      TrainingResult training;
      try (Solution sol = s.strategy().adapt(task, ctx)) {
        pred = Evaluation.predict(sol, grid, m, ctx.dataType()).values();
        training = sol.training();
      }
      double ms = (System.nanoTime() - ts) / 1e6;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("method", "colora-" + method);
      row.put("task", task.id());
      row.put("rel_l2", relL2(pred, ref));
      row.put("rel_l2_over_time", overTime(first, grid, pred, ref));
      row.put("online_params", cs.model().onlineCount());
      row.put("offline_params", cs.model().offlineCount());
      row.put("predict_ms", ms);
      if (method.equals("eq")) {
        row.put("eq_steps", training.epochs());
      }
      return row;
    }
  }

  private ExperimentSetup setup(PinnAdapt pa, Path dir, String method, boolean paper, PrintWriter o) {
    Map<String, Object> c = BenchSupport.map("pde", pde, "strategy", "colora", "tasks", tasks != null ? tasks : "test",
        "checkpoint-every", 0, "figures", false, "out", dir.toString(), "validate-every", 50);
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("method", method);
    if (paper) {
      opts.put("offline-epochs", 100_000);
      opts.put("snapshot-times", 51);
    } else {
      opts.put("offline-epochs", 3000);
      opts.put("train-tasks", 8);
      opts.put("snapshot-times", 11);
      opts.put("space-points", pa.registry().pde(pde, Map.of()).domain().space().size() == 1 ? 128 : 20);
    }
    if (BenchSupport.smoke(scale)) {
      opts.putAll(BenchSupport.map("offline-epochs", 3, "train-tasks", 2, "snapshot-times", 3, "space-points", 8,
          "eq-steps", 4));
    }
    if (strategyOptions != null) {
      opts.putAll(strategyOptions);
    }
    c.put("strategy-options", opts);
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(c, "bench colora"), dir, BenchSupport.listener(o), msg -> {
      o.println(msg);
      o.flush();
    });
  }

  private static double relL2(double[][] pred, double[][] ref) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < pred.length; i++) {
      for (int f = 0; f < pred[i].length; f++) {
        num += (pred[i][f] - ref[i][f]) * (pred[i][f] - ref[i][f]);
        den += ref[i][f] * ref[i][f];
      }
    }
    return Math.sqrt(num / Math.max(den, 1e-300));
  }

  /** Relative L2 error per time of the grid: {@code [[t, error], ...]}. */
  private static List<double[]> overTime(ExperimentSetup s, PointSet grid, double[][] pred, double[][] ref) {
    var d = s.pde().domain();
    int ti = d.index(d.time().orElseThrow().name());
    TreeMap<Double, double[]> acc = new TreeMap<>();
    for (int i = 0; i < pred.length; i++) {
      double[] a = acc.computeIfAbsent(grid.get(i, ti), k -> new double[2]);
      for (int f = 0; f < pred[i].length; f++) {
        a[0] += (pred[i][f] - ref[i][f]) * (pred[i][f] - ref[i][f]);
        a[1] += ref[i][f] * ref[i][f];
      }
    }
    List<double[]> out = new ArrayList<>();
    acc.forEach((t, a) -> out.add(new double[] {t, Math.sqrt(a[0] / Math.max(a[1], 1e-300))}));
    return out;
  }

  private static void print(PrintWriter o, List<Map<String, Object>> rows, Map<String, Object> top) {
    String fmt = "%-10s %-26s %10s %8s %9s %11s %13s %9s%n";
    o.printf(Locale.ROOT, "%n" + fmt, "method", "task", "rel_l2", "online", "offline", "predict ms", "reference ms",
        "speed-up");
    for (Map<String, Object> r : rows) {
      double p = (Double) r.get("predict_ms");
      double ref = (Double) r.get("reference_ms");
      o.printf(Locale.ROOT, fmt, r.get("method"), r.get("task"), BenchSupport.sci((Double) r.get("rel_l2")),
          r.get("online_params"), r.get("offline_params"), String.format(Locale.ROOT, "%.1f", p),
          String.format(Locale.ROOT, "%.1f", ref), String.format(Locale.ROOT, "%.2fx", ref / p));
    }
    o.printf(Locale.ROOT, "offline phase %s; paper (CoLoRA README): 2D Burgers 4.96e-4 relative error, 5,451 "
        + "parameters%n", ProgressPrinter.duration((Double) top.get("offline_seconds")));
    o.flush();
  }

  private void plot(PrintWriter o, Path dir, List<Map<String, Object>> rows) {
    Path file = dir.resolve("colora-error-over-time.png");
    try {
      Map<String, double[][]> lines = new LinkedHashMap<>();
      for (Map<String, Object> r : rows) {
        @SuppressWarnings("unchecked")
        List<double[]> series = (List<double[]>) r.get("rel_l2_over_time");
        double[][] xy = new double[2][series.size()];
        for (int i = 0; i < series.size(); i++) {
          xy[0][i] = series.get(i)[0];
          xy[1][i] = Math.max(series.get(i)[1], 1e-12);
        }
        lines.put(r.get("method") + " " + r.get("task"), xy);
      }
      Plots.lines(file, pde + ": relative L2 error over time (scale " + scale + ")", "t",
          "relative L2 error (log scale)", lines, Map.of(), false);
      o.println("figure " + file);
    } catch (RuntimeException e) {
      o.println("warning: figure not written: " + e.getMessage());
    }
  }
}
