package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnadapt.bench.LoraRanksBench;
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

/** {@code pinnadapt bench lora-ranks}: the options and the table of {@link LoraRanksBench}. */
@Command(name = "lora-ranks", mixinStandardHelpOptions = true,
    description = "Table 1 of HyperLoRA: PINN, F-PINN and L-PINN per rank (params, MSE, s/epoch, epochs).")
public final class LoraRanksCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", required = true, paramLabel = "ID", description = "kovasznay, burgers2d, burgers1d, ...")
  String pde;

  @Option(names = "--ranks", defaultValue = "1,2,4,8,16,32,64", split = ",", description = "LoRA ranks (default: ${DEFAULT-VALUE})")
  List<Integer> ranks;

  @Option(names = "--scale", defaultValue = "quick", description = Scale.HELP)
  String scale;

  @Option(names = "--tasks", paramLabel = "N", description = "number of test tasks (default: 2 quick, 20 paper)")
  Integer tasks;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs (default runs/bench-lora-ranks-<pde>-<time>)")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the table as JSON")
  Path json;

  @Mixin RunnerOptions runner = new RunnerOptions();

  /** Creates the command (picocli). */
  public LoraRanksCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    LoraRanksBench.Settings settings = new LoraRanksBench.Settings(pde, ranks, Scale.parse(scale), tasks, out);
    long t0 = System.nanoTime();
    LoraRanksBench.Result r;
    r = BenchSupport.withRunner(bench, runner, o, (pa, cells) -> LoraRanksBench.run(pa, settings, cells,
        BenchSupport.log(o)));
    printTable(o, r.rows());
    BenchSupport.figures(o, () -> LoraRanksBench.figures(r));
    o.printf(Locale.ROOT, "total %s%n", Durations.format((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Json.write(json, r.toMap());
      o.println("wrote " + json);
    }
    return 0;
  }

  private static void printTable(PrintWriter o, List<LoraRanksBench.Row> rows) {
    String fmt = "%-8s %5s %8s %10s %10s %10s %8s | %11s %10s%n";
    o.printf(Locale.ROOT, "%n" + fmt, "method", "rank", "params", "mse", "rel_l2", "s/epoch", "epochs", "paper params",
        "paper mse");
    for (LoraRanksBench.Row r : rows) {
      o.printf(Locale.ROOT, fmt, r.method(), r.rank() == null ? "" : r.rank(), r.params(), Durations.sci(r.mse()),
          Durations.sci(r.relL2()), String.format(Locale.ROOT, "%.4f", r.secPerEpoch()),
          String.format(Locale.ROOT, "%.0f", r.epochs()), r.paperParams() == null ? "n/a" : r.paperParams(),
          r.paperMse() == null ? "n/a" : Durations.sci(r.paperMse()));
    }
    o.flush();
  }
}
