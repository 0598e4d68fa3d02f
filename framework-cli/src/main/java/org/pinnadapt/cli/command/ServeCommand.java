package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.serve.ExplorerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt serve}: the web explorer of a runs folder. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "A local web explorer of run and sweep folders: a runs table, one run's loss curves and figures, "
        + "and live solutions for new parameters from a trained hypernetwork (JSON API under /api).")
public final class ServeCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
      description = "the runs folder (default: ${DEFAULT-VALUE})")
  Path runs;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "the port (default: ${DEFAULT-VALUE}; 0: any free one)")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "the address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every "
          + "interface, reachable from the network)")
  String bind;

  @Option(names = "--cache-runs", paramLabel = "N", defaultValue = "4",
      description = "runs kept loaded for live solutions (default: ${DEFAULT-VALUE}); each holds its networks")
  int cacheRuns;

  @Option(names = "--cache-mb", paramLabel = "MB", defaultValue = "1024",
      description = "memory of the loaded runs at most, estimated from their saved arrays (default: ${DEFAULT-VALUE})")
  long cacheMb;

  /** Creates the command (picocli). */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (!Files.isDirectory(runs)) {
      throw new InvalidInputException("--runs " + runs + ": no such folder (run ./pinnadapt demo first, or give "
          + "--runs DIR)");
    }
    if (port < 0 || port > 65_535) {
      throw new InvalidInputException("--port " + port + ": not a port (0 to 65535)");
    }
    if (cacheRuns < 1) {
      throw new InvalidInputException("--cache-runs must be at least 1, got " + cacheRuns);
    }
    if (cacheMb < 1) {
      throw new InvalidInputException("--cache-mb must be at least 1, got " + cacheMb);
    }
    RunFrameworks frameworks = new RunFrameworks(main.global());
    ExplorerServer server;
    try {
      server = ExplorerServer.start(runs, bind, port, frameworks, cacheRuns, cacheMb << 20);
    } catch (java.io.IOException e) {
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        Throwable why = e.getCause() instanceof BindException b ? b : e;
        throw new InvalidInputException("--port " + port + " on " + bind + ": cannot listen (" + why.getMessage()
            + "): another server may use the port (--port 0 takes a free one), or --bind is not an address of "
            + "this machine");
      }
      throw new InvalidInputException("--bind " + bind + ": cannot listen (" + e.getMessage() + ")");
    }
    Thread stop = new Thread(() -> {
      server.close();
      frameworks.close();
    }, "serve-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    o.println("explorer of " + runs.toAbsolutePath().normalize() + " on " + server.uri() + " (Ctrl-C stops it)");
    o.flush();
    server.join();
    return 0;
  }
}
