package org.pinnadapt.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.PinnAdaptException;
import org.pinnadapt.cli.bench.BenchCommand;
import org.pinnadapt.cli.command.DemoCommand;
import org.pinnadapt.cli.command.GlobalOptions;
import org.pinnadapt.cli.command.Launcher;
import org.pinnadapt.cli.command.PluginsCommand;
import org.pinnadapt.cli.command.PredictCommand;
import org.pinnadapt.cli.command.ReferenceCommand;
import org.pinnadapt.cli.command.ReportCommand;
import org.pinnadapt.cli.command.RunCommand;
import org.pinnadapt.cli.command.RunsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code pinnadapt}: physics-informed neural networks for parameterized PDEs with low-rank
 * adaptation. Exit codes: 0 success, 1 failure, 2 bad input (unknown id, malformed option or file).
 */
@Command(
    name = "pinnadapt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Physics-informed neural networks for parameterized PDEs, adapted with low-rank updates.",
    subcommands = {DemoCommand.class, PluginsCommand.class, RunCommand.class, PredictCommand.class, ReferenceCommand.class,
        ReportCommand.class, RunsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable, Launcher {

  /** Exit code for bad input. */
  public static final int EXIT_USAGE = 2;

  @Spec private CommandSpec spec;

  /** The options every command shares. */
  @CommandLine.Mixin private GlobalOptions global = new GlobalOptions();

  /** Creates the command (picocli). */
  public Main() {}

  /**
   * The shared options.
   *
   * @return the options
   */
  @Override
  public GlobalOptions global() {
    return global;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see 'pinnadapt --help'");
  }

  /**
   * The process entry point.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command line and returns the exit code (for tests and embedding).
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    Logging.configure(Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"));
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof InvalidInputException) {
        commandLine.getErr().println("error: " + ex.getMessage());
        return EXIT_USAGE;
      }
      if (ex instanceof PinnAdaptException) {
        commandLine.getErr().println("error: " + ex.getMessage());
        return 1;
      }
      throw ex;
    });
    cl.setParameterExceptionHandler((ex, args2) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("error: " + ex.getMessage());
      c.getErr().println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
      return EXIT_USAGE;
    });
    return cl.execute(args);
  }
}
