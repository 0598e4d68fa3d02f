package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnadapt.bench.Scale;
import org.pinnadapt.bench.SpeedBench;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Durations;
import org.pinnadapt.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt bench speed}: the options and the table of {@link SpeedBench}. */
@Command(name = "speed", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Many-query speed side by side with its targets: new HyperPINN solutions on a grid, the L-PINN "
        + "epoch against the F-PINN epoch, one PINN step (the demo's Kovasznay network).")
public final class SpeedCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--scale", defaultValue = "quick", description = Scale.HELP)
  String scale;

  @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "write the figures as JSON")
  Path json;

  /** Creates the command (picocli). */
  public SpeedCommand() {}

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    var g = bench.main().global();
    SpeedBench.Settings settings = new SpeedBench.Settings(Scale.parse(scale), out, g.device(), g.precision(),
        g.threads());
    long t0 = System.nanoTime();
    SpeedBench.Result r;
    try (PinnAdapt pa = g.framework()) {
      r = SpeedBench.run(pa, settings, BenchSupport.log(o));
    }
    int width = r.rows().stream().mapToInt(row -> row.figure().length()).max().orElse(6);
    String fmt = "%-" + width + "s %12s %-6s %-46s %s%n";
    o.printf(Locale.ROOT, "%n" + fmt, "figure", "value", "unit", "target", "met");
    for (SpeedBench.Row row : r.rows()) {
      o.printf(Locale.ROOT, fmt, row.figure(), String.format(Locale.ROOT, "%.3g", row.value()), row.unit(),
          row.target(), row.met() == null ? "-" : row.met() ? "yes" : "no");
    }
    o.printf(Locale.ROOT, "total %s; runs in %s%n", Durations.format((System.nanoTime() - t0) / 1e9), r.folder());
    if (json != null) {
      Json.write(json, r.toMap());
      o.println("wrote " + json);
    }
    return 0;
  }
}
