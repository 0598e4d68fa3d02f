package org.pinnadapt.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.bench.StepBench;
import org.pinnadapt.cli.command.RunFrameworks;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.serve.ExplorerServer;
import org.pinnadapt.serve.ServeLoad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt bench serve}: N clients moving a slider of the explorer on one run; requests/s and latency. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Load test of the explorer: clients that move a parameter slider on one run for a while "
        + "(requests/s, p50/p95 latency, errors, resident memory over time).")
public final class ServeCommand implements Callable<Integer> {

  @ParentCommand private BenchCommand bench;
  @Spec private CommandSpec spec;

  @Option(names = "--run", paramLabel = "DIR", required = true, description = "a run folder (a hyper run, say)")
  Path run;

  @Option(names = "--clients", defaultValue = "20", description = "clients at once (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--seconds", defaultValue = "60", description = "how long (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--grid", defaultValue = "101x101", description = "grid of each request (default: ${DEFAULT-VALUE})")
  String grid;

  @Option(names = "--parameter", paramLabel = "NAME", description = "the parameter moved (default: the PDE's first)")
  String parameter;

  @Option(names = "--json", paramLabel = "FILE", description = "write the figures as JSON")
  Path json;

  /** Creates the command (picocli). */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (!Files.exists(run.resolve("config.json"))) {
      throw new InvalidInputException("--run " + run + ": not a run folder (no config.json)");
    }
    if (clients < 1 || !(seconds > 0)) {
      throw new InvalidInputException("--clients must be at least 1 and --seconds positive");
    }
    Path folder = run.toAbsolutePath().normalize();
    String id = folder.getFileName().toString();
    try (RunFrameworks frameworks = new RunFrameworks(bench.main().global());
        ExplorerServer server = ExplorerServer.start(folder.getParent(), "127.0.0.1", 0, frameworks, 4)) {
      JsonNode info = Json.json().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          server.uri().resolve("/api/runs/" + id + "/parameters")).build(), HttpResponse.BodyHandlers.ofString()).body());
      if (info.has("error")) {
        throw new InvalidInputException("--run " + run + ": " + info.get("error").asText());
      }
      JsonNode p = null;
      for (JsonNode candidate : info.get("parameters")) {
        if (parameter == null || candidate.get("name").asText().equals(parameter)) {
          p = candidate;
          break;
        }
      }
      if (p == null) {
        throw new InvalidInputException("--parameter " + parameter + ": the run's PDE has no such parameter");
      }
      URI uri = server.uri();
      o.printf(Locale.ROOT, "bench serve: %d clients moving %s on %s for %.0f s, grid %s, server %s%n", clients,
          p.get("name").asText(), id, seconds, grid, uri);
      o.flush();
      ServeLoad.Result r = ServeLoad.run(uri, new ServeLoad.Settings(id, p.get("name").asText(),
          p.get("min").asDouble(), p.get("max").asDouble(), grid, clients, seconds), StepBench::rssMb, line -> {
            o.println(line);
            o.flush();
          });
      o.printf(Locale.ROOT, "%d requests, %.1f requests/s, latency p50 %.1f ms, p95 %.1f ms, max %.1f ms, %d errors%s%n",
          r.requests(), r.perSecond(), r.p50Ms(), r.p95Ms(), r.maxMs(), r.errors(),
          r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
      o.printf(Locale.ROOT, "resident memory (MB, every 5 s): %s%n", r.rssMb().stream()
          .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
      if (json != null) {
        Json.write(json, r.toMap());
        o.println("wrote " + json);
      }
      return r.errors() == 0 ? 0 : 1;
    }
  }
}
