package org.pinnadapt.cli.bench;

import org.pinnadapt.cli.command.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code pinnadapt bench NAME}: reproductions of the papers' tables and performance benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Reproduce the papers' tables and measure performance.",
    subcommands = {StepCommand.class, AccuracyCommand.class, LoraRanksCommand.class, HyperCommand.class, LrnrCommand.class, ColoraCommand.class, ServeCommand.class,
        SpeedCommand.class})
public final class BenchCommand implements Runnable {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  /** Creates the command (picocli). */
  public BenchCommand() {}

  /**
   * The root command.
   *
   * @return the main command
   */
  public Launcher main() {
    return main;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing benchmark name; one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
