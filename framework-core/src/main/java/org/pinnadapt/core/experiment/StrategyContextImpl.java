package org.pinnadapt.core.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.pde.TaskSplit;
import org.pinnadapt.api.strategy.BaseModel;
import org.pinnadapt.api.strategy.Compute;
import org.pinnadapt.api.strategy.Losses;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.strategy.RunStore;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.strategy.SupervisedLoss;
import org.pinnadapt.api.strategy.Training;
import org.pinnadapt.api.train.Checkpointer;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.io.ArrayFile;
import org.pinnadapt.core.io.FileCheckpointer;
import org.pinnadapt.core.loss.PhysicsLossImpl;
import org.pinnadapt.core.loss.SupervisedLossImpl;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.report.Plots;
import org.pinnadapt.core.strategy.NetworkSolution;
import org.pinnadapt.core.train.PhysicsTrainingProblem;

/** The framework's {@link StrategyContext}: one per strategy (and option set) in an experiment. */
public final class StrategyContextImpl implements StrategyContext, Compute, Losses, Training, RunStore {

  private final RunEnvironment env;
  private final String strategyId;
  private final Options options;
  private final SharedState shared;

  /** State shared by every context of an experiment: the base model and prepared strategies. */
  static final class SharedState {
    private BaseModel base;
    private final Map<String, AdaptationStrategy> prepared = new LinkedHashMap<>();
  }

  /**
   * Creates the context of a strategy.
   *
   * @param env the experiment's environment
   * @param strategyId the strategy id (used in file names)
   * @param options the strategy's options
   */
  public StrategyContextImpl(RunEnvironment env, String strategyId, Options options) {
    this(env, strategyId, options, new SharedState());
  }

  private StrategyContextImpl(RunEnvironment env, String strategyId, Options options, SharedState shared) {
    this.env = env;
    this.strategyId = strategyId;
    this.options = options;
    this.shared = shared;
  }

  /**
   * The environment.
   *
   * @return the environment
   */
  public RunEnvironment environment() {
    return env;
  }

  @Override
  public Pde pde() {
    return env.pde();
  }

  @Override
  public Options options() {
    return options;
  }

  @Override
  public long seed() {
    return env.seed();
  }

  @Override
  public NDManager manager() {
    return env.manager();
  }

  @Override
  public DataType dataType() {
    return env.dataType();
  }

  @Override
  public TaskSplit taskSplit() {
    return env.split();
  }

  @Override
  public NetworkSpec networkSpec() {
    return env.spec();
  }

  @Override
  public Network network(NetworkSpec spec) {
    if (spec.equals(env.spec())) { // the configured layout: its architecture may evaluate it itself
      Optional<Network> own = env.architecture().network(spec, env.dataType());
      if (own.isPresent()) {
        return own.get();
      }
    }
    return new FunctionalNetwork(spec, env.dataType());
  }

  @Override
  public synchronized BaseModel baseModel() {
    if (shared.base != null) {
      return shared.base;
    }
    Path cached = env.runDirectory().resolve("base").resolve("base.params");
    Path source = env.basePath() != null ? env.basePath() : (Files.exists(cached) ? cached : null);
    if (source != null) {
      shared.base = loadBase(source);
    } else if (env.sharedBase() != null) { // trained once per setting, by whichever run comes first
      try (BaseCache.Held held = BaseCache.hold(env.sharedBase())) {
        if (Files.exists(env.sharedBase())) {
          shared.base = loadBase(env.sharedBase());
        } else {
          shared.base = trainBase(cached);
          BaseCache.publish(cached, env.sharedBase());
        }
      }
    } else {
      shared.base = trainBase(cached);
    }
    return shared.base;
  }

  private BaseModel loadBase(Path source) {
    ArrayFile.Content c = ArrayFile.read(source, env.manager());
    Params p = c.group("params");
    checkShapes(p, source);
    frozen(p);
    env.info().accept("base network loaded from " + source);
    return new BaseModel(env.pde().referenceTask(), p, TrainingResult.none());
  }

