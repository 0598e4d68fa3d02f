package org.pinnadapt.strategy.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Compositions;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.LayerWeights;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.BaseModel;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;

/**
 * L-PINN (Majumdar et al. 2023): the base PINN's weights \( W_0 \) stay frozen and every adapted
 * layer learns a rank-r update, \( W = W_0 + B A \), \( B \in \mathbb R^{out \times r} \),
 * \( A \in \mathbb R^{r \times in} \). \( B \) starts at zero, so the adapted network starts as the
 * base network; \( A \) starts as {@link LoraConfig#init()} says. Several tasks can
 * train together along the task axis: each keeps its own factors, and the loss is the sum of the
 * per-task losses, so each task's gradient is exactly its own.
 */
public final class LoraStrategy implements AdaptationStrategy {

  private final LoraConfig config;

  /**
   * Creates the strategy.
   *
   * @param config rank, adapted layers, bias, batching
   */
  public LoraStrategy(LoraConfig config) {
    this.config = config;
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public LoraConfig config() {
    return config;
  }

  @Override
  public void prepare(StrategyContext ctx) {
    ctx.training().baseModel();
  }

  @Override
  public Solution adapt(Task task, StrategyContext ctx) {
    return adaptAll(List.of(task), ctx).get(0);
  }

  @Override
  public List<Solution> adaptAll(List<Task> tasks, StrategyContext ctx) {
    List<Solution> out = new ArrayList<>();
    for (int from = 0; from < tasks.size(); from += config.batchTasks()) {
      out.addAll(train(tasks.subList(from, Math.min(tasks.size(), from + config.batchTasks())), ctx));
    }
    return out;
  }

  private List<Solution> train(List<Task> group, StrategyContext ctx) {
    NetworkSpec spec = ctx.compute().networkSpec();
    BaseModel base = ctx.training().baseModel();
    Network net = ctx.compute().network(spec);
    boolean axis = group.size() > 1;
    NDManager groupManager = ctx.compute().manager().newSubManager();
    Params trainable = initialFactors(groupManager, spec, base.params(), group, ctx.seed(), axis);
    TrainingResult result;
    try (PhysicsLoss loss = axis ? ctx.losses().physicsLoss(group) : ctx.losses().physicsLoss(group.get(0))) {
      TrainingProblem problem = ctx.training().problem(trainable, p -> compose(spec, base.params(), p, config), loss,
          group.size());
      TrainerConfig cfg = ctx.training().trainerConfig().toBuilder()
          .optCheckpointer(ctx.training().checkpointer("lora-" + group.get(0).fileName() + (axis ? "-x" + group.size() : "")))
          .build();
      String label = "lora r=" + config.rank() + " " + group.get(0).id() + (axis ? " +" + (group.size() - 1) : "");
      result = ctx.training().trainer().train(problem, cfg, label, ctx.training().listener());
    }
    List<Solution> solutions = new ArrayList<>();
    long trainableCount = config.trainableParameters(spec);
    for (int t = 0; t < group.size(); t++) {
      NDManager m = ctx.compute().manager().newSubManager();
      Params state = new Params();
      for (var e : trainable.asMap().entrySet()) {
        NDArray a = axis ? e.getValue().get(t) : e.getValue();
        NDArray c = a.duplicate();
        c.attach(m);
        state.put(e.getKey(), c);
      }
      solutions.add(ctx.training().solution(group.get(t), net, state, p -> compose(spec, base.params(), p, config),
          trainableCount, result, m));
    }
    groupManager.close();
    return solutions;
  }

  @Override
  public int preferredGroupSize() {
    return config.batchTasks();
  }

  @Override
  public Solution restore(Task task, Params state, StrategyContext ctx) {
    NetworkSpec spec = ctx.compute().networkSpec();
    BaseModel base = ctx.training().baseModel();
    NDManager m = ctx.compute().manager().newSubManager();
    Params copy = state.copy(m);
    return ctx.training().solution(task, ctx.compute().network(spec), copy, p -> compose(spec, base.params(), p, config),
        config.trainableParameters(spec), TrainingResult.none(), m);
  }

  /**
   * Fresh LoRA factors: {@code layer<i>.A} random, {@code layer<i>.B} zero, and
   * {@code layer<i>.bias} copied from the base when biases adapt.
   *
   * @param m the manager
   * @param spec the network
   * @param base the base weights
   * @param tasks the tasks (a leading task axis when {@code axis})
   * @param seed the experiment seed
   * @param axis whether to add the task axis
   * @return the factors
   */
  Params initialFactors(NDManager m, NetworkSpec spec, Params base, List<Task> tasks, long seed, boolean axis) {
    Params p = new Params();
    int r = config.rank();
    int t = tasks.size();
    SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + tasks.get(0).id().hashCode());
    var type = base.get(NetworkSpec.weightName(0)).getDataType();
    for (int i : config.adaptedLayers(spec)) {
      LayerSpec l = spec.layers().get(i);
      double scale = 1 / Math.sqrt(l.in());
      boolean uniform = config.init().equals("kaiming-uniform");
      double[] a = new double[t * r * l.in()];
      for (int k = 0; k < a.length; k++) {
        a[k] = scale * (uniform ? 2 * rng.nextDouble() - 1 : gaussian(rng));
      }
      Shape aShape = axis ? new Shape(t, r, l.in()) : new Shape(r, l.in());
      Shape bShape = axis ? new Shape(t, l.out(), r) : new Shape(l.out(), r);
      p.put("layer" + i + ".A", Scalars.owned(m.create(a, aShape)).toType(type, false));
      p.put("layer" + i + ".B", m.zeros(bShape, type));
      if (config.bias() && l.bias()) {
        NDArray b0 = base.get(NetworkSpec.biasName(i));
        NDArray b = axis ? b0.expandDims(0).repeat(0, t) : b0.duplicate();
        b.attach(m);
        p.put("layer" + i + ".bias", b);
      }
    }
    return p;
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * The adapted network's weights: \( W_0 + B A \) on adapted layers, \( W_0 \) elsewhere.
   *
   * @param spec the network
   * @param base the frozen base weights
   * @param factors the factors (with or without a task axis)
   * @param config the configuration
   * @return the weights
   */
  public static NetworkWeights compose(NetworkSpec spec, Params base, Params factors, LoraConfig config) {
    NetworkWeights plain = NetworkWeights.plain(spec, base);
    List<LayerWeights> layers = new ArrayList<>(plain.layers());
    for (int i : config.adaptedLayers(spec)) {
      NDArray w = Compositions.lowRank(base.get(NetworkSpec.weightName(i)), factors.get("layer" + i + ".B"),
          factors.get("layer" + i + ".A"));
      NDArray b = factors.contains("layer" + i + ".bias") ? factors.get("layer" + i + ".bias") : layers.get(i).bias();
      layers.set(i, new LayerWeights(w, b));
    }
    return new NetworkWeights(plain.embedding(), layers);
  }
}
