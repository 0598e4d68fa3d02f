package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;

/**
 * LR-PINN (Cho et al. 2023) and FastLRNR (SPInProp): a low-rank neural representation whose
 * per-task coefficients come from a hypernetwork meta-learned physics-informed over the training
 * tasks, with orthogonality and sparsity regularizers; ranks the hypernetwork never uses are truncated.
 * A new task gets the predicted coefficients ({@code phase=hyper}), coefficients (and the dense layers)
 * fine-tuned on its physics loss ({@code phase=finetune}), or coefficients trained by the fast phase
 * through the EIM-reduced network at a dozen sample points ({@code phase=fast}).
 */
public final class LrnrStrategy implements AdaptationStrategy {

  private final LrnrConfig config;
  private LrnrModel model;
  private Params params;
  private Network net;
  private Network hyperNet;
  private LrnrFastPhase fastPhase;
  private TrainingResult metaTraining = TrainingResult.none();

  /**
   * Creates the strategy.
   *
   * @param config the configuration
   */
  public LrnrStrategy(LrnrConfig config) {
    this.config = config;
  }

  /** @return the configuration */
  public LrnrConfig config() {
    return config;
  }

  /** @return the meta-learning result (none if loaded) */
  public TrainingResult metaTraining() {
    return metaTraining;
  }

  /**
   * The ranks after truncation.
   *
   * @return effective rank per low-rank layer
   */
  public int[] effectiveRanks() {
    return model.ranks();
  }

  /**
   * The largest relative difference between the reduced and the full network at the EIM sample points
   * for a held-out parameter sample (NaN unless {@code phase=fast}).
   *
   * @return the relative error
   */
  public double eimError() {
    return fastPhase == null ? Double.NaN : fastPhase.eimError();
  }

  /** @return the EIM-reduced network, or {@code null} unless {@code phase=fast} */
  public Eim eim() {
    return fastPhase == null ? null : fastPhase.eim();
  }