  private BaseModel trainBase(Path cached) {
    Task task = env.pde().referenceTask();
    Network net = network(env.spec());
    Params params = net.initialize(env.manager(), env.seed() * 7919 + 1);
    env.info().accept("training the base network on " + env.pde().id() + " " + task.id());
    TrainingResult r;
    try (PhysicsLoss loss = physicsLoss(net, List.of(task), false)) {
      PhysicsTrainingProblem problem =
          new PhysicsTrainingProblem(params, p -> NetworkWeights.plain(env.spec(), p), loss);
      TrainerConfig cfg = env.baseTrainerConfig().toBuilder().optCheckpointer(checkpointer("base")).build();
      r = env.trainer().train(problem, cfg, "base " + task.id(), env.listener());
    }
    Map<String, Object> meta = new LinkedHashMap<>(env.metadata());
    meta.put("task", task.id());
    meta.put("epochs", r.epochs());
    meta.put("final_loss", r.finalLoss());
    ArrayFile.write(cached, meta, Map.of("params", params));
    RunFiles.writeHistory(env.runDirectory().resolve("base").resolve("history.csv"), "base", r.history(), false);
    try {
      Plots.history(env.runDirectory().resolve("figures").resolve("history-base.png"),
          "base network " + task.id() + ": training loss", r.history());
    } catch (RuntimeException e) {
      env.info().accept("warning: base history figure not written: " + e);
    }
    frozen(params);
    return new BaseModel(task, params, r);
  }

  /** The base is read-only for every strategy: no gradients are recorded for it. */
  private static void frozen(Params p) {
    for (NDArray a : p.arrays()) {
      if (a.hasGradient()) {
        a.setRequiresGradient(false);
      }
    }
  }

  private void checkShapes(Params p, Path source) {
    Params expected = network(env.spec()).initialize(env.manager(), 0);
    for (String name : expected.names()) {
      if (!p.contains(name) || !p.get(name).getShape().equals(expected.get(name).getShape())) {
        throw new InvalidInputException("base network " + source + " does not match the "
            + "configured architecture (parameter " + name + ")");
      }
    }
    expected.arrays().forEach(a -> a.close());
  }

  @Override
  public PhysicsLoss physicsLoss(Task task) {
    return physicsLoss(network(env.spec()), List.of(task), false);
  }

  @Override
  public PhysicsLoss physicsLoss(List<Task> tasks) {
    return physicsLoss(network(env.spec()), tasks, true);
  }

  @Override
  public PhysicsLoss physicsLoss(Network network, List<Task> tasks, boolean taskAxis) {
    return new PhysicsLossImpl(env.pde(), network, tasks, taskAxis, env.counts(), env.loss(), env.seed(), env.manager(),
        env.dataType());
  }

  @Override
  public SupervisedLoss dataLoss(Network network, List<Task> tasks, int pointsPerTask) {
    return SupervisedLossImpl.fromReference(env.pde(), network, tasks, pointsPerTask, env.seed(), env.manager(),
        env.dataType());
  }

  @Override
  public Trainer trainer() {
    return env.trainer();
  }

  @Override
  public Trainer trainer(String id) {
    return env.registry().trainer(id, Map.of());
  }

  @Override
  public TrainerConfig trainerConfig() {
    return env.trainerConfig();
  }

  @Override
  public Checkpointer checkpointer(String key) {
    if (env.checkpointEvery() <= 0) {
      return null;
    }
    Path file = env.runDirectory().resolve("checkpoints").resolve(RunFiles.safe(key) + ".ckpt");
    return new FileCheckpointer(file, env.checkpointEvery(), env.manager(), env.metadata(), env.info());
  }

  @Override
  public TrainingListener listener() {
    return env.listener();
  }

