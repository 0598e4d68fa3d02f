package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.bench.AccuracyBench;
import org.pinnadapt.bench.Scale;
import org.pinnadapt.cli.command.RunnerOptions;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.runtime.RuntimeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt bench accuracy}: the options and the table of {@link AccuracyBench}. */
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

  @Option(names = "--scale", defaultValue = "paper", description = Scale.HELP)
  String scale;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs (default runs/bench-accuracy-<time>)")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the table and the curves as JSON")
  Path json;

  @Mixin RunnerOptions runner = new RunnerOptions();

  /** Creates the command (picocli). */
  public AccuracyCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    AccuracyBench.Settings settings = new AccuracyBench.Settings(cases, precisions, timeLimit, seeds,
        Scale.parse(scale), out);
    var g = bench.main().global();
    runner.checkCoresNotShared(g.threads(), "bench accuracy");
    int threads = runner.threads(g.threads());
    long t0 = System.nanoTime();
    AccuracyBench.Result r = AccuracyBench.run(precision -> PinnAdapt.builder()
        .optPluginDirectory(g.pluginDirectory()).optDevice(g.device())
        .optDataType(RuntimeSettings.parseDataType(precision)).optThreads(threads).build(),
        (pa, precision) -> runner.open(pa, g.runtimeConfig().merge(Map.of("precision", precision), "bench accuracy"),
            g.pluginDirectory(), BenchSupport.info(o)), threads, settings, BenchSupport.log(o));
    printTable(o, r.rows());
    try {
      AccuracyBench.figures(r).forEach(f -> o.println("figure " + f));
    } catch (RuntimeException e) {
      o.println("warning: figure not written: " + e.getMessage());
    }
    o.printf(Locale.ROOT, "total %s%n", Durations.format((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Json.write(json, r.toMap());
      o.println("wrote " + json);
    }
    return 0;
  }

  private static void printTable(PrintWriter o, List<AccuracyBench.Row> rows) {
    String fmt = "%-10s %-8s %-22s %7s %9s %9s %-11s  %s%n";
    o.printf(Locale.ROOT, "%n" + fmt, "case", "type", "error", "adam", "lbfgs", "train s", "stop", "published");
    for (AccuracyBench.Row r : rows) {
      StringBuilder err = new StringBuilder();
      for (String k : r.c().metric().split(",")) {
        err.append(err.length() == 0 ? "" : " ").append(k.replace("rel_l2_", "")).append(' ')
            .append(Durations.sci(r.error(k)));
      }
      o.printf(Locale.ROOT, fmt, r.caseName(), r.precision(), err, r.adamEpochs(), r.lbfgsIterations(),
          String.format(Locale.ROOT, "%.0f", r.trainS() + (r.caseName().equals("transfer") ? r.offlineS() : 0)),
          r.stop(), r.c().published());
      if (r.seeds() != null) {
        o.printf(Locale.ROOT, "%-10s %-8s median of seeds %s: %s%n", "", "", r.seeds(),
            r.perSeed().stream().map(Durations::sci).toList());
      }
    }
    o.println("error: relative L2 against the exact solution (kovasznay: per field; transfer: MSE of (u, v) on the "
        + "51x51 grid); train s: training seconds without the error measurements (transfer: base + LoRA)");
    o.flush();
  }
}
