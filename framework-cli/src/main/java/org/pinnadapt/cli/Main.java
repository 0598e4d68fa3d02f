package org.pinnadapt.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.pinnadapt.cli.command.ServeCommand;
import org.pinnadapt.cli.command.SweepCommand;
import org.pinnadapt.core.control.RunControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code pinnadapt}: physics-informed neural networks for parameterized PDEs with low-rank
 * adaptation. Exit codes: 0 success, 1 failure of a run or plug-in, 2 bad input (unknown id, malformed
 * option or file), 3 the environment (disk full, out of memory, missing device), 4 a diverged run.
 */
@Command(
    name = "pinnadapt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Physics-informed neural networks for parameterized PDEs, adapted with low-rank updates.",
    subcommands = {DemoCommand.class, PluginsCommand.class, RunCommand.class, PredictCommand.class, ReferenceCommand.class,
        ReportCommand.class, RunsCommand.class, SweepCommand.class, ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable, Launcher {

  /** Exit code for bad input. */
  public static final int EXIT_USAGE = Failures.EXIT_USAGE;

  /** Exit code for a run whose training diverged (its folder is marked {@code diverged}). */
  public static final int EXIT_DIVERGED = Failures.EXIT_DIVERGED;

  /** How long Ctrl-C waits for the final checkpoint before the JVM exits anyway. */
  private static final long SHUTDOWN_GRACE_SECONDS = 60;

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
    // Ctrl-C: ask the trainings to checkpoint and stop, and let this thread report it before the JVM exits
    CountDownLatch reported = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      RunControl.requestStop();
      try {
        reported.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pinnadapt-interrupt"));
    int code;
    try {
      code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    } finally {
      System.out.flush();
      System.err.flush();
      reported.countDown();
    }
    System.exit(code);
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
    boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
    Logging.configure(verbose);
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Failures.report(ex, err, verbose));
    cl.setParameterExceptionHandler((ex, args2) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("error: " + ex.getMessage());
      c.getErr().println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
      return EXIT_USAGE;
    });
    try {
      return cl.execute(args);
    } catch (RuntimeException | Error e) { // errors escape picocli's handler
      return Failures.report(e, err, verbose);
    }
  }
}
