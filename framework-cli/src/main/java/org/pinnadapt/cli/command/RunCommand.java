package org.pinnadapt.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.core.experiment.RunFolder;
import org.pinnadapt.core.experiment.TaskResult;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.runtime.RuntimeSettings;
import picocli.CommandLine.Command;
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

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with any of the options below; "
      + "options on the command line override it (a run's config.json reproduces the run)")
  Path config;

  @Option(names = "--pde", paramLabel = "ID", description = "PDE id (see 'pinnadapt plugins')")
  String pde;

  @Option(names = "--strategy", paramLabel = "ID", description = "pinn, finetune, lora, hyper, lrnr, colora, ...")
  String strategy;

  @Option(names = "--rank", paramLabel = "R", description = "rank of low-rank strategies (strategy option 'rank')")
  Integer rank;

  @Option(names = "--tasks", paramLabel = "SPEC", description = "test, train, validation, or K=V[,K=V][;K=V...]")
  String tasks;

  @Option(names = "--task-file", paramLabel = "FILE", description = "CSV of task embeddings, one task per row")
  String taskFile;

  @Option(names = "--max-tasks", paramLabel = "N", description = "use only the first N tasks")
  Integer maxTasks;

  @Option(names = "--epochs", paramLabel = "N", description = "epochs per task")
  Integer epochs;

  @Option(names = "--base-epochs", paramLabel = "N", description = "epochs of the base network")
  Integer baseEpochs;

  @Option(names = "--trainer", paramLabel = "ID", description = "adam, lbfgs or adam+lbfgs")
  String trainer;

  @Option(names = "--lr", paramLabel = "LR", description = "initial learning rate")
  Double lr;

  @Option(names = "--patience", paramLabel = "N", description = "early-stopping patience (0: off)")
  Integer patience;

  @Option(names = "--seed", paramLabel = "S", description = "seed of sampling, initialization and task splits")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "run folder (default runs/<pde>-<strategy>-<time>)")
  String out;

  @Option(names = "--base", paramLabel = "FILE", description = "base network file (base/base.params of a run)")
  String base;

  @Option(names = "--resume", description = "continue the run in --out from its checkpoints")
  boolean resume;

  @Option(names = "--pde-opt", paramLabel = "K=V", description = "PDE plug-in option, e.g. ic=sin")
  Map<String, String> pdeOptions;

  @Option(names = "--strategy-opt", paramLabel = "K=V", description = "strategy option")
  Map<String, String> strategyOptions;

  @Option(names = "--arch-opt", paramLabel = "K=V", description = "architecture option, e.g. width=32")
  Map<String, String> architectureOptions;

  @Option(names = "--trainer-opt", paramLabel = "K=V", description = "trainer option, e.g. beta1=0.9")
  Map<String, String> trainerOptions;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
      description = "any configuration key, e.g. --set lr-decay-every=5000 --set collocation=2000")
  Map<String, String> settings;

  @Option(names = "--log-every", paramLabel = "N", defaultValue = "0",
      description = "print progress every N epochs (default: about 10 lines per training)")
  int logEvery;

  @Option(names = {"-q", "--quiet"}, description = "print only the start and end of each training")
  boolean quiet;

  /** Creates the command (picocli). */
  public RunCommand() {}

  /**
   * The configuration from the file (if any) and the command line.
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
    if (config != null) {
      c = c.merge(ConfigFiles.read(config), config.toString());
    }
    Map<String, Object> cli = new LinkedHashMap<>();
    if (settings != null) {
      cli.putAll(settings);
    }
    ConfigOptions.put(cli, "pde", pde);
    ConfigOptions.put(cli, "strategy", strategy);
    ConfigOptions.put(cli, "tasks", tasks);
    ConfigOptions.put(cli, "task-file", taskFile);
    ConfigOptions.put(cli, "max-tasks", maxTasks);
    ConfigOptions.put(cli, "epochs", epochs);
    ConfigOptions.put(cli, "base-epochs", baseEpochs);
    ConfigOptions.put(cli, "trainer", trainer);
    ConfigOptions.put(cli, "lr", lr);
    ConfigOptions.put(cli, "patience", patience);
    ConfigOptions.put(cli, "seed", seed);
    ConfigOptions.put(cli, "out", out);
    ConfigOptions.put(cli, "base", base);
    var g = main.global();
    ConfigOptions.put(cli, "device", g.deviceIfSet());
    ConfigOptions.put(cli, "precision", g.precisionIfSet());
    ConfigOptions.put(cli, "threads", g.threadsIfSet());
    ConfigOptions.putMap(cli, "pde-options", pdeOptions, c.map("pde-options"));
    Map<String, String> strategyOpts = strategyOptions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(strategyOptions);
    if (rank != null) {
      strategyOpts.put("rank", rank.toString());
    }
    ConfigOptions.putMap(cli, "strategy-options", strategyOpts, c.map("strategy-options"));
    ConfigOptions.putMap(cli, "architecture-options", architectureOptions, c.map("architecture-options"));
    ConfigOptions.putMap(cli, "trainer-options", trainerOptions, c.map("trainer-options"));
    return c.merge(cli, "the command line");
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