  /**
   * {@code effective_ranks} (per low-rank layer, after truncation) and, with {@code phase=fast}, the EIM's
   * {@code eim_sizes} and {@code eim_check_rel_error}.
   */
  @Override
  public Map<String, Object> facts(StrategyContext ctx) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("effective_ranks", Arrays.stream(effectiveRanks()).boxed().toList());
    if (fastPhase != null) {
      f.put("eim_sizes", Arrays.stream(fastPhase.eim().sizes()).boxed().toList());
      f.put("eim_check_rel_error", fastPhase.eimError());
    }
    return f;
  }

  /** @return the model (after truncation) */
  public LrnrModel model() {
    return model;
  }

  /** @return the shared parameters (bases, dense layers, hypernetwork) */
  public Params parameters() {
    return params;
  }

  @Override
  public boolean trainsPerTask() {
    return !config.phase().equals("hyper");
  }

  @Override
  public synchronized void prepare(StrategyContext ctx) {
    if (params != null) {
      return;
    }
    Pde pde = ctx.pde();
    if (config.phase().equals("fast") && !pde.domain().timeDependent()) {
      throw new InvalidInputException("strategy 'lrnr' with phase=fast needs a time-dependent PDE (the fast phase "
          + "fits the initial condition); " + pde.id() + " is steady");
    }
    int epochs = config.metaEpochs() > 0 ? config.metaEpochs() : ctx.training().trainerConfig().epochs();
    String key = stateKey(epochs);
    Optional<Params> saved = ctx.store().loadState(key);
    if (saved.isPresent()) {
      Params p = saved.get();
      int layers = config.lowRankLayers();
      int[] ranks = new int[layers];
      for (int l = 0; l < layers; l++) {
        ranks[l] = (int) p.get("lr" + l + ".U").getShape().get(1);
      }
      model = new LrnrModel(pde.domain().names(), LrnrMetaLearning.fieldNames(pde), config.width(), ranks,
          config.hyperWidth(), pde.embeddingDimension(), LrnrMetaLearning.inputEmbedding(config, pde));
      params = p;
      net = ctx.compute().network(model.spec());
      hyperNet = ctx.compute().network(model.hyperSpec());
      ctx.store().info("lrnr: meta-learned model loaded from the run folder (ranks " + Arrays.toString(ranks) + ")");
    } else {
      LrnrMetaLearning.Learned learned = new LrnrMetaLearning(config).learn(ctx, epochs, key);
      model = learned.model();
      params = learned.params();
      metaTraining = learned.training();
      net = ctx.compute().network(model.spec());
      hyperNet = ctx.compute().network(model.hyperSpec());
    }
    if (config.phase().equals("fast")) {
      fastPhase = LrnrFastPhase.build(config, ctx, model, params, net, hyperNet,
          new LrnrMetaLearning(config).trainTasks(ctx));
    }
  }

  private String stateKey(int epochs) {
    String all = config.width() + "/" + config.rank() + "/" + config.lowRankLayers() + "/" + config.hyperWidth() + "/"
        + config.orthoWeight() + "/" + config.sparsityWeight() + "/" + config.gamma() + "/" + epochs + "/"
        + config.metaLr() + "/" + config.metaLbfgsIterations() + "/"
        + config.trainTasks() + "/" + config.metaTasks() + "/" + config.truncate() + "/" + config.truncationGrid()
        + "/" + config.curriculum() + "/" + config.curriculumStages() + "/" + config.periodic() + "/"
        + config.harmonics() + "/" + config.timeHarmonics();
    return "lrnr-meta-" + Integer.toHexString(all.hashCode()); // String.hashCode is stable across runs
  }

  @Override
  public Solution adapt(Task task, StrategyContext ctx) {
    prepare(ctx);
    List<NDArray> predicted = predictedCoefficients(task, ctx);
    switch (config.phase()) {
      case "hyper": {
        NDManager m = ctx.compute().manager().newSubManager();
        Params state = new Params();
        for (int l = 0; l < predicted.size(); l++) {
          predicted.get(l).attach(m);
          state.put("s" + l, predicted.get(l));
        }
        return solution(task, state, TrainingResult.none(), m, ctx);
      }
      case "finetune":
        return finetune(task, predicted, config.finetuneDense(), ctx.training().trainer(),
            ctx.training().trainerConfig().toBuilder(), ctx);
      case "coefficients":
        return finetune(task, predicted, false, ctx.training().trainer("adam"), ctx.training().trainerConfig()
            .toBuilder().optEpochs(config.fastEpochs()).optSchedule(LrSchedule.constant(config.fastLr())), ctx);
      default: {
        NDManager m = ctx.compute().manager().newSubManager();
        double before = fastPhase.reducedError(model, params, predicted);
        LrnrFastPhase.Trained t = fastPhase.train(task, predicted, ctx, m);
        ctx.store().info(String.format(Locale.ROOT, "lrnr fast %s: reduced against full network at the sample points, "
            + "largest relative difference %.2e at the hypernetwork's coefficients, %.2e at the trained ones",
            task.id(), before, fastPhase.reducedError(model, params, t.state().arrays())));
        return solution(task, t.state(), t.training(), m, ctx);
      }
    }
  }

  /** The hypernetwork's coefficients for a task, detached copies owned by a fresh sub-manager's caller. */
  private List<NDArray> predictedCoefficients(Task task, StrategyContext ctx) {
    List<NDArray> out = new ArrayList<>();
    try (NDManager scratch = ctx.compute().manager().newSubManager()) {
      NDArray z = LrnrModel.create(scratch, task.embedding(), new Shape(task.embedding().length), ctx.compute().dataType());
      for (NDArray s : model.coefficients(hyperNet, params, z)) {
        NDArray c = s.duplicate();
        c.attach(ctx.compute().manager());
        out.add(c);
      }
    }
    return out;
  }

  private Function<Params, NetworkWeights> composer() {
    return st -> {
      List<NDArray> s = new ArrayList<>();
      for (int l = 0; l < model.lowRankLayers(); l++) {
        s.add(st.get("s" + l));
      }
      return model.weights(params, s, st);
    };
  }

  private long trainableCount() {
    long n = model.totalRank();
    if (config.phase().equals("finetune") && config.finetuneDense()) {
      n += model.denseParameterCount();
    }
    return n;
  }

  private Solution solution(Task task, Params state, TrainingResult training, NDManager m, StrategyContext ctx) {
    return ctx.training().solution(task, net, state, composer(), trainableCount(), training, m);
  }

  private Solution finetune(Task task, List<NDArray> predicted, boolean dense, Trainer trainer,
      TrainerConfig.Builder training, StrategyContext ctx) {
    NDManager m = ctx.compute().manager().newSubManager();
    Params state = new Params();
    for (int l = 0; l < predicted.size(); l++) {
      predicted.get(l).attach(m);
      state.put("s" + l, predicted.get(l));
    }
    if (dense) {
      for (int i : new int[] {0, model.lastLayer()}) {
        for (String n : new String[] {"net." + NetworkSpec.weightName(i), "net." + NetworkSpec.biasName(i)}) {
          NDArray c = params.get(n).duplicate();
          c.attach(m);
          state.put(n, c);
        }
      }
    }
    TrainingResult result;
    try (PhysicsLoss loss = ctx.losses().physicsLoss(net, List.of(task), false)) {
      TrainingProblem problem = ctx.training().problem(state, composer(), loss, 1);
      TrainerConfig cfg = training.optCheckpointer(ctx.training().checkpointer("lrnr-" + task.fileName())).build();
      result = trainer.train(problem, cfg, "lrnr " + config.phase() + " " + task.id(), ctx.training().listener());
    }
    for (NDArray a : state.arrays()) {
      a.setRequiresGradient(false);
    }
    return solution(task, state, result, m, ctx);
  }

  @Override
  public Solution restore(Task task, Params state, StrategyContext ctx) {
    prepare(ctx);
    NDManager m = ctx.compute().manager().newSubManager();
    return solution(task, state.copy(m), TrainingResult.none(), m, ctx);
  }
}
