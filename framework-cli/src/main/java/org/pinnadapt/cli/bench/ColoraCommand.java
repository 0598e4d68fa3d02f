package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.bench.ColoraBench;
import org.pinnadapt.bench.Scale;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt bench colora}: the options and the table of {@link ColoraBench}. */
@Command(name = "colora", mixinStandardHelpOptions = true, sortOptions = false,
    description = "CoLoRA-D and CoLoRA-EQ: relative error over time, parameters, prediction vs reference-solver time.")
public final class ColoraCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--pde", required = true, paramLabel = "ID", description = "burgers2d, cdr, burgers1d, ...")
  String pde;

  @Option(names = "--methods", defaultValue = "d,eq", split = ",", description = "d, eq (default: ${DEFAULT-VALUE})")
  List<String> methods;

  @Option(names = "--scale", defaultValue = "quick", description = Scale.HELP)
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
    ColoraBench.Settings settings = new ColoraBench.Settings(pde, methods, Scale.parse(scale), tasks, strategyOptions,
        out);
    long t0 = System.nanoTime();
    ColoraBench.Result r;
    try (PinnAdapt pa = bench.main().global().framework()) {
      r = ColoraBench.run(pa, settings, BenchSupport.log(o));
    }
    print(o, r);
    BenchSupport.figures(o, () -> ColoraBench.figures(r));
    o.printf(Locale.ROOT, "total %s%n", Durations.format((System.nanoTime() - t0) / 1e9));
    if (json != null) {
      Json.write(json, r.toMap());
      o.println("wrote " + json);
    }
    return 0;
  }

  private static void print(PrintWriter o, ColoraBench.Result result) {
    String fmt = "%-10s %-26s %10s %8s %9s %11s %13s %9s %20s %11s%n";
    o.printf(Locale.ROOT, "%n" + fmt, "method", "task", "rel_l2", "online", "offline", "predict ms", "reference ms",
        "speed-up", "matched reference", "vs matched");
    for (ColoraBench.Row r : result.rows()) {
      String matched = r.matched().map(m -> String.format(Locale.ROOT, "%d/%.3g: %.2f ms", m.points(), m.dt(), m.ms()))
          .orElse("-");
      String versus = r.fasterThanMatched().map(v -> String.format(Locale.ROOT, "%.3fx", v)).orElse("-");
      o.printf(Locale.ROOT, fmt, r.method(), r.task(), r.failure() != null ? "diverged" : Durations.sci(r.relL2()),
          r.onlineParams(), r.offlineParams(), String.format(Locale.ROOT, "%.1f", r.predictMs()),
          String.format(Locale.ROOT, "%.1f", r.referenceMs()),
          String.format(Locale.ROOT, "%.2fx", r.referenceMs() / r.predictMs()), matched, versus);
    }
    if (result.rows().stream().anyMatch(r -> r.matched().isPresent())) {
      o.printf(Locale.ROOT, "matched reference: the reference solver at the coarsest resolution (solver-points/"
          + "solver-dt) as accurate as CoLoRA-EQ on the same grid; vs matched: its time / CoLoRA-EQ's (target >= 5x)%n");
    }
    o.printf(Locale.ROOT, "offline phase %s; paper (CoLoRA README): 2D Burgers 4.96e-4 relative error, 5,451 "
        + "parameters%n", Durations.format(result.offlineSeconds()));
    o.flush();
  }
}
