package org.pinnadapt.core.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.strategy.StrategySpec;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;

/**
 * Builds a typed {@link Experiment} in DJL's style: {@code setX} for what is required (the PDE, the strategy),
 * {@code optX} for the rest, then {@link #build()}, which validates every value against the same keys as the
 * command line and configuration files ({@link ExperimentConfig}) and fails there, before any training.
 */
public final class ExperimentBuilder {

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, Object> pdeOptions = new LinkedHashMap<>();
  private final Map<String, Object> strategyOptions = new LinkedHashMap<>();
  private final Map<String, Object> architectureOptions = new LinkedHashMap<>();
  private final List<String> tasks = new ArrayList<>();
  private Path runFolder;
  private TrainingListener listener = TrainingListener.NONE;
  private Consumer<String> messages = m -> { };

  ExperimentBuilder() {}

  /**
   * The PDE, by the id of its plug-in.
   *
   * @param id for example {@code kovasznay}
   * @return this builder
   */
  public ExperimentBuilder setPde(String id) {
    values.put("pde", Objects.requireNonNull(id, "pde id"));
    return this;
  }

  /**
   * An option of the PDE plug-in (see {@code pinnadapt plugins}).
   *
   * @param key the option
   * @param value its value
   * @return this builder
   */
  public ExperimentBuilder optPdeOption(String key, Object value) {
    pdeOptions.put(key, value);
    return this;
  }

  /**
   * The strategy with its options, typically a plug-in's typed configuration such as {@code LoraConfig.rank(4)}.
   *
   * @param strategy the strategy
   * @return this builder
   */
  public ExperimentBuilder setStrategy(StrategySpec strategy) {
    values.put("strategy", strategy.id());
    strategyOptions.clear();
    strategyOptions.putAll(strategy.options());
    return this;
  }

  /**
   * The strategy by id, with its default options.
   *
   * @param id for example {@code pinn} or {@code hyper}
   * @return this builder
   */
  public ExperimentBuilder setStrategy(String id) {
    return setStrategy(StrategySpec.of(id, Map.of()));
  }

  /**
   * One option of the strategy.
   *
   * @param key the option
   * @param value its value
   * @return this builder
   */
  public ExperimentBuilder optStrategyOption(String key, Object value) {
    strategyOptions.put(key, value);
    return this;
  }

  /**
   * The architecture plug-in (default {@code mlp}).
   *
   * @param id the architecture's id
   * @return this builder
   */
  public ExperimentBuilder optArchitecture(String id) {
    values.put("architecture", id);
    return this;
  }

  /**
   * An option of the architecture, for example {@code width} or {@code depth}.
   *
   * @param key the option
   * @param value its value
   * @return this builder
   */
  public ExperimentBuilder optArchitectureOption(String key, Object value) {
    architectureOptions.put(key, value);
    return this;
  }

  /**
   * The tasks: {@code test}, {@code train}, {@code validation} or explicit ones, {@code K=V[,K=V][;K=V...]}.
   *
   * @param spec the tasks
   * @return this builder
   */
  public ExperimentBuilder optTasks(String spec) {
    tasks.clear();
    tasks.add(spec);
    return this;
  }

  /**
   * Adds one task by its parameter values, for example {@code Map.of("Re", 60.0)}.
   *
   * @param parameters the PDE parameters of the task
   * @return this builder
   */
  public ExperimentBuilder addTask(Map<String, ? extends Number> parameters) {
    if (parameters.isEmpty()) {
      throw new InvalidInputException("a task needs at least one parameter value");
    }
    StringJoiner j = new StringJoiner(",");
    parameters.forEach((k, v) -> j.add(k + "=" + v.doubleValue()));
    if (tasks.size() == 1 && !tasks.get(0).contains("=")) {
      tasks.clear(); // a named split given before gives way to explicit tasks
    }
    tasks.add(j.toString());
    return this;
  }

  /**
   * Training epochs per task (Adam's epochs for {@code adam+lbfgs}).
   *
   * @param epochs at least 0
   * @return this builder
   */
  public ExperimentBuilder optEpochs(int epochs) {
    values.put("epochs", epochs);
    return this;
  }

  /**
   * Epochs of the base network of transfer strategies ({@code lora}, {@code finetune}).
   *
   * @param epochs at least 0
   * @return this builder
   */
  public ExperimentBuilder optBaseEpochs(int epochs) {
    values.put("base-epochs", epochs);
    return this;
  }

  /**
   * The trainer plug-in: {@code adam}, {@code lbfgs} or {@code adam+lbfgs} (the default).
   *
   * @param id the trainer's id
   * @return this builder
   */
  public ExperimentBuilder optTrainer(String id) {
    values.put("trainer", id);
    return this;
  }

