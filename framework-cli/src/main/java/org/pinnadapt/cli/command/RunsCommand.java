package org.pinnadapt.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pinnadapt.core.experiment.RunStatus;
import org.pinnadapt.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pinnadapt runs}: lists run folders with PDE, strategy, date and mean error. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List run folders: PDE, strategy, start, tasks, mean error and status (finished, diverged, "
    + "failed, interrupted, running, stopped, or broken with the reason).")
public final class RunsCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "runs", description = "where runs live (default: ${DEFAULT-VALUE})")
  Path dir;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "where runs live (same as --dir)")
  Path folder;

  /** Creates the command (picocli). */
  public RunsCommand() {}

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    Path where = folder != null ? folder : dir;
    if (!Files.isDirectory(where)) {
      o.println("no runs in " + where);
      return 0;
    }
    List<Path> runs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(where, 3)) {
      s.filter(p -> p.getFileName().toString().equals("config.json")).map(Path::getParent).sorted().forEach(runs::add);
    }
    String fmt = "%-40s %-10s %-9s %-19s %5s %11s %10s  %s%n";
    o.printf(Locale.ROOT, fmt, "run", "pde", "strategy", "started", "tasks", "mean mse", "rel_l2", "status");
    for (Path run : runs) {
      RunStatus st = RunStatus.read(run);
      String name = where.relativize(run).toString().isEmpty() ? run.toString() : where.relativize(run).toString();
      JsonNode c = st.config() == null ? Json.json().missingNode() : st.config();
      String started = c.path("provenance").path("started").asText("");
      started = started.length() > 19 ? started.substring(0, 19) : started;
      String mse = "";
      String rel = "";
      String tasks = "";
      if (st.metrics() != null) {
        mse = String.format(Locale.ROOT, "%.3e", st.metrics().path("mean").path("mse").asDouble(Double.NaN));
        rel = String.format(Locale.ROOT, "%.2e", st.metrics().path("mean").path("rel_l2").asDouble(Double.NaN));
        tasks = Integer.toString(st.metrics().path("tasks").size());
      }
      String status = st.reason().isEmpty() || st.complete() ? st.status() : st.status() + ": " + st.reason();
      o.printf(Locale.ROOT, fmt, name, c.path("pde").asText(), c.path("strategy").asText(), started, tasks, mse, rel,
          status);
    }
    return 0;
  }
}
