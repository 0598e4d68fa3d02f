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
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.cli.command.BenchCommand;
import org.pinnadapt.cli.command.Output;
import org.pinnadapt.cli.command.ProgressPrinter;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.RunFiles;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.experiment.TaskResult;
import org.pinnadapt.core.loss.ErrorReport;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.core.runtime.RuntimeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pinnadapt bench accuracy}: the classic PINN accuracy benchmarks, each under a wall-clock budget
 * and in float32 and float64, with the error against the exact solution recorded during training
 * (error-versus-time curves): Raissi's Burgers problem, Kovasznay flow at Re = 40 on the NSFnets domain,
 * convection (cdr) at beta = 30, and the matched Kovasznay LoRA transfer of issue 15 at equal epochs.
 * Every case runs through the same experiment path as {@code pinnadapt run}, with the project's defaults
 * for everything the case does not fix.
 */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
    description = "Classic accuracy benchmarks under a time budget, float32 and float64: error against the exact "
        + "solution, error-versus-time curves (table, JSON, PNG).")
public final class AccuracyCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--cases", defaultValue = "burgers,kovasznay,cdr,transfer", split = ",",
      description = "cases: burgers, kovasznay, cdr, transfer (default: ${DEFAULT-VALUE})")
  List<String> cases;

  @Option(names = "--precisions", defaultValue = "float32,float64", split = ",",
      description = "float32 and/or float64 (default: ${DEFAULT-VALUE})")
  List<String> precisions;

  @Option(names = "--time-limit", paramLabel = "S",
      description = "training budget per case in seconds (default: 600 paper, 120 quick, 5 smoke); the transfer "
          + "case runs its fixed epochs and reports its time")
  Double timeLimit;

  @Option(names = "--seeds", defaultValue = "1,2,3", split = ",",
      description = "seeds of the transfer case; its error is their median (default: ${DEFAULT-VALUE})")
  List<Long> seeds;

  @Option(names = "--scale", defaultValue = "paper", description = BenchSupport.SCALES)
  String scale;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs (default runs/bench-accuracy-<time>)")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the table and the curves as JSON")
  Path json;

  /** Creates the command (picocli). */
  public AccuracyCommand() {}

  /** One benchmark case: its run configuration, the error it reports and the published values. */
  record Case(String name, String title, Map<String, Object> config, String metric, String published) {}

  /** The cases by name, for a budget in seconds. */
  static Map<String, Case> cases(double budget) {
    Map<String, Case> m = new LinkedHashMap<>();
    m.put("burgers", new Case("burgers", "Raissi Burgers, nu = 0.01/pi, 20x8 tanh, Adam + L-BFGS",
        BenchSupport.map("pde", "burgers-raissi", "strategy", "pinn", "tasks", "nu=" + (0.01 / Math.PI),
            "architecture-options", Map.of("width", 20, "depth", 8), "trainer", "adam+lbfgs", "epochs", 2000,
            "lbfgs-iterations", 1_000_000, "time-limit", budget, "grid", "256x100[0:0.99]", "monitor-every", 50),
        "rel_l2", "Raissi et al. 2019: 6.7e-4 (9x20 network, L-BFGS)"));
    m.put("kovasznay", new Case("kovasznay", "Kovasznay Re = 40 on [-0.5,1]x[-0.5,1.5], 50x4 tanh, Adam + L-BFGS",
        BenchSupport.map("pde", "kovasznay", "pde-options", Map.of("domain", "nsfnets"), "strategy", "pinn",
            "tasks", "Re=40", "architecture-options", Map.of("width", 50, "depth", 4), "trainer", "adam+lbfgs",
            "epochs", 3000, "lbfgs-iterations", 1_000_000, "time-limit", budget, "monitor-every", 50),
        "rel_l2_u,rel_l2_v", "NSFnets (Jin et al. 2021): u 8.4e-4, v 4.25e-3"));
    m.put("cdr", new Case("cdr", "convection beta = 30, 50x4 tanh, Fourier features of x and t, Adam + L-BFGS",
        BenchSupport.map("pde", "cdr", "strategy", "pinn", "tasks", "beta=30,nu=0,rho=0",
            "architecture-options", Map.of("width", 50, "depth", 4, "periodic", true, "time-harmonics", 8),
            "trainer", "adam+lbfgs", "epochs", 1000, "lbfgs-iterations", 1_000_000, "time-limit", budget,
            "monitor-every", 50),
        "rel_l2", "LR-PINN (Cho et al. 2023) reports PINN failure at beta = 30 (rel L2 > 0.5)"));
    m.put("transfer", new Case("transfer", "matched Kovasznay LoRA transfer Re 20 -> 60, 2-64x5-3, equal epochs",
        BenchSupport.map("pde", "kovasznay", "strategy", "lora", "strategy-options", Map.of("rank", 4),
            "tasks", "Re=60", "epochs", 2000, "base-epochs", 1254,
            "architecture-options", Map.of("width", 64, "depth", 5), "collocation", 2601, "boundary", 320,
            "lr", 1e-3, "lr-schedule", "constant", "trainer", "adam", "grid", "51x51", "monitor-every", 50,
            "monitor-fields", "u,v",
            "monitor-metric", "mse"),
        "mse_uv", "plain PyTorch script, same setting: 1.3e-4 (issue 15), 6.0e-5 here (benchmarks/kovasznay_lora_transfer.py)"));
    return m;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    boolean paper = BenchSupport.paper(scale);
    boolean smoke = BenchSupport.smoke(scale);
    double budget = timeLimit != null ? timeLimit : paper ? 600 : smoke ? 5 : 120;
    if (!(budget > 0) || !Double.isFinite(budget)) {
      throw new InvalidInputException("--time-limit must be a positive number of seconds, got " + budget);
    }
    Map<String, Case> all = cases(budget);
    for (String c : cases) {
      if (!all.containsKey(c)) {
        throw new InvalidInputException("--cases: unknown case '" + c + "'; known: " + String.join(", ", all.keySet()));
      }
    }
    for (String p : precisions) {
      RuntimeSettings.parseDataType(p);
    }
    if (seeds.isEmpty()) {
      throw new InvalidInputException("--seeds needs at least one seed");
    }
    Path dir = out != null ? out : RunFiles.timestamped("bench-accuracy");
    Files.createDirectories(dir);
    var g = bench.main().global();
    o.printf(Locale.ROOT, "bench accuracy: cases %s, precisions %s, budget %s per training, runs in %s%n",
        String.join(",", cases), String.join(",", precisions), ProgressPrinter.duration(budget), dir);
    long t0 = System.nanoTime();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String precision : precisions) {
      try (PinnAdapt pa = PinnAdapt.builder().optPluginDirectory(g.pluginDirectory()).optDevice(g.device())
          .optDataType(RuntimeSettings.parseDataType(precision)).optThreads(g.threads()).build()) {
        for (String name : cases) {
          Case c = all.get(name);
          List<Long> caseSeeds = name.equals("transfer") ? seeds : List.of(seeds.get(0));
          List<Map<String, Object>> perSeed = new ArrayList<>();
          for (long seed : caseSeeds) {
            Map<String, Object> config = new LinkedHashMap<>(c.config());
            config.put("seed", seed);
            config.put("precision", precision);
            config.put("checkpoint-every", 0);
            config.put("figures", false);
            config.put("out", dir.resolve(name + "-" + precision + (caseSeeds.size() > 1 ? "-seed" + seed : "")).toString());
            if (smoke) {
              BenchSupport.shrink(config);
              config.put("lbfgs-iterations", 3);
              config.put("monitor-every", 1);
              config.put("grid", name.equals("burgers") ? "16x10[0:0.99]" : "11x11");
            }
            RunResult r = BenchSupport.run(pa, config, o, name + " " + precision + " seed " + seed);
            perSeed.add(row(c, precision, seed, r));
          }
          rows.add(median(c, precision, perSeed));
        }
      }
    }
    printTable(o, rows);
    plots(o, dir, rows);
    o.printf(Locale.ROOT, "total %s%n", ProgressPrinter.duration((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("scale", scale);
      doc.put("time_limit_s", budget);
      doc.put("threads", g.threads());
      doc.put("rows", rows);
      Output.writeJson(json, doc);
      o.println("wrote " + json);
    }
    return 0;
  }

  /** The measurements of one run: errors, budget use, and its error-versus-time curve. */
  private static Map<String, Object> row(Case c, String precision, long seed, RunResult r) {
    TaskResult t = r.tasks().get(0);
    ErrorReport e = t.errors();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", c.name());
    row.put("precision", precision);
    row.put("seed", seed);
    row.put("rel_l2", e.relL2());
    row.put("mse", e.mse());
    for (ErrorReport.FieldError f : e.fields()) {
      row.put("rel_l2_" + f.field(), f.relL2());
      row.put("mse_" + f.field(), f.mse());
    }
    if (c.name().equals("transfer")) {
      row.put("mse_uv", (e.fields().get(0).mse() + e.fields().get(1).mse()) / 2);
    }
    int adam = 0;
    int lbfgs = 0;
    for (HistoryRow h : t.training().history()) {
      if (h.phase().equals("lbfgs")) {
        lbfgs++;
      } else {
        adam++;
      }
    }
    row.put("adam_epochs", adam);
    row.put("lbfgs_iterations", lbfgs);
    row.put("offline_s", r.prepareSeconds());
    row.put("train_s", t.training().wallSeconds());
    row.put("stop", t.training().reason().name().toLowerCase(Locale.ROOT));
    double offset = c.name().equals("transfer") ? r.prepareSeconds() : 0;
    List<double[]> curve = new ArrayList<>();
    for (HistoryRow h : t.training().history()) {
      if (!Double.isNaN(h.error())) {
        curve.add(new double[] {offset + h.seconds(), h.error()});
      }
    }
    row.put("curve", curve);
    row.put("curve_metric", c.name().equals("transfer") ? "mse_uv" : "rel_l2");
    row.put("run", r.directory().toString());
    return row;
  }

  /** The row of the median seed by the case's metric (the only seed when there is one). */
  private static Map<String, Object> median(Case c, String precision, List<Map<String, Object>> perSeed) {
    String key = c.metric().split(",")[0];
    List<Map<String, Object>> sorted = new ArrayList<>(perSeed);
    sorted.sort((a, b) -> Double.compare((Double) a.get(key), (Double) b.get(key)));
    Map<String, Object> row = new LinkedHashMap<>(sorted.get(sorted.size() / 2));
    row.put("title", c.title());
    row.put("metric", c.metric());
    row.put("published", c.published());
    if (perSeed.size() > 1) {
      row.put("seeds", perSeed.stream().map(r -> r.get("seed")).toList());
      row.put(key + "_per_seed", perSeed.stream().map(r -> r.get(key)).toList());
    }
    return row;
  }

  private static void printTable(PrintWriter o, List<Map<String, Object>> rows) {
    String fmt = "%-10s %-8s %-22s %7s %9s %9s %-11s  %s%n";
    o.printf(Locale.ROOT, "%n" + fmt, "case", "type", "error", "adam", "lbfgs", "train s", "stop", "published");
    for (Map<String, Object> r : rows) {
      StringBuilder err = new StringBuilder();
      for (String k : ((String) r.get("metric")).split(",")) {
        err.append(err.length() == 0 ? "" : " ").append(k.replace("rel_l2_", "")).append(' ')
            .append(BenchSupport.sci((Double) r.get(k)));
      }
      o.printf(Locale.ROOT, fmt, r.get("case"), r.get("precision"), err, r.get("adam_epochs"), r.get("lbfgs_iterations"),
          String.format(Locale.ROOT, "%.0f", (Double) r.get("train_s") + (r.get("case").equals("transfer")
              ? (Double) r.get("offline_s") : 0)), r.get("stop"), r.get("published"));
      if (r.containsKey("seeds")) {
        o.printf(Locale.ROOT, "%-10s %-8s median of seeds %s: %s%n", "", "", r.get("seeds"),
            ((List<?>) r.get(((String) r.get("metric")) + "_per_seed")).stream()
                .map(v -> BenchSupport.sci((Double) v)).toList());
      }
    }
    o.println("error: relative L2 against the exact solution (kovasznay: per field; transfer: MSE of (u, v) on the "
        + "51x51 grid); train s: training seconds without the error measurements (transfer: base + LoRA)");
    o.flush();
  }

  @SuppressWarnings("unchecked")
  private static void plots(PrintWriter o, Path dir, List<Map<String, Object>> rows) {
    Map<String, Map<String, double[][]>> byCase = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      List<double[]> curve = (List<double[]>) r.get("curve");
      if (curve.isEmpty()) {
        continue;
      }
      double[][] xy = new double[2][curve.size()];
      for (int i = 0; i < curve.size(); i++) {
        xy[0][i] = Math.max(curve.get(i)[0], 1e-3);
        xy[1][i] = curve.get(i)[1];
      }
      byCase.computeIfAbsent((String) r.get("case"), k -> new LinkedHashMap<>()).put((String) r.get("precision"), xy);
    }
    for (Map.Entry<String, Map<String, double[][]>> e : byCase.entrySet()) {
      Path file = dir.resolve("error-vs-time-" + e.getKey() + ".png");
      try {
        String metric = e.getKey().equals("transfer") ? "MSE of (u, v)" : "relative L2 error";
        Plots.lines(file, e.getKey() + ": error against the exact solution during training", "training seconds (log scale)",
            metric + " (log scale)", e.getValue(), Map.of(), true);
        o.println("figure " + file);
      } catch (RuntimeException ex) {
        o.println("warning: figure not written: " + ex.getMessage());
      }
    }
  }
}
