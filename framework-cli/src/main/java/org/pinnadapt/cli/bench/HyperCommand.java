package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnadapt.bench.HyperBench;
import org.pinnadapt.bench.Scale;
import org.pinnadapt.cli.command.RunnerOptions;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt bench hyper}: the options and the tables of {@link HyperBench}. */
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

  @Option(names = "--scale", defaultValue = "quick", description = Scale.HELP)
  String scale;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the tables as JSON")
  Path json;

  @Mixin RunnerOptions runner = new RunnerOptions();

  /** Creates the command (picocli). */
  public HyperCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    HyperBench.Settings settings = new HyperBench.Settings(pde, ranks, methods, !noFull, Scale.parse(scale), out);
    long t0 = System.nanoTime();
    HyperBench.Result r;
    r = BenchSupport.withRunner(bench, runner, o, (pa, cells) -> HyperBench.run(pa, settings, cells,
        BenchSupport.log(o)));
    print(o, r);
    BenchSupport.figures(o, () -> HyperBench.figures(r));
    o.printf(Locale.ROOT, "total %s%n", Durations.format((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Json.write(json, r.toMap());
      o.println("wrote " + json);
    }
    return 0;
  }

  private static void print(PrintWriter o, HyperBench.Result result) {
    String fmt = "%-10s %5s %10s %10s %10s %10s %10s | %s%n";
    o.printf(Locale.ROOT, "%nTable 2%n" + fmt, "method", "rank", "predicted", "train mse", "test mse", "ms/task",
        "vs L-PINN", "paper vs L-PINN");
    for (HyperBench.Row r : result.rows()) {
      o.printf(Locale.ROOT, fmt, r.method(), r.rank() == null ? "*" : r.rank(), r.predictedParams(),
          Durations.sci(r.trainMse()), Durations.sci(r.testMse()), String.format(Locale.ROOT, "%.1f", r.inferMs()),
          String.format(Locale.ROOT, "%.2fx", r.testVsLpinn()),
          r.paperTestVsLpinn() == null ? "n/a" : r.paperTestVsLpinn() + "x");
    }
    o.printf(Locale.ROOT, "%nTable 3: time to a solution of a new task%n%-10s %12s %22s%n", "method", "seconds",
        "paper (1D Burgers, P100)");
    for (HyperBench.TimeRow r : result.timeToSolution()) {
      o.printf(Locale.ROOT, "%-10s %12.4f %22.1f%n", r.method(), r.seconds(), r.paperSeconds());
    }
    o.flush();
  }
}
