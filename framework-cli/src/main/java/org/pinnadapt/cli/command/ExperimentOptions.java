package org.pinnadapt.cli.command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pinnadapt.core.experiment.ExperimentConfig;
import picocli.CommandLine.Option;

/** The options of one experiment, shared by {@code run} and {@code sweep} (a picocli mixin). */
public final class ExperimentOptions {

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

  @Option(names = "--base", paramLabel = "FILE", description = "base network file (base/base.params of a run)")
  String base;

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

  /** Creates the options (picocli). */
  public ExperimentOptions() {}

  /**
   * The configuration: a starting point (the defaults, or a run's record), then the file, then the command line.
   *
   * @param start the configuration to start from
   * @param global the shared options (device, precision, threads)
   * @param out the output folder option, or null
   * @return the merged configuration
   */
  ExperimentConfig configuration(ExperimentConfig start, GlobalOptions global, String out) {
    ExperimentConfig c = start;
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
    ConfigOptions.put(cli, "device", global.deviceIfSet());
    ConfigOptions.put(cli, "precision", global.precisionIfSet());
    ConfigOptions.put(cli, "threads", global.threadsIfSet());
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
}
