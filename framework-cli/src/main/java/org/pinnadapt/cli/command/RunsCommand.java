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
import org.pinnadapt.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pinnadapt runs}: lists run folders with PDE, strategy, date and mean error. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List run folders: PDE, strategy, start, tasks, mean error.")
public final class RunsCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "runs", description = "where runs live (default: ${DEFAULT-VALUE})")
  Path dir;

  /** Creates the command (picocli). */
  public RunsCommand() {}

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    if (!Files.isDirectory(dir)) {
      o.println("no runs in " + dir);
      return 0;
    }
    List<Path> runs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, 3)) {
      s.filter(p -> p.getFileName().toString().equals("config.json")).map(Path::getParent).sorted().forEach(runs::add);
    }
    String fmt = "%-48s %-10s %-9s %-19s %5s %11s %10s%n";
    o.printf(Locale.ROOT, fmt, "run", "pde", "strategy", "started", "tasks", "mean mse", "rel_l2");
    for (Path run : runs) {
      JsonNode c = Json.json().readTree(run.resolve("config.json").toFile());
      String started = c.path("provenance").path("started").asText("");
      started = started.length() > 19 ? started.substring(0, 19) : started;
      Path m = run.resolve("metrics.json");
      String mse = "incomplete";
      String rel = "";
      String tasks = "";
      if (Files.exists(m)) {
        JsonNode metrics = Json.json().readTree(m.toFile());
        mse = String.format(Locale.ROOT, "%.3e", metrics.path("mean").path("mse").asDouble(Double.NaN));
        rel = String.format(Locale.ROOT, "%.2e", metrics.path("mean").path("rel_l2").asDouble(Double.NaN));
        tasks = Integer.toString(metrics.path("tasks").size());
      }
      o.printf(Locale.ROOT, fmt, dir.relativize(run).toString().isEmpty() ? run.toString() : dir.relativize(run),
          c.path("pde").asText(), c.path("strategy").asText(), started, tasks, mse, rel);
    }
    return 0;
  }
}