  /**
   * The whole training configuration as a typed object: epochs, schedule, validation, L-BFGS settings,
   * batching, resampling, time limit, monitor, loss weights and annealing all come from it (and are recorded
   * in {@code config.json} like any other setting). Its checkpointer is ignored: the run keeps its own.
   * The trainer plug-in is chosen with {@link #optTrainer(String)}.
   *
   * @param t the configuration
   * @return this builder
   */
  public ExperimentBuilder optTrainerConfig(TrainerConfig t) {
    values.put("epochs", t.epochs());
    LrSchedule s = t.schedule();
    values.put("lr", s.initial());
    values.put("lr-schedule", s.kind().id());
    for (String k : List.of("lr-final", "lr-hold", "lr-constant-epochs", "lr-decay", "lr-decay-every", "lr-min")) {
      values.remove(k);
    }
    if (s.kind() == LrSchedule.Kind.EXPONENTIAL || s.kind() == LrSchedule.Kind.COSINE) {
      values.put("lr-final", s.floor());
      values.put("lr-hold", s.hold());
    } else if (s.kind() == LrSchedule.Kind.STEP) {
      values.put("lr-constant-epochs", s.constantEpochs());
      values.put("lr-decay", s.factor());
      values.put("lr-decay-every", s.every());
      values.put("lr-min", s.floor());
    }
    values.put("patience", t.patience());
    values.put("validate-every", t.validateEvery());
    values.put("restore-best", t.restoreBest());
    values.put("lbfgs-iterations", t.lbfgsIterations());
    values.put("lbfgs-history", t.lbfgsHistory());
    values.put("lbfgs-tolerance", t.lbfgsTolerance());
    values.put("lbfgs-tolerance-change", t.lbfgsToleranceChange());
    values.put("batch-size", t.batchSize());
    values.put("resample-every", t.resampleEvery());
    values.put("time-limit", t.timeLimitSeconds());
    values.put("monitor-every", t.monitorEvery());
    values.put("loss-weighting", t.annealingEvery() > 0 ? "annealing" : "fixed");
    if (t.annealingEvery() > 0) {
      values.put("annealing-every", t.annealingEvery());
    }
    values.put("annealing-alpha", t.annealingAlpha());
    values.put("loss-weights", new LinkedHashMap<String, Object>(t.lossWeights()));
    return this;
  }

  /**
   * The initial learning rate.
   *
   * @param lr greater than 0
   * @return this builder
   */
  public ExperimentBuilder optLearningRate(double lr) {
    values.put("lr", lr);
    return this;
  }

  /**
   * The seed of sampling, initialization and task splits.
   *
   * @param seed the seed
   * @return this builder
   */
  public ExperimentBuilder optSeed(long seed) {
    values.put("seed", seed);
    return this;
  }

  /**
   * Any other configuration key, as {@code --set KEY=VALUE} takes it ({@link ExperimentConfig#descriptions()}
   * lists them with their meaning); checked by {@link #build()}.
   *
   * @param key the key
   * @param value its value
   * @return this builder
   */
  public ExperimentBuilder optSetting(String key, Object value) {
    values.put(key, value);
    return this;
  }

  /**
   * Writes the run folder ({@code config.json}, {@code metrics.json}, solutions, checkpoints, figures) there.
   * Without it the run uses a temporary folder, writes no figures or checkpoints unless asked, and closing
   * the results deletes the folder.
   *
   * @param folder the folder; it must not hold a run already
   * @return this builder
   */
  public ExperimentBuilder optRunFolder(Path folder) {
    runFolder = folder;
    return this;
  }

  /**
   * Receives training progress.
   *
   * @param l the listener
   * @return this builder
   */
  public ExperimentBuilder optListener(TrainingListener l) {
    listener = Objects.requireNonNull(l, "listener");
    return this;
  }

  /**
   * Receives the run's messages (run folder, restored tasks, warnings); none by default.
   *
   * @param sink the receiver, for example {@code System.out::println}
   * @return this builder
   */
  public ExperimentBuilder optMessages(Consumer<String> sink) {
    messages = Objects.requireNonNull(sink, "messages");
    return this;
  }

  /**
   * Validates the settings.
   *
   * @return the experiment
   * @throws InvalidInputException naming the first bad setting
   */
  public Experiment build() {
    require("pde", "PDE", "setPde");
    require("strategy", "strategy", "setStrategy");
    Map<String, Object> m = new LinkedHashMap<>(values);
    if (!pdeOptions.isEmpty()) {
      m.put("pde-options", new LinkedHashMap<>(pdeOptions));
    }
    if (!strategyOptions.isEmpty()) {
      m.put("strategy-options", new LinkedHashMap<>(strategyOptions));
    }
    if (!architectureOptions.isEmpty()) {
      m.put("architecture-options", new LinkedHashMap<>(architectureOptions));
    }
    if (!tasks.isEmpty()) {
      m.put("tasks", String.join(";", tasks));
    }
    if (runFolder == null) {
      m.putIfAbsent("figures", false);
      m.putIfAbsent("checkpoint-every", 0);
    } else {
      m.put("out", runFolder.toString());
    }
    return new Experiment(ExperimentConfig.fromMap(m, "Experiment.builder()"), listener, messages);
  }

  private void require(String key, String what, String setter) {
    Object v = values.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new InvalidInputException("no " + what + " given: call " + setter + " before build()");
    }
  }
}
