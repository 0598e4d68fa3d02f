package org.pinnadapt.core.experiment;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.Architecture;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.pde.TaskSplit;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.Registry;
import org.pinnadapt.core.loss.CausalWeighting;
import org.pinnadapt.core.loss.LossSettings;
import org.pinnadapt.core.loss.Monitor;
import org.pinnadapt.core.loss.Refinement;
import org.pinnadapt.core.plugin.GuardedPde;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.sampling.PointSampling;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * Everything an experiment needs, resolved from its configuration and validated before any training:
 * plug-ins and their options, point counts, training configurations, tasks, grid, and the strategy
 * context.
 */
public final class ExperimentSetup implements AutoCloseable {

  private final ExperimentConfig config;
  private final Pde pde;
  private final Options pdeOptions;
  private final String strategyId;
  private final AdaptationStrategy strategy;
  private final Options strategyOptions;
  private final Options architectureOptions;
  private final Options trainerOptions;
  private final NetworkSpec spec;
  private final List<Task> tasks;
  private final TaskSplit split;
  private final EvaluationGrid grid;
  private final RunEnvironment environment;
  private final StrategyContextImpl context;
  private final NDManager manager;

  /**
   * Resolves a configuration.
   *
   * @param framework the framework (registry and runtime)
   * @param config the configuration
   * @param runDirectory the run folder
   * @param listener training progress
   * @param info user messages
   */
  public ExperimentSetup(PinnAdapt framework, ExperimentConfig config, Path runDirectory, TrainingListener listener,
      Consumer<String> info) {
    this.config = config;
    Registry registry = framework.registry();
    String pdeId = config.string("pde");
    if (pdeId == null || pdeId.isBlank()) {
      throw new InvalidInputException("no PDE given (--pde ID); available: " + String.join(", ", registry.pdes().keySet()));
    }
    PdeProvider pdeProvider = registry.pdeProvider(pdeId);
    pdeOptions = Options.parse(pdeProvider.options(), config.map("pde-options"), "pde '" + pdeId + "'");
    pde = GuardedPde.of(pdeProvider.create(pdeOptions)); // a failing plug-in method names the plug-in and its jar
    strategyId = config.string("strategy");
    StrategyProvider sp = registry.strategyProvider(strategyId);
    strategyOptions = Options.parse(sp.options(), config.map("strategy-options"), "strategy '" + strategyId + "'");
    strategy = sp.create(strategyOptions);
    var ap = registry.architectures().get(config.string("architecture"));
    if (ap == null) {
      registry.architecture(config.string("architecture"), Map.of()); // throws the lookup message
    }
    architectureOptions = Options.parse(ap.options(), config.map("architecture-options"),
        "architecture '" + ap.id() + "'");
    Architecture architecture = ap.create(architectureOptions);
    spec = architecture.build(pde.domain(), pde.fields());
    var tp = registry.trainers().get(config.string("trainer"));
    if (tp == null) {
      registry.trainer(config.string("trainer"), Map.of());
    }
    trainerOptions = Options.parse(tp.options(), config.map("trainer-options"), "trainer '" + tp.id() + "'");
    Trainer trainer = tp.create(trainerOptions);

    PointCounts counts = pointCounts(config, pde.defaultPointCounts());
    PointSampling sampling = new PointSampling(SamplingMethod.parse(config.string("sampler")),
        SamplingMethod.parse(config.string("boundary-sampler"), "boundary-sampler"));
    long seed = config.longValue("seed");
    split = pde.taskSplit(seed);
    tasks = Tasks.resolve(pde, config.string("tasks"), config.string("task-file"), split, config.integer("max-tasks"));
    String gridSpec = config.string("grid");
    grid = gridSpec == null || gridSpec.isBlank() ? EvaluationGrid.defaultFor(pde.domain())
        : EvaluationGrid.parse(pde.domain(), gridSpec);
    TrainerConfig trainerConfig = trainerConfig(config, config.integer("epochs"));
    if (config.integer("base-epochs") < -1) {
      throw new InvalidInputException("config key 'base-epochs' (--base-epochs) must be at least 0 (or -1: as epochs), "
          + "got " + config.integer("base-epochs"));
    }
    int baseEpochs = config.integer("base-epochs") >= 0 ? config.integer("base-epochs") : config.integer("epochs");
    TrainerConfig baseConfig = trainerConfig(config, baseEpochs);
    String base = config.string("base");
    DjlRuntime runtime = framework.runtime();
    manager = runtime.manager().newSubManager();
    Map<String, Object> metadata = metadata(pde, strategyId, seed, runtime);
    LossSettings loss = new LossSettings(sampling, conditionLoss(config), causal(config, pde), refinement(config),
        monitor(config, pde, grid));
    environment = new RunEnvironment(registry, pde, split, spec, architecture, manager, runtime.dataType(), seed,
        counts, loss,
        trainer, trainerConfig, baseConfig, config.integer("checkpoint-every"), runDirectory,
        base == null || base.isBlank() ? null : Path.of(base), BaseCache.file(config), listener, info, metadata);
    context = new StrategyContextImpl(environment, strategyId, strategyOptions);
  }