  @Override
  public Optional<Params> loadState(String key) {
    Path file = stateFile(key);
    if (!Files.exists(file)) {
      Path shared = sharedStateFile(key);
      if (shared == null || !Files.exists(shared)) {
        return Optional.empty();
      }
      env.info().accept(strategyId + ": state " + key + " loaded from " + shared + " (saved by a run of the same "
          + "setting)");
      file = shared;
    }
    return Optional.of(ArrayFile.read(file, env.manager()).group("state"));
  }

  @Override
  public void saveState(String key, Params state, Map<String, Object> metadata) {
    Map<String, Object> meta = new LinkedHashMap<>(env.metadata());
    meta.putAll(metadata);
    ArrayFile.write(stateFile(key), meta, Map.of("state", state));
    Path shared = sharedStateFile(key);
    if (shared != null) {
      BaseCache.publish(stateFile(key), shared);
    }
  }

  private Path stateFile(String key) {
    return env.runDirectory().resolve("state").resolve(RunFiles.safe(strategyId + "-" + key) + ".params");
  }

  /**
   * Where runs of one setting (a sweep's cells, a bench's runs: config key {@code base-cache}) share the states
   * their strategies save (a hypernetwork, a meta-learned model): {@code base-cache/<key>/state/}. A state's key
   * covers every strategy option it depends on ({@code RunStore#loadState}).
   */
  private Path sharedStateFile(String key) {
    return env.sharedBase() == null ? null
        : env.sharedBase().resolveSibling("state").resolve(RunFiles.safe(strategyId + "-" + key) + ".params");
  }

  @Override
  public Solution solveWith(String otherId, Map<String, ?> otherOptions, Task task) {
    AdaptationStrategy other;
    StrategyContextImpl ctx;
    synchronized (shared) {
      var provider = env.registry().strategyProvider(otherId);
      Options parsed = Options.parse(provider.options(), otherOptions, "strategy '" + otherId + "'");
      String key = otherId + parsed.asMap();
      ctx = new StrategyContextImpl(env, otherId + "-" + Integer.toHexString(key.hashCode()), parsed, shared);
      other = shared.prepared.get(key);
      if (other == null) {
        other = provider.create(parsed);
        other.prepare(ctx);
        shared.prepared.put(key, other);
      }
    }
    String stateKey = "solution-" + task.fileName();
    Optional<Params> saved = ctx.store().loadState(stateKey);
    if (saved.isPresent()) {
      return other.restore(task, saved.get(), ctx);
    }
    Path shared = env.sharedBase() == null ? null
        : BaseCache.solution(env.sharedBase(), otherId, ctx.options().asMap(), task.fileName());
    if (shared != null && Files.exists(shared)) { // solved by another run of the same base (a sweep cell)
      env.info().accept(otherId + " solution of " + task.id() + " loaded from " + shared);
      return other.restore(task, ArrayFile.read(shared, env.manager()).group("state"), ctx);
    }
    Solution s = other.adapt(task, ctx);
    ctx.store().saveState(stateKey, s.state(), Map.of("task", task.id(), "trainable", s.trainableParameters()));
    if (shared != null) {
      BaseCache.publish(ctx.stateFile(stateKey), shared);
    }
    return s;
  }

  @Override
  public Path workDirectory() {
    return env.runDirectory();
  }

  @Override
  public void info(String message) {
    env.info().accept(message);
  }

  @Override
  public Compute compute() {
    return this;
  }

  @Override
  public Losses losses() {
    return this;
  }

  @Override
  public Training training() {
    return this;
  }

  @Override
  public RunStore store() {
    return this;
  }

  @Override
  public TrainingProblem problem(Params trainable, Function<Params, NetworkWeights> composer, PhysicsLoss loss,
      int summedTasks) {
    return new PhysicsTrainingProblem(trainable, composer, loss, summedTasks);
  }

  @Override
  public Solution solution(Task task, Network network, Params state, Function<Params, NetworkWeights> composer,
      long trainable, TrainingResult training, NDManager manager) {
    return new NetworkSolution(task, network, state, composer, trainable, training, manager);
  }
}
