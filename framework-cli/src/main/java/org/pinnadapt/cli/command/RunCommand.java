package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.experiment.TaskResult;
import org.pinnadapt.core.runtime.RuntimeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt run}: one experiment. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Solve tasks of a PDE with a strategy; print a result table and write a run folder "
        + "(config.json, metrics.json, history.csv, solutions, checkpoints, figures).")
public final class RunCommand implements Callable<Integer> {

  /** The exit code of a run whose training diverged. */
  public static final int EXIT_DIVERGED = 4;

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Mixin ExperimentOptions experiment = new ExperimentOptions();

  @Option(names = "--out", paramLabel = "DIR", description = "run folder (default runs/<pde>-<strategy>-<time>)")
  String out;

  @Option(names = "--resume", description = "continue the run in --out from its checkpoints")
  boolean resume;

  @Option(names = "--log-every", paramLabel = "N", defaultValue = "0",
      description = "print progress every N epochs (default: about 10 lines per training)")
  int logEvery;

  @Option(names = {"-q", "--quiet"}, description = "print only the start and end of each training")
  boolean quiet;

  /** Creates the command (picocli). */
  public RunCommand() {}

  /**
   * The configuration: for a resume the folder's record first, then the file and the command line.
   *
   * @return the merged configuration
   */
  ExperimentConfig configuration() {
    ExperimentConfig c = ExperimentConfig.defaults();
    if (resume) { // a resume starts from what the folder recorded; options below may only extend it
      if (out == null) {
        throw new InvalidInputException("--resume needs --out DIR, the run folder to continue");
      }
      Path recorded = Path.of(out).resolve("config.json");
      c = c.merge(ExperimentConfig.withEarlierDefaults(RunFolder.recordedConfig(Path.of(out))), recorded.toString());
    }
    return experiment.configuration(c, main.global(), out);
  }

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    ExperimentConfig c = configuration();
    try (PinnAdapt pa = framework(main, c)) {
      RunResult r = Experiment.run(pa, c, resume, ProgressBars.forOutput(o, logEvery, quiet),
          msg -> {
            o.println(msg);
            o.flush();
          }, null);
      ResultTable.print(o, r);
      List<String> diverged = r.tasks().stream().filter(t -> t.training().reason() == StopReason.DIVERGED)
          .map(TaskResult::task).toList();
      if (!diverged.isEmpty()) {
        spec.commandLine().getErr().println("error: training diverged (non-finite loss) for " + String.join(", ",
            diverged) + "; kept the best finite weights; " + r.directory() + " is marked diverged (try a smaller --lr)");
        return EXIT_DIVERGED;
      }
    }
    return 0;
  }

  /**
   * The framework for a configuration: plug-in folder from the global options, runtime from the
   * configuration.
   *
   * @param main the root command
   * @param c the configuration
   * @return the framework
   */
  static PinnAdapt framework(Launcher main, ExperimentConfig c) {
    return PinnAdapt.builder()
        .optPluginDirectory(main.global().pluginDirectory())
        .optDevice(c.string("device"))
        .optDataType(RuntimeSettings.parseDataType(c.string("precision")))
        .optThreads(c.integer("threads"))
        .build();
  }
}