  /** The configured point counts; a negative count means the PDE's default. */
  private static PointCounts pointCounts(ExperimentConfig config, PointCounts d) {
    return new PointCounts(
        config.integer("collocation") >= 0 ? config.integer("collocation") : d.collocation(),
        config.integer("initial") >= 0 ? config.integer("initial") : d.initial(),
        config.integer("boundary") >= 0 ? config.integer("boundary") : d.boundary());
  }

  /** What a run records about itself beside its configuration. */
  private static Map<String, Object> metadata(Pde pde, String strategyId, long seed, DjlRuntime runtime) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("pde", pde.id());
    metadata.put("strategy", strategyId);
    metadata.put("seed", seed);
    metadata.put("device", runtime.device().toString());
    metadata.put("precision", runtime.dataType().toString().toLowerCase(Locale.ROOT));
    metadata.put("pytorch", runtime.engineVersion());
    return metadata;
  }

  private static int annealingEvery(ExperimentConfig c) {
    String scheme = c.string("loss-weighting");
    switch (scheme) {
      case "fixed":
        return 0;
      case "annealing":
        if (c.integer("annealing-every") < 1) {
          throw new InvalidInputException("config key 'annealing-every' must be at least 1, got "
              + c.integer("annealing-every"));
        }
        return c.integer("annealing-every");
      default:
        throw new InvalidInputException("config key 'loss-weighting' is '" + scheme + "'; expected fixed or annealing");
    }
  }

  private static Monitor monitor(ExperimentConfig c, Pde pde, EvaluationGrid grid) {
    List<String> names = pde.fields().stream().map(f -> f.name()).toList();
    String spec = c.string("monitor-fields");
    List<String> fields = spec == null || spec.isBlank() ? names
        : Arrays.stream(spec.split(",")).map(String::trim).toList();
    for (String f : fields) {
      if (!names.contains(f)) {
        throw new InvalidInputException("config key 'monitor-fields': unknown field '" + f + "'; " + pde.id() + " has "
            + String.join(", ", names));
      }
    }
    String metric = c.string("monitor-metric");
    if (!metric.equals("rel-l2") && !metric.equals("mse")) {
      throw new InvalidInputException("config key 'monitor-metric' is '" + metric + "'; expected rel-l2 or mse");
    }
    if (c.integer("monitor-every") < 0) {
      throw new InvalidInputException("config key 'monitor-every' must be at least 0, got " + c.integer("monitor-every"));
    }
    return new Monitor(c.integer("monitor-every") > 0 ? grid.points() : null, fields, metric.equals("mse"));
  }

  private static boolean conditionLoss(ExperimentConfig c) {
    switch (c.string("condition-loss")) {
      case "per-field":
        return true;
      case "mean":
        return false;
      default:
        throw new InvalidInputException("config key 'condition-loss' is '" + c.string("condition-loss")
            + "'; expected per-field or mean");
    }
  }

  private static Refinement refinement(ExperimentConfig c) {
    try {
      return new Refinement(c.integer("rar-every"), c.integer("rar-points"), c.integer("rar-candidates"),
          c.real("rar-k"), c.real("rar-c"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("config keys 'rar-*': " + e.getMessage());
    }
  }

  private static CausalWeighting causal(ExperimentConfig c, Pde pde) {
    CausalWeighting causal;
    try {
      causal = new CausalWeighting(c.real("causal-epsilon"), c.integer("causal-bins"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("config keys 'causal-epsilon', 'causal-bins': " + e.getMessage());
    }
    if (causal.enabled() && pde.domain().time().isEmpty()) {
      throw new InvalidInputException("config key 'causal-epsilon' needs a time-dependent PDE; " + pde.id()
          + " has no time input");
    }
    return causal;
  }

  /**
   * The learning-rate schedule of a configuration.
   *
   * @param c the configuration
   * @param epochs the run's epochs (a step schedule without a constant phase holds the rate for all of them)
   * @return the schedule
   */
  public static LrSchedule schedule(ExperimentConfig c, int epochs) {
    LrSchedule.Kind kind;
    try {
      kind = LrSchedule.Kind.parse(c.string("lr-schedule"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("config key 'lr-schedule': " + e.getMessage());
    }
    double lr = c.real("lr");
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new InvalidInputException("config key 'lr' (--lr) must be a positive number, got " + lr);
    }
    int constantEpochs = c.integer("lr-constant-epochs");
    // a constant phase as long as the run agrees with a constant rate (earlier commands wrote it that way)
    boolean agrees = kind == LrSchedule.Kind.CONSTANT && constantEpochs >= epochs;
    if (kind != LrSchedule.Kind.STEP && constantEpochs != -1 && !agrees) {
      throw new InvalidInputException("config key 'lr-constant-epochs' applies to lr-schedule=step only (this run's "
          + "schedule is " + kind.id() + "; for a constant rate use --set lr-schedule=constant)");
    }
    boolean relative = kind == LrSchedule.Kind.EXPONENTIAL || kind == LrSchedule.Kind.COSINE;
    if (!relative && (c.real("lr-final") != -1 || c.real("lr-hold") != 0)) {
      throw new InvalidInputException("config keys 'lr-final' and 'lr-hold' apply to lr-schedule=exponential or cosine "
          + "only (this run's schedule is " + kind.id() + ")");
    }
    double fin = c.real("lr-final") < 0 ? lr / 100 : c.real("lr-final");
    try {
      switch (kind) {
        case CONSTANT:
          return LrSchedule.constant(lr);
        case STEP: {
          int constant = c.integer("lr-constant-epochs") >= 0 ? c.integer("lr-constant-epochs") : Math.max(epochs, 1);
          return new LrSchedule(lr, constant, c.real("lr-decay"), Math.max(1, c.integer("lr-decay-every")),
              c.real("lr-min"));
        }
        case EXPONENTIAL:
          return LrSchedule.exponential(lr, fin, c.real("lr-hold"));
        default:
          return LrSchedule.cosine(lr, fin, c.real("lr-hold"));
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("config keys 'lr', 'lr-final', 'lr-hold', 'lr-decay': " + e.getMessage());
    }
  }

  private static TrainerConfig trainerConfig(ExperimentConfig c, int epochs) {
    if (epochs < 0) {
      throw new InvalidInputException("config key 'epochs' (--epochs, --base-epochs) must be at least 0, got " + epochs);
    }
    if (c.integer("lbfgs-history") < 1) {
      throw new InvalidInputException("config key 'lbfgs-history' must be at least 1, got " + c.integer("lbfgs-history"));
    }
    for (String key : List.of("lbfgs-tolerance", "lbfgs-tolerance-change")) {
      if (!(c.real(key) >= 0) || !Double.isFinite(c.real(key))) {
        throw new InvalidInputException("config key '" + key + "' must be a number of at least 0, got " + c.real(key));
      }
    }
    TrainerConfig.Builder b = TrainerConfig.builder()
        .optEpochs(epochs)
        .optSchedule(schedule(c, epochs))
        .optPatience(c.integer("patience"))
        .optValidateEvery(Math.max(0, c.integer("validate-every")))
        .optRestoreBest(c.flag("restore-best"))
        .optLbfgsIterations(c.integer("lbfgs-iterations"))
        .optLbfgsHistory(c.integer("lbfgs-history"))
        .optLbfgsTolerance(c.real("lbfgs-tolerance"))
        .optLbfgsToleranceChange(c.real("lbfgs-tolerance-change"))
        .optBatchSize(c.integer("batch-size"))
        .optResampleEvery(c.integer("resample-every"))
        .optTimeLimitSeconds(c.real("time-limit"))
        .optMonitorEvery(c.integer("monitor-every"))
        .optLossAnnealing(annealingEvery(c), c.real("annealing-alpha"));
    for (Map.Entry<String, Object> e : c.map("loss-weights").entrySet()) {
      try {
        b.optLossWeight(e.getKey(), Double.parseDouble(e.getValue().toString()));
      } catch (NumberFormatException ex) {
        throw new InvalidInputException("loss weight of '" + e.getKey() + "' is not a number: " + e.getValue(), ex);
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid training configuration: " + e.getMessage(), e);
    }
  }

  /**
   * The configuration with every plug-in option resolved to its value.
   *
   * @return the resolved configuration as a map
   */
  public Map<String, Object> resolvedConfig() {
    Map<String, Object> m = config.toMap();
    m.put("pde-options", pdeOptions.asMap());
    m.put("strategy-options", strategyOptions.asMap());
    m.put("architecture-options", architectureOptions.asMap());
    m.put("trainer-options", trainerOptions.asMap());
    m.put("collocation", environment.counts().collocation());
    m.put("initial", environment.counts().initial());
    m.put("boundary", environment.counts().boundary());
    m.put("grid", grid.spec());
    return m;
  }

  /** @return the configuration */
  public ExperimentConfig config() {
    return config;
  }

  /** @return the PDE */
  public Pde pde() {
    return pde;
  }

  /** @return the strategy id */
  public String strategyId() {
    return strategyId;
  }

  /** @return the strategy */
  public AdaptationStrategy strategy() {
    return strategy;
  }

  /** @return the base architecture's layout */
  public NetworkSpec spec() {
    return spec;
  }

  /** @return the selected tasks */
  public List<Task> tasks() {
    return tasks;
  }

  /** @return the task split */
  public TaskSplit split() {
    return split;
  }

  /** @return the evaluation grid */
  public EvaluationGrid grid() {
    return grid;
  }

  /** @return the environment */
  public RunEnvironment environment() {
    return environment;
  }

  /** @return the strategy context */
  public StrategyContextImpl context() {
    return context;
  }

  @Override
  public void close() {
    manager.close();
  }
}
