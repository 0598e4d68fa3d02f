package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
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
import java.util.function.Function;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.InitialValues;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.NetworkSolution;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.strategy.PhysicsTrainingProblem;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.LrSchedule;
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
  private Eim eim;
  private double eimError = Double.NaN;
  private SamplePoints samples;
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
    return eimError;
  }

  /** @return the EIM-reduced network, or {@code null} unless {@code phase=fast} */
  public Eim eim() {
    return eim;
  }

  /**
   * {@code effective_ranks} (per low-rank layer, after truncation) and, with {@code phase=fast}, the EIM's
   * {@code eim_sizes} and {@code eim_check_rel_error}.
   */
  @Override
  public Map<String, Object> facts(StrategyContext ctx) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("effective_ranks", Arrays.stream(effectiveRanks()).boxed().toList());
    if (eim != null) {
      f.put("eim_sizes", Arrays.stream(eim.sizes()).boxed().toList());
      f.put("eim_check_rel_error", eimError);
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
    int epochs = config.metaEpochs() > 0 ? config.metaEpochs() : ctx.trainerConfig().epochs();
    String key = stateKey(epochs);
    Optional<Params> saved = ctx.loadState(key);
    if (saved.isPresent()) {
      Params p = saved.get();
      int layers = config.lowRankLayers();
      int[] ranks = new int[layers];
      for (int l = 0; l < layers; l++) {
        ranks[l] = (int) p.get("lr" + l + ".U").getShape().get(1);
      }
      model = new LrnrModel(pde.domain().names(), fieldNames(pde), config.width(), ranks, config.hyperWidth(),
          pde.embeddingDimension(), inputEmbedding(pde));
      params = p;
      net = ctx.network(model.spec());
      hyperNet = ctx.network(model.hyperSpec());
      ctx.info("lrnr: meta-learned model loaded from the run folder (ranks " + Arrays.toString(ranks) + ")");
    } else {
      metaLearn(ctx, epochs, key);
    }
    if (config.phase().equals("fast")) {
      buildEim(ctx);
    }
  }

  private static List<String> fieldNames(Pde pde) {
    return pde.fields().stream().map(f -> f.name()).toList();
  }

  private EmbeddingSpec inputEmbedding(Pde pde) {
    return EmbeddingSpec.fourier(pde.domain(), config.periodic(), config.harmonics(), config.timeHarmonics());
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

  private List<Task> trainTasks(StrategyContext ctx) {
    if (!config.metaTasks().isBlank()) {
      List<Task> tasks = new ArrayList<>();
      for (String entry : config.metaTasks().split(";")) {
        if (entry.isBlank()) {
          continue;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String kv : entry.split(",")) {
          String[] parts = kv.split("=", 2);
          try {
            values.put(parts[0].trim(), Double.parseDouble(parts[1].trim()));
          } catch (RuntimeException e) {
            throw new InvalidInputException("option 'meta-tasks' of strategy 'lrnr': '" + kv.trim()
                + "' is not NAME=NUMBER");
          }
        }
        tasks.add(ctx.pde().task(values));
      }
      if (tasks.isEmpty()) {
        throw new InvalidInputException("option 'meta-tasks' of strategy 'lrnr' lists no task");
      }
      return tasks;
    }
    List<Task> train = ctx.taskSplit().train();
    if (config.trainTasks() > 0 && config.trainTasks() < train.size()) {
      train = train.subList(0, config.trainTasks());
    }
    if (train.isEmpty()) {
      throw new InvalidInputException("strategy 'lrnr' needs training tasks; the PDE's split has none");
    }
    return train;
  }

  private void metaLearn(StrategyContext ctx, int epochs, String key) {
    Pde pde = ctx.pde();
    NDManager m = ctx.manager();
    DataType type = ctx.dataType();
    List<Task> train = trainTasks(ctx);
    int e = pde.embeddingDimension();
    double[] mean = new double[e];
    double[] std = new double[e];
    for (Task t : train) {
      for (int i = 0; i < e; i++) {
        mean[i] += t.embedding()[i] / train.size();
      }
    }
    for (Task t : train) {
      for (int i = 0; i < e; i++) {
        double d = t.embedding()[i] - mean[i];
        std[i] += d * d / train.size();
      }
    }
    for (int i = 0; i < e; i++) {
      std[i] = std[i] > 0 ? Math.sqrt(std[i]) : 1;
    }
    int[] ranks = new int[config.lowRankLayers()];
    Arrays.fill(ranks, config.rank());
    LrnrModel full = new LrnrModel(pde.domain().names(), fieldNames(pde), config.width(), ranks, config.hyperWidth(),
        e, inputEmbedding(pde));
    Network fullNet = ctx.network(full.spec());
    Network fullHyper = ctx.network(full.hyperSpec());
    Params p = full.initialize(fullNet, fullHyper, m, ctx.seed() * 13 + 5, mean, std, type);
    Params trainable = new Params();
    p.asMap().forEach((k, v) -> {
      if (!k.startsWith("norm.")) {
        trainable.put(k, v);
      }
    });
    // validation on held-out tasks of the split, unless the meta-learning tasks are explicit (the split's
    // tasks may then come from a different regime and would select the wrong epoch)
    List<Task> val = config.metaTasks().isBlank() ? ctx.taskSplit().validation() : List.of();
    val = val.subList(0, Math.min(5, val.size()));
    NDArray valEmb = val.isEmpty() ? null : embeddings(m, val, type);
    List<List<Task>> stages = curriculum(pde, train);
    int total = 0;
    try (PhysicsLoss valLoss = val.isEmpty() ? null : ctx.physicsLoss(fullNet, val, true)) {
      for (int k = 0; k < stages.size(); k++) {
        List<Task> stage = stages.get(k);
        int stageEpochs = epochs / stages.size() + (k == stages.size() - 1 ? epochs % stages.size() : 0);
        String label = "lrnr meta-learning (" + stage.size() + " tasks"
            + (stages.size() > 1 ? ", curriculum stage " + (k + 1) + "/" + stages.size() + ", "
                + config.curriculum() + " <= "
                + fmt(stage.stream().mapToDouble(t -> t.parameter(config.curriculum())).max().orElse(0)) : "")
            + ")";
        try (NDManager scope = m.newSubManager(); PhysicsLoss loss = ctx.physicsLoss(fullNet, stage, true)) {
          NDArray emb = embeddings(scope, stage, type);
          MetaProblem problem = new MetaProblem(full, fullHyper, p, trainable, emb, loss, valEmb, valLoss, config);
          TrainerConfig.Builder b = ctx.trainerConfig().toBuilder().optEpochs(stageEpochs)
              .optCheckpointer(ctx.checkpointer(stages.size() > 1 ? "lrnr-meta-stage" + (k + 1) : "lrnr-meta"));
          if (config.metaLr() > 0) {
            b.optSchedule(LrSchedule.constant(config.metaLr()));
          }
          if (config.metaLbfgsIterations() >= 0) {
            b.optLbfgsIterations(config.metaLbfgsIterations());
          }
          metaTraining = ctx.trainer().train(problem, b.build(), label, ctx.listener());
          total += metaTraining.epochs();
        }
      }
    }
    int[] effective = ranks;
    if (config.truncate()) {
      double[][] grid = Truncation.grid(rangeMin(train, e), rangeMax(train, e), config.truncationGrid());
      double[][] s = coefficientsOnHost(full, fullHyper, p, grid, m, type);
      int[][] keep = Truncation.keep(s, ranks);
      LrnrModel.Truncated t = full.truncate(p, keep, m);
      for (NDArray a : p.arrays()) {
        a.close();
      }
      model = t.model();
      params = t.params();
      effective = model.ranks();
      ctx.info("lrnr: effective ranks after truncation " + Arrays.toString(effective) + " of "
          + Arrays.toString(ranks) + " (coefficients on a " + config.truncationGrid() + "-point grid per parameter)");
    } else {
      model = full;
      params = p;
    }
    net = ctx.network(model.spec());
    hyperNet = ctx.network(model.hyperSpec());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("ranks", Arrays.toString(ranks));
    meta.put("effective_ranks", Arrays.toString(effective));
    meta.put("epochs", total);
    meta.put("train_tasks", train.size());
    if (stages.size() > 1) {
      meta.put("curriculum", config.curriculum() + " in " + stages.size() + " stages");
    }
    ctx.saveState(key, params, meta);
  }

  /**
   * The meta-learning stages: the whole task list, or with a curriculum the growing sets of tasks whose
   * curriculum parameter is at most {@code min + (max - min) k / stages}, {@code k = 1..stages}
   * (stages that add no task are merged into the next).
   */
  List<List<Task>> curriculum(Pde pde, List<Task> train) {
    String name = config.curriculum();
    if (name.isEmpty() || config.curriculumStages() <= 1) {
      return List.of(train);
    }
    if (pde.parameters().stream().noneMatch(par -> par.name().equals(name))) {
      throw new InvalidInputException("option 'curriculum' of strategy 'lrnr' is '" + name + "', not a parameter of "
          + pde.id() + " (" + pde.parameters().stream().map(par -> par.name()).toList() + ")");
    }
    double lo = train.stream().mapToDouble(t -> t.parameter(name)).min().orElseThrow();
    double hi = train.stream().mapToDouble(t -> t.parameter(name)).max().orElseThrow();
    List<List<Task>> stages = new ArrayList<>();
    int previous = 0;
    for (int k = 1; k <= config.curriculumStages(); k++) {
      double limit = k == config.curriculumStages() ? hi : lo + (hi - lo) * k / config.curriculumStages();
      List<Task> stage = train.stream().filter(t -> t.parameter(name) <= limit).toList();
      if (stage.size() > previous) {
        stages.add(stage);
        previous = stage.size();
      }
    }
    return stages;
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }

  private static double[] rangeMin(List<Task> tasks, int e) {
    double[] v = new double[e];
    Arrays.fill(v, Double.POSITIVE_INFINITY);
    for (Task t : tasks) {
      for (int i = 0; i < e; i++) {
        v[i] = Math.min(v[i], t.embedding()[i]);
      }
    }
    return v;
  }

  private static double[] rangeMax(List<Task> tasks, int e) {
    double[] v = new double[e];
    Arrays.fill(v, Double.NEGATIVE_INFINITY);
    for (Task t : tasks) {
      for (int i = 0; i < e; i++) {
        v[i] = Math.max(v[i], t.embedding()[i]);
      }
    }
    return v;
  }

  private static double[][] coefficientsOnHost(LrnrModel model, Network hyper, Params p, double[][] embeddings,
      NDManager m, DataType type) {
    try (NDManager scratch = m.newSubManager()) {
      double[] flat = new double[embeddings.length * embeddings[0].length];
      for (int i = 0; i < embeddings.length; i++) {
        System.arraycopy(embeddings[i], 0, flat, i * embeddings[0].length, embeddings[0].length);
      }
      NDArray z = LrnrModel.create(scratch, flat, new Shape(embeddings.length, embeddings[0].length), type);
      NDArray s = ai.djl.ndarray.NDArrays.concat(new NDList(model.coefficients(hyper, p, z)), 1);
      double[] v = s.toType(DataType.FLOAT64, false).toDoubleArray();
      int r = model.totalRank();
      double[][] out = new double[embeddings.length][r];
      for (int i = 0; i < embeddings.length; i++) {
        System.arraycopy(v, i * r, out[i], 0, r);
      }
      return out;
    }
  }

  private static NDArray embeddings(NDManager m, List<Task> tasks, DataType type) {
    int e = tasks.get(0).embeddingDimension();
    double[] flat = new double[tasks.size() * e];
    for (int t = 0; t < tasks.size(); t++) {
      System.arraycopy(tasks.get(t).embedding(), 0, flat, t * e, e);
    }
    return LrnrModel.create(m, flat, new Shape(tasks.size(), e), type);
  }

  private void buildEim(StrategyContext ctx) {
    Pde pde = ctx.pde();
    samples = SamplePoints.of(pde.domain(), config.eimSpacePoints(), config.eimTimePoints(), config.eimDelta());
    List<Task> train = trainTasks(ctx);
    int e = pde.embeddingDimension();
    double[] lo = rangeMin(train, e);
    double[] hi = rangeMax(train, e);
    SplittableRandom rng = new SplittableRandom(ctx.seed() * 101 + 3);
    int n = config.eimSamples() + 1; // the last one is held out for the check
    double[][] z = new double[n][e];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < e; j++) {
        z[i][j] = lo[j] + (hi[j] - lo[j]) * rng.nextDouble();
      }
    }
    double[][] s = coefficientsOnHost(model, hyperNet, params, z, ctx.manager(), ctx.dataType());
    List<double[][]> perLayer = new ArrayList<>();
    int offset = 0;
    for (int r : model.ranks()) {
      double[][] layer = new double[n - 1][r];
      for (int i = 0; i < n - 1; i++) {
        System.arraycopy(s[i], offset, layer[i], 0, r);
      }
      perLayer.add(layer);
      offset += r;
    }
    long t0 = System.nanoTime();
    eim = Eim.build(model, params, perLayer, samples.all(), config.eimTolerance(), config.eimMaxRank(),
        ctx.manager().newSubManager(), ctx.dataType());
    // check on the held-out sample: reduced states and output against the full network's
    List<double[]> held = new ArrayList<>();
    offset = 0;
    for (int r : model.ranks()) {
      held.add(Arrays.copyOfRange(s[n - 1], offset, offset + r));
      offset += r;
    }
    eimError = checkError(model, params, eim, held, samples.all());
    ctx.info(String.format(Locale.ROOT, "lrnr: EIM-reduced network of sizes %s from %d snapshots at %d points in "
        + "%.1f s; largest relative difference to the full network at the sample points, held-out parameter: %.2e",
        Arrays.toString(eim.sizes()), n - 1, samples.all().length, (System.nanoTime() - t0) / 1e9, eimError));
  }

  /**
   * The largest relative difference between reduced and full hidden states and outputs at points.
   *
   * @param model the model
   * @param p its parameters
   * @param eim the reduced network
   * @param s coefficients per layer
   * @param points the points
   * @return the largest relative difference over hidden states and the output
   */
  static double checkError(LrnrModel model, Params p, Eim eim, List<double[]> s, double[][] points) {
    List<double[][]> full = Eim.hiddenStates(model, p, s, points);
    List<double[][]> reduced = eim.reducedStates(s, points);
    double worst = 0;
    for (int j = 0; j < full.size(); j++) {
      int[] idx = eim.indices(j);
      double num = 0;
      double den = 0;
      for (int i = 0; i < points.length; i++) {
        for (int k = 0; k < idx.length; k++) {
          double d = reduced.get(j)[i][k] - full.get(j)[i][idx[k]];
          num += d * d;
          den += full.get(j)[i][idx[k]] * full.get(j)[i][idx[k]];
        }
      }
      worst = Math.max(worst, Math.sqrt(num / Math.max(den, 1e-300)));
    }
    return worst;
  }

  @Override
  public Solution adapt(Task task, StrategyContext ctx) {
    prepare(ctx);
    List<NDArray> predicted = predictedCoefficients(task, ctx);
    switch (config.phase()) {
      case "hyper": {
        NDManager m = ctx.manager().newSubManager();
        Params state = new Params();
        for (int l = 0; l < predicted.size(); l++) {
          predicted.get(l).attach(m);
          state.put("s" + l, predicted.get(l));
        }
        return solution(task, state, TrainingResult.none(), m, ctx);
      }
      case "finetune":
        return finetune(task, predicted, ctx);
      default:
        return fast(task, predicted, ctx);
    }
  }

  /** The hypernetwork's coefficients for a task, detached copies owned by a fresh sub-manager's caller. */
  private List<NDArray> predictedCoefficients(Task task, StrategyContext ctx) {
    List<NDArray> out = new ArrayList<>();
    try (NDManager scratch = ctx.manager().newSubManager()) {
      NDArray z = LrnrModel.create(scratch, task.embedding(), new Shape(task.embedding().length), ctx.dataType());
      for (NDArray s : model.coefficients(hyperNet, params, z)) {
        NDArray c = s.duplicate();
        c.attach(ctx.manager());
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
    return new NetworkSolution(task, net, state, composer(), trainableCount(), training, m);
  }

  private Solution finetune(Task task, List<NDArray> predicted, StrategyContext ctx) {
    NDManager m = ctx.manager().newSubManager();
    Params state = new Params();
    for (int l = 0; l < predicted.size(); l++) {
      predicted.get(l).attach(m);
      state.put("s" + l, predicted.get(l));
    }
    if (config.finetuneDense()) {
      for (int i : new int[] {0, model.lastLayer()}) {
        for (String n : new String[] {"net." + NetworkSpec.weightName(i), "net." + NetworkSpec.biasName(i)}) {
          NDArray c = params.get(n).duplicate();
          c.attach(m);
          state.put(n, c);
        }
      }
    }
    TrainingResult result;
    try (PhysicsLoss loss = ctx.physicsLoss(net, List.of(task), false)) {
      TrainingProblem problem = new PhysicsTrainingProblem(state, composer(), loss);
      TrainerConfig cfg = ctx.trainerConfig().toBuilder().optCheckpointer(ctx.checkpointer("lrnr-" + task.fileName()))
          .build();
      result = ctx.trainer().train(problem, cfg, "lrnr finetune " + task.id(), ctx.listener());
    }
    for (NDArray a : state.arrays()) {
      a.setRequiresGradient(false);
    }
    return solution(task, state, result, m, ctx);
  }

  private Solution fast(Task task, List<NDArray> predicted, StrategyContext ctx) {
    NDManager m = ctx.manager().newSubManager();
    Params state = new Params();
    NDList anchors = new NDList();
    for (int l = 0; l < predicted.size(); l++) {
      predicted.get(l).attach(m);
      state.put("s" + l, predicted.get(l));
      NDArray a = predicted.get(l).duplicate();
      a.attach(m);
      anchors.add(a);
    }
    Network reduced = ctx.network(eim.reducedSpec());
    TrainingResult result;
    try (NDManager data = ctx.manager().newSubManager()) {
      FastProblem problem = FastProblem.create(ctx.pde(), task, eim, reduced, samples, state, anchors,
          config.locality(), data, ctx.dataType());
      TrainerConfig cfg = TrainerConfig.builder().optEpochs(config.fastEpochs())
          .optSchedule(LrSchedule.constant(config.fastLr())).optValidateEvery(0).optRestoreBest(false).build();
      result = ctx.trainer("adam").train(problem, cfg, "lrnr fast " + task.id(), ctx.listener());
    }
    for (NDArray a : state.arrays()) {
      a.setRequiresGradient(false);
    }
    anchors.close();
    return solution(task, state, result, m, ctx);
  }

  @Override
  public Solution restore(Task task, Params state, StrategyContext ctx) {
    prepare(ctx);
    NDManager m = ctx.manager().newSubManager();
    return solution(task, state.copy(m), TrainingResult.none(), m, ctx);
  }

  /** Meta-learning: physics over the training tasks plus the regularizers. */
  private static final class MetaProblem implements TrainingProblem {
    private final LrnrModel model;
    private final Network hyper;
    private final Params all;
    private final Params trainable;
    private final NDArray embedding;
    private final PhysicsLoss loss;
    private final NDArray valEmbedding;
    private final PhysicsLoss valLoss;
    private final LrnrConfig config;

    MetaProblem(LrnrModel model, Network hyper, Params all, Params trainable, NDArray embedding, PhysicsLoss loss,
        NDArray valEmbedding, PhysicsLoss valLoss, LrnrConfig config) {
      this.model = model;
      this.hyper = hyper;
      this.all = all;
      this.trainable = trainable.requireGradients();
      this.embedding = embedding;
      this.loss = loss;
      this.valEmbedding = valEmbedding;
      this.valLoss = valLoss;
      this.config = config;
    }

    @Override
    public Params parameters() {
      return trainable;
    }

    @Override
    public LossTerms loss(Batch batch) {
      List<NDArray> s = model.coefficients(hyper, all, embedding);
      LossTerms terms = loss.loss(model.weights(all, s, null), batch);
      if (config.orthoWeight() > 0) {
        terms.add("ortho", Scalars.mul(model.orthogonality(all), config.orthoWeight()));
      }
      if (config.sparsityWeight() > 0) {
        NDArray sp = LrnrModel.sparsity(s, config.gamma());
        if (sp != null) {
          terms.add("sparsity", Scalars.mul(sp, config.sparsityWeight()));
        }
      }
      return terms;
    }

    @Override
    public LossTerms validationLoss() {
      if (valLoss == null) {
        return null;
      }
      List<NDArray> s = model.coefficients(hyper, all, valEmbedding);
      return valLoss.validationLoss(model.weights(all, s, null));
    }

    @Override
    public int batchCount(int batchSize) {
      return loss.batchCount(batchSize);
    }

    @Override
    public void resample(int epoch) {
      loss.resample(epoch);
    }
  }

  /**
   * The EIM sample points: per spatial input {@code n_s} equispaced points (periodic inputs from the
   * lower end, others cell-centered), {@code n_t} times from start to end, and for each center its
   * {@code +-delta} shifts along every input.
   *
   * @param centers the centers {@code [M0][d]}
   * @param all the centers followed by their shifts
   * @param timeIndex the time column, or -1
   * @param timeStart the start time
   */
  record SamplePoints(double[][] centers, double[][] all, int timeIndex, double timeStart) {

    static SamplePoints of(Domain d, int nSpace, int nTime, double delta) {
      List<double[]> axes = new ArrayList<>();
      int timeIndex = -1;
      for (int i = 0; i < d.dim(); i++) {
        Input in = d.inputs().get(i);
        double[] v;
        if (in.time()) {
          timeIndex = i;
          v = new double[nTime];
          for (int k = 0; k < nTime; k++) {
            v[k] = nTime == 1 ? in.min() : in.min() + (in.max() - in.min()) * k / (nTime - 1);
          }
        } else {
          v = new double[nSpace];
          for (int k = 0; k < nSpace; k++) {
            v[k] = in.periodic() ? in.min() + (in.max() - in.min()) * k / nSpace
                : in.min() + (in.max() - in.min()) * (k + 0.5) / nSpace;
          }
        }
        axes.add(v);
      }
      int total = 1;
      for (double[] a : axes) {
        total *= a.length;
      }
      double[][] centers = new double[total][d.dim()];
      for (int g = 0; g < total; g++) {
        int rest = g;
        for (int i = d.dim() - 1; i >= 0; i--) {
          double[] a = axes.get(i);
          centers[g][i] = a[rest % a.length];
          rest /= a.length;
        }
      }
      List<double[]> all = new ArrayList<>(Arrays.asList(centers));
      for (double[] c : centers) {
        for (int i = 0; i < d.dim(); i++) {
          for (int sign : new int[] {-1, 1}) {
            double[] p = c.clone();
            p[i] += sign * delta;
            all.add(p);
          }
        }
      }
      double start = timeIndex >= 0 ? d.inputs().get(timeIndex).min() : Double.NaN;
      return new SamplePoints(centers, all.toArray(new double[0][]), timeIndex, start);
    }

    double[][] initial() {
      return Arrays.stream(centers).filter(c -> c[timeIndex] == timeStart).toArray(double[][]::new);
    }

    double[][] interior() {
      return Arrays.stream(centers).filter(c -> c[timeIndex] != timeStart).toArray(double[][]::new);
    }
  }

  /** The fast phase: L1 residual and initial-condition errors at the sample points, plus locality. */
  static final class FastProblem implements TrainingProblem {
    private final Pde pde;
    private final Eim eim;
    private final Network reduced;
    private final Params state;
    private final NDList anchors;
    private final double locality;
    private final NDArray interior;
    private final Map<String, NDArray> parameters;
    private final List<NDArray> icPoints = new ArrayList<>();
    private final List<NDArray> icTargets = new ArrayList<>();
    private final List<int[]> icColumns = new ArrayList<>();

    private FastProblem(Pde pde, Eim eim, Network reduced, Params state, NDList anchors, double locality,
        NDArray interior, Map<String, NDArray> parameters) {
      this.pde = pde;
      this.eim = eim;
      this.reduced = reduced;
      this.state = state.requireGradients();
      this.anchors = anchors;
      this.locality = locality;
      this.interior = interior;
      this.parameters = parameters;
    }

    static FastProblem create(Pde pde, Task task, Eim eim, Network reduced, SamplePoints samples, Params state,
        NDList anchors, double locality, NDManager m, DataType type) {
      double[][] in = samples.interior();
      double[][] ic = samples.initial();
      NDArray x = points(m, in, type);
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      for (var p : pde.parameters()) {
        if (task.parameters().containsKey(p.name())) {
          parameters.put(p.name(), Scalars.of(m, task.parameter(p.name()), type));
        }
      }
      FastProblem fp = new FastProblem(pde, eim, reduced, state, anchors, locality, x, parameters);
      InitialValues init = InitialValues.of(pde, task, ic);
      List<String> names = pde.fields().stream().map(f -> f.name()).toList();
      fp.icPoints.add(points(m, ic, type));
      fp.icTargets.add(points(m, init.values(), type));
      fp.icColumns.add(init.fields().stream().mapToInt(names::indexOf).toArray());
      return fp;
    }

    private static NDArray points(NDManager m, double[][] rows, DataType type) {
      double[] flat = new double[rows.length * rows[0].length];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
      }
      return LrnrModel.create(m, flat, new Shape(rows.length, rows[0].length), type);
    }

    @Override
    public Params parameters() {
      return state;
    }

    @Override
    public LossTerms loss(Batch batch) {
      List<NDArray> s = new ArrayList<>();
      for (int l = 0; l < anchors.size(); l++) {
        s.add(state.get("s" + l));
      }
      NetworkWeights w = eim.weights(s);
      LossTerms terms = new LossTerms();
      Fields f = reduced.jets(interior, w, pde.partials(), parameters);
      NDArray res = null;
      for (NDArray r : pde.residual(f)) {
        NDArray l1 = r.abs().mean();
        res = res == null ? l1 : res.add(l1);
      }
      terms.add("residual", res);
      for (int c = 0; c < icPoints.size(); c++) {
        NDArray out = reduced.forward(icPoints.get(c), w);
        int[] cols = icColumns.get(c);
        NDArray sel = cols.length == out.getShape().get(1) ? out
            : out.get(new ai.djl.ndarray.index.NDIndex(":, {}", out.getManager().create(
                java.util.Arrays.stream(cols).mapToLong(i -> i).toArray())));
        terms.add("ic", sel.sub(icTargets.get(c)).abs().mean());
      }
      if (locality > 0) {
        NDArray loc = null;
        for (int l = 0; l < anchors.size(); l++) {
          NDArray d = s.get(l).sub(anchors.get(l)).abs().sum();
          loc = loc == null ? d : loc.add(d);
        }
        terms.add("locality", Scalars.mul(loc, locality));
      }
      return terms;
    }
  }
}
