package org.pinnadapt.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.bench.StepBench;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.runtime.RuntimeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt bench step}: the time of one PINN training step (Burgers, Adam, full batch). */
@Command(name = "step", mixinStandardHelpOptions = true,
    description = "Median time of one full-batch Adam step of the Burgers PINN (MLP 2-64x4-1, 10,000 + 256 points, "
        + "float32) and the resident-memory growth; compare with benchmarks/step_pytorch.py.")
public final class StepCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--points", defaultValue = "10000", description = "collocation points (default: ${DEFAULT-VALUE})")
  int points;

  @Option(names = "--width", defaultValue = "64", description = "hidden width (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--depth", defaultValue = "4", description = "hidden layers (default: ${DEFAULT-VALUE})")
  int depth;

  @Option(names = "--steps", defaultValue = "100", description = "measured steps, at least 50 (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--warmup", defaultValue = "10", description = "steps before measuring (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--json", paramLabel = "FILE", description = "write the measurements as JSON")
  Path json;

  /** Creates the command (picocli). */
  public StepCommand() {}

  @Override
  public Integer call() {
    if (steps < 50 || points < 1 || width < 1 || depth < 1 || warmup < 1) {
      throw new InvalidInputException(
          "need --steps >= 50 and positive --points, --width, --depth, --warmup");
    }
    PrintWriter out = spec.commandLine().getOut();
    var g = bench.main().global();
    int threads = g.threads() > 0 ? g.threads() : 2;
    try (PinnAdapt pa = PinnAdapt.builder().optBootDiscovery(false).optDevice(g.device())
        .optDataType(RuntimeSettings.parseDataType(g.precision())).optThreads(threads).build()) {
      out.printf(Locale.ROOT, "bench step: Burgers PINN 2-%dx%d-1, %d collocation + 256 IC/BC points, %s, %d threads, %s%n",
          width, depth, points, pa.runtime().dataType().toString().toLowerCase(Locale.ROOT), threads,
          pa.runtime().device());
      StepBench.Result r = StepBench.run(pa, new StepBench.Settings(points, width, depth, steps, warmup));
      out.printf(Locale.ROOT, "median %.2f ms/step (p10 %.2f, p90 %.2f) over %d steps; RSS %.0f -> %.0f MB (growth %.1f MB)%n",
          r.medianMs(), r.p10Ms(), r.p90Ms(), steps, r.rssBeforeMb(), r.rssAfterMb(), r.rssAfterMb() - r.rssBeforeMb());
      if (json != null) {
        Json.write(json, r.toMap());
        out.println("wrote " + json);
      }
    }
    return 0;
  }
}
