package org.pinnadapt.strategy.hyper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingResult;

/**
 * HyperLoRA (Majumdar et al. 2023): a hypernetwork maps a task embedding to the LoRA factors of the
 * base PINN (or to all its weights), trained once over the training tasks with a physics-informed loss
 * (HyperPINN) or with the benchmarks' supervised losses (B1 reference data, B2 regression on per-task
 * L-PINN weights, B3 per-task L-PINN predictions). A solution for a new task is one forward pass.
 */
public final class HyperStrategy implements AdaptationStrategy {

  private static final String STATE = "hypernetwork";

  private final HyperConfig config;
  private Hypernetwork hyper;
  private Network hyperNet;
  private Params params;
  private Params base;
  private double[] rangeMin;
  private double[] rangeMax;
  private TrainingResult training = TrainingResult.none();
  private boolean warnedMany;

  /**
   * Creates the strategy.
   *
   * @param config the configuration
   */
  public HyperStrategy(HyperConfig config) {
    this.config = config;
  }

  @Override
  public boolean trainsPerTask() {
    return false;
  }

  /**
   * How the hypernetwork was trained (none if loaded).
   *
   * @return the result
   */
  public TrainingResult training() {
    return training;
  }

  /**
   * The number of scalars predicted per task.
   *
   * @param ctx the context
   * @return the count
   */
  public long predictedParameters(StrategyContext ctx) {
    return new Hypernetwork(ctx.compute().networkSpec(), config, ctx.pde().embeddingDimension()).predictedCount();
  }

  /** {@code predicted_params}: the scalars predicted per task. */
  @Override
  public Map<String, Object> facts(StrategyContext ctx) {
    return Map.of("predicted_params", predictedParameters(ctx));
  }

  @Override
  public synchronized void prepare(StrategyContext ctx) {
    if (params != null) {
      return;
    }
    Pde pde = ctx.pde();
    NetworkSpec target = ctx.compute().networkSpec();
    base = ctx.training().baseModel().params();
    hyper = new Hypernetwork(target, config, pde.embeddingDimension());
    hyperNet = ctx.compute().network(hyper.spec());
    NDManager m = ctx.compute().manager();
    if (loadSaved(ctx)) {
      return;
    }
    List<Task> train = ctx.taskSplit().train();
    if (config.trainTasks() > 0 && config.trainTasks() < train.size()) {
      train = train.subList(0, config.trainTasks());
    }
    double[][] norm = normalization(train, pde.embeddingDimension());
    double[] mean = norm[0];
    double[] std = norm[1];
    params = hyper.initialize(hyperNet, m, ctx.seed() * 7 + 11, base, mean, std);
    Params trainable = new Params();
    params.asMap().forEach((k, v) -> {
      if (!k.startsWith("norm.")) {
        trainable.put(k, v);
      }
    });
    Network targetNet = ctx.compute().network(target);
    int per = config.batchTasks() > 0 ? config.batchTasks() : train.size();
    List<HyperProblem.Group> groups = new ArrayList<>();
    List<AutoCloseable> closeables = new ArrayList<>();
    try {
      for (int from = 0; from < train.size(); from += per) {
        groups.add(group(ctx, train.subList(from, Math.min(train.size(), from + per)), targetNet, closeables, m));
      }
      HyperProblem.Group validation = validationGroup(ctx, targetNet, closeables, m);
      HyperProblem problem = new HyperProblem(hyper, hyperNet, targetNet, params, trainable, base, groups, validation);
      TrainerConfig cfg = ctx.training().trainerConfig().toBuilder().optCheckpointer(ctx.training().checkpointer("hyper")).build();
      String label = "hyper " + config.losses() + (config.full() ? " full" : " r=" + config.rank());
      training = ctx.training().trainer().train(problem, cfg, label, ctx.training().listener());
    } finally {
      for (AutoCloseable c : closeables) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort
        }
      }
    }
    save(ctx, train.size());
  }

  /**
   * Validation on held-out tasks with the losses that need no per-task training (physics, reference data), or
   * null: B2/B3 alone select by training loss.
   */
  private HyperProblem.Group validationGroup(StrategyContext ctx, Network targetNet, List<AutoCloseable> closeables,
      NDManager m) {
    List<Task> val = ctx.taskSplit().validation();
    val = val.subList(0, Math.min(10, val.size()));
    if (val.isEmpty() || !(config.uses("physics") || config.uses("data"))) {
      return null;
    }
    var physics = config.uses("physics") ? ctx.losses().physicsLoss(targetNet, val, true) : null;
    var data = config.uses("data") ? ctx.losses().dataLoss(targetNet, val, config.dataPoints()) : null;
    if (physics != null) {
      closeables.add(physics);
    }
    if (data != null) {
      closeables.add(data);
    }
    return new HyperProblem.Group(embeddings(m, val, params), physics, data, null, null, null);
  }

  /** Loads a hypernetwork this configuration trained before in the run folder; false if there is none. */
  private boolean loadSaved(StrategyContext ctx) {
    Optional<Params> saved = ctx.store().loadState(stateKey());
    if (saved.isEmpty()) {
      return false;
    }
    params = new Params();
    saved.get().asMap().forEach((k, v) -> {
      if (!k.startsWith("range.")) {
        params.put(k, v);
      }
    });
    rangeMin = saved.get().get("range.min").toType(DataType.FLOAT64, false).toDoubleArray();
    rangeMax = saved.get().get("range.max").toType(DataType.FLOAT64, false).toDoubleArray();
    ctx.store().info("hypernetwork loaded from the run folder");
    return true;
  }

  /**
   * The mean and standard deviation (1 where constant) of the training tasks' embeddings, {@code [mean, std]};
   * records their range too.
   */
  private double[][] normalization(List<Task> train, int e) {
    double[] mean = new double[e];
    double[] std = new double[e];
    rangeMin = new double[e];
    rangeMax = new double[e];
    Arrays.fill(rangeMin, Double.POSITIVE_INFINITY);
    Arrays.fill(rangeMax, Double.NEGATIVE_INFINITY);
    for (Task t : train) {
      double[] z = t.embedding();
      for (int i = 0; i < e; i++) {
        mean[i] += z[i] / train.size();
        rangeMin[i] = Math.min(rangeMin[i], z[i]);
        rangeMax[i] = Math.max(rangeMax[i], z[i]);
      }
    }
    for (Task t : train) {
      double[] z = t.embedding();
      for (int i = 0; i < e; i++) {
        std[i] += (z[i] - mean[i]) * (z[i] - mean[i]) / train.size();
      }
    }
    for (int i = 0; i < e; i++) {
      std[i] = std[i] > 0 ? Math.sqrt(std[i]) : 1;
    }
    return new double[][] {mean, std};
  }

  /** Saves the trained hypernetwork and the training tasks' range in the run folder. */
  private void save(StrategyContext ctx, int trainTasks) {
    NDManager m = ctx.compute().manager();
    Params state = new Params();
    params.asMap().forEach(state::put);
    state.put("range.min", Scalars.owned(m.create(rangeMin)));
    state.put("range.max", Scalars.owned(m.create(rangeMax)));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("losses", String.join("+", config.losses()));
    meta.put("predicted", hyper.predictedCount());
    meta.put("epochs", training.epochs());
    meta.put("train_tasks", trainTasks);
    ctx.store().saveState(stateKey(), state, meta);
  }

  /** The saved state's key: one per configuration, so variants can share a run folder. */
  private String stateKey() {
    String all = config.hidden() + "/" + config.activation().id() + "/" + config.dataPoints() + "/"
        + config.trainTasks() + "/" + config.batchTasks() + "/" + config.outputScale();
    return STATE + "-" + String.join("+", config.losses()) + (config.full() ? "-full" : "-r" + config.rank())
        + "-" + Integer.toHexString(all.hashCode()); // String.hashCode is stable across runs
  }

  private NDArray embeddings(NDManager m, List<Task> tasks, Params like) {
    int e = tasks.get(0).embeddingDimension();
    double[] flat = new double[tasks.size() * e];
    for (int t = 0; t < tasks.size(); t++) {
      System.arraycopy(tasks.get(t).embedding(), 0, flat, t * e, e);
    }
    DataType type = like.get(Hypernetwork.MEAN).getDataType();
    return Scalars.owned(m.create(flat, new Shape(tasks.size(), e))).toType(type, false);
  }

  private HyperProblem.Group group(StrategyContext ctx, List<Task> tasks, Network targetNet,
      List<AutoCloseable> closeables, NDManager m) {
    NDArray emb = embeddings(m, tasks, params);
    var physics = config.uses("physics") ? ctx.losses().physicsLoss(targetNet, tasks, true) : null;
    var data = config.uses("data") ? ctx.losses().dataLoss(targetNet, tasks, config.dataPoints()) : null;
    if (physics != null) {
      closeables.add(physics);
    }
    if (data != null) {
      closeables.add(data);
    }
    NDArray weightTargets = null;
    NDArray pinnPoints = null;
    NDArray pinnTargets = null;
    if (config.uses("weights") || config.uses("pinn-data")) {
      String strategy = config.full() ? "finetune" : "lora";
      Map<String, Object> opts = config.full() ? Map.of() : Map.of("rank", config.rank());
      NDList targets = new NDList();
      NDList pts = new NDList();
      NDList preds = new NDList();
      for (Task t : tasks) {
        try (Solution s = ctx.training().solveWith(strategy, opts, t)) {
          if (config.uses("weights")) {
            NDList flat = new NDList();
            for (String name : hyper.names()) {
              flat.add(s.state().get(name).reshape(-1));
            }
            NDArray v = NDArrays.concat(flat, 0).duplicate();
            v.attach(m);
            targets.add(v);
          }
          if (config.uses("pinn-data")) {
            NDArray x = randomPoints(m, ctx.pde().domain(), config.dataPoints(), ctx.seed() + t.id().hashCode(),
                emb.getDataType());
            NDArray y = s.predict(x).duplicate();
            y.attach(m);
            pts.add(x);
            preds.add(y);
          }
        }
      }
      if (!targets.isEmpty()) {
        weightTargets = NDArrays.stack(targets, 0);
      }
      if (!pts.isEmpty()) {
        pinnPoints = NDArrays.stack(pts, 0);
        pinnTargets = NDArrays.stack(preds, 0);
      }
    }
    return new HyperProblem.Group(emb, physics, data, weightTargets, pinnPoints, pinnTargets);
  }

  private static NDArray randomPoints(NDManager m, Domain d, int n, long seed, DataType type) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] lo = d.lower();
    double[] hi = d.upper();
    double[] v = new double[n * d.dim()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d.dim(); j++) {
        v[i * d.dim() + j] = lo[j] + (hi[j] - lo[j]) * rng.nextDouble();
      }
    }
    return Scalars.owned(m.create(v, new Shape(n, d.dim()))).toType(type, false);
  }

  @Override
  public Solution adapt(Task task, StrategyContext ctx) {
    prepare(ctx);
    warnOutsideRange(List.of(task), ctx, "");
    NDManager m = ctx.compute().manager().newSubManager();
    Params state = new Params();
    try (NDManager scratch = ctx.compute().manager().newSubManager()) {
      NDArray predicted = hyper.predict(hyperNet, params, embeddings(List.of(task), scratch).squeeze(0));
      hyper.unpack(predicted).asMap().forEach((k, v) -> {
        NDArray c = v.duplicate();
        c.attach(m);
        state.put(k, c);
      });
    }
    return solution(task, state, ctx, m);
  }

  /**
   * All tasks' weights in one forward pass of the hypernetwork, then the composed target networks evaluated along
   * the task axis.
   */
  @Override
  public NDArray predictAll(List<Task> tasks, NDArray x, StrategyContext ctx) {
    prepare(ctx);
    if (!warnedMany) {
      warnedMany = warnOutsideRange(tasks, ctx, "; further tasks outside it are not reported");
    }
    NDManager owner = x.getManager();
    try (NDManager scratch = ctx.compute().manager().newSubManager()) {
      NDArray xs = x.duplicate();
      xs.attach(scratch);
      NDArray y = hyper.evaluateAll(hyperNet, params, base, embeddings(tasks, scratch),
          ctx.compute().network(ctx.compute().networkSpec()), xs);
      y.attach(owner);
      return y;
    }
  }

  /** The tasks' embeddings {@code [tasks, k]} in the hypernetwork's precision; an embedding of another size fails. */
  private NDArray embeddings(List<Task> tasks, NDManager m) {
    double[] flat = new double[tasks.size() * rangeMin.length];
    for (int i = 0; i < tasks.size(); i++) {
      double[] z = tasks.get(i).embedding();
      if (z.length != rangeMin.length) {
        throw new InvalidInputException("task " + tasks.get(i).id() + " has an embedding of " + z.length
            + " values; the hypernetwork takes " + rangeMin.length);
      }
      System.arraycopy(z, 0, flat, i * z.length, z.length);
    }
    NDArray emb = Scalars.owned(m.create(flat, new Shape(tasks.size(), rangeMin.length)));
    return emb.toType(params.get(Hypernetwork.MEAN).getDataType(), false);
  }

  /** Says when a task lies outside the training range (the hypernetwork extrapolates there); true if one does. */
  private boolean warnOutsideRange(List<Task> tasks, StrategyContext ctx, String more) {
    for (Task task : tasks) {
      double[] z = task.embedding();
      for (int i = 0; i < Math.min(z.length, rangeMin.length); i++) {
        if (z[i] < rangeMin[i] - 1e-12 || z[i] > rangeMax[i] + 1e-12) {
          ctx.store().info(String.format(Locale.ROOT, "warning: task %s lies outside the training range (embedding "
              + "value %d = %s, trained on [%s, %s]); the hypernetwork extrapolates%s", task.id(), i + 1, z[i],
              rangeMin[i], rangeMax[i], more));
          return true;
        }
      }
    }
    return false;
  }

  private Solution solution(Task task, Params state, StrategyContext ctx, NDManager m) {
    NetworkSpec target = ctx.compute().networkSpec();
    return ctx.training().solution(task, ctx.compute().network(target), state, p -> hyper.compose(base, p), hyper.predictedCount(),
        TrainingResult.none(), m);
  }

  @Override
  public Solution restore(Task task, Params state, StrategyContext ctx) {
    prepare(ctx);
    NDManager m = ctx.compute().manager().newSubManager();
    return solution(task, state.copy(m), ctx, m);
  }
}
