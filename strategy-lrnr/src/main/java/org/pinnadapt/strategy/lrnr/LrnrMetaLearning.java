package org.pinnadapt.strategy.lrnr;

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
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;

/**
 * LR-PINN's meta-learning phase, shared by every phase of {@link LrnrStrategy}: the low-rank network and its
 * hypernetwork trained physics-informed over the training tasks (optionally in curriculum stages), with the
 * orthogonality and sparsity regularizers, then the ranks the hypernetwork never uses truncated.
 */
final class LrnrMetaLearning {

  /**
   * What the meta-learning leaves.
   *
   * @param model the model (after truncation)
   * @param params its parameters (bases, dense layers, hypernetwork)
   * @param training the last stage's training
   */
  record Learned(LrnrModel model, Params params, TrainingResult training) {}

  private final LrnrConfig config;

  LrnrMetaLearning(LrnrConfig config) {
    this.config = config;
  }

  static List<String> fieldNames(Pde pde) {
    return pde.fields().stream().map(f -> f.name()).toList();
  }

  static EmbeddingSpec inputEmbedding(LrnrConfig config, Pde pde) {
    return EmbeddingSpec.fourier(pde.domain(), config.periodic(), config.harmonics(), config.timeHarmonics());
  }

  /** The meta-learning tasks: {@code meta-tasks} when given, else the split's training tasks. */
  List<Task> trainTasks(StrategyContext ctx) {
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

  /**
   * Meta-learns the model and saves it in the run folder under {@code key}.
   *
   * @param ctx the context
   * @param epochs epochs of the meta-learning, split over the curriculum stages
   * @param key the state's key
   * @return the model
   */
  Learned learn(StrategyContext ctx, int epochs, String key) {
    Pde pde = ctx.pde();
    NDManager m = ctx.compute().manager();
    DataType type = ctx.compute().dataType();
    List<Task> train = trainTasks(ctx);
    int e = pde.embeddingDimension();
    double[][] norm = normalization(train, e);
    int[] ranks = new int[config.lowRankLayers()];
    Arrays.fill(ranks, config.rank());
    LrnrModel full = new LrnrModel(pde.domain().names(), fieldNames(pde), config.width(), ranks, config.hyperWidth(),
        e, inputEmbedding(config, pde));
    Network fullNet = ctx.compute().network(full.spec());
    Network fullHyper = ctx.compute().network(full.hyperSpec());
    Params p = full.initialize(fullNet, fullHyper, m, ctx.seed() * 13 + 5, norm[0], norm[1], type);
    List<List<Task>> stages = curriculum(pde, train);
    TrainingResult[] last = {TrainingResult.none()};
    int total = trainStages(ctx, full, fullNet, fullHyper, p, stages, epochs, last);
    LrnrModel model = full;
    Params params = p;
    if (config.truncate()) {
      double[][] grid = Truncation.grid(rangeMin(train, e), rangeMax(train, e), config.truncationGrid());
      int[][] keep = Truncation.keep(coefficientsOnHost(full, fullHyper, p, grid, m, type), ranks);
      Truncation.Truncated t = Truncation.truncate(full, p, keep, m);
      for (NDArray a : p.arrays()) {
        a.close();
      }
      model = t.model();
      params = t.params();
      ctx.store().info("lrnr: effective ranks after truncation " + Arrays.toString(model.ranks()) + " of "
          + Arrays.toString(ranks) + " (coefficients on a " + config.truncationGrid() + "-point grid per parameter)");
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("ranks", Arrays.toString(ranks));
    meta.put("effective_ranks", Arrays.toString(model.ranks()));
    meta.put("epochs", total);
    meta.put("train_tasks", train.size());
    if (stages.size() > 1) {
      meta.put("curriculum", config.curriculum() + " in " + stages.size() + " stages");
    }
    ctx.store().saveState(key, params, meta);
    return new Learned(model, params, last[0]);
  }

  /** The mean and standard deviation (1 where constant) of the tasks' embeddings: {@code [mean, std]}. */
  private static double[][] normalization(List<Task> train, int e) {
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
    return new double[][] {mean, std};
  }

  /** Trains every curriculum stage in turn; returns the epochs run, the last training in {@code last[0]}. */
  private int trainStages(StrategyContext ctx, LrnrModel full, Network fullNet, Network fullHyper, Params p,
      List<List<Task>> stages, int epochs, TrainingResult[] last) {
    NDManager m = ctx.compute().manager();
    DataType type = ctx.compute().dataType();
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
    int total = 0;
    try (PhysicsLoss valLoss = val.isEmpty() ? null : ctx.losses().physicsLoss(fullNet, val, true)) {
      for (int k = 0; k < stages.size(); k++) {
        List<Task> stage = stages.get(k);
        int stageEpochs = epochs / stages.size() + (k == stages.size() - 1 ? epochs % stages.size() : 0);
        try (NDManager scope = m.newSubManager(); PhysicsLoss loss = ctx.losses().physicsLoss(fullNet, stage, true)) {
          MetaProblem problem = new MetaProblem(full, fullHyper, p, trainable, embeddings(scope, stage, type), loss,
              valEmb, valLoss, config);
          TrainerConfig.Builder b = ctx.training().trainerConfig().toBuilder().optEpochs(stageEpochs)
              .optCheckpointer(ctx.training().checkpointer(stages.size() > 1 ? "lrnr-meta-stage" + (k + 1) : "lrnr-meta"));
          if (config.metaLr() > 0) {
            b.optSchedule(LrSchedule.constant(config.metaLr()));
          }
          if (config.metaLbfgsIterations() >= 0) {
            b.optLbfgsIterations(config.metaLbfgsIterations());
          }
          last[0] = ctx.training().trainer().train(problem, b.build(), stageLabel(stages, k), ctx.training().listener());
          total += last[0].epochs();
        }
      }
    }
    return total;
  }

  private String stageLabel(List<List<Task>> stages, int k) {
    List<Task> stage = stages.get(k);
    return "lrnr meta-learning (" + stage.size() + " tasks"
        + (stages.size() > 1 ? ", curriculum stage " + (k + 1) + "/" + stages.size() + ", " + config.curriculum()
            + " <= " + fmt(stage.stream().mapToDouble(t -> t.parameter(config.curriculum())).max().orElse(0)) : "")
        + ")";
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
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static double[] rangeMin(List<Task> tasks, int e) {
    double[] v = new double[e];
    Arrays.fill(v, Double.POSITIVE_INFINITY);
    for (Task t : tasks) {
      for (int i = 0; i < e; i++) {
        v[i] = Math.min(v[i], t.embedding()[i]);
      }
    }
    return v;
  }

  static double[] rangeMax(List<Task> tasks, int e) {
    double[] v = new double[e];
    Arrays.fill(v, Double.NEGATIVE_INFINITY);
    for (Task t : tasks) {
      for (int i = 0; i < e; i++) {
        v[i] = Math.max(v[i], t.embedding()[i]);
      }
    }
    return v;
  }

  static double[][] coefficientsOnHost(LrnrModel model, Network hyper, Params p, double[][] embeddings,
      NDManager m, DataType type) {
    try (NDManager scratch = m.newSubManager()) {
      NDArray z = LrnrModel.create(scratch, Linalg.flat(embeddings), new Shape(embeddings.length, embeddings[0].length),
          type);
      NDArray s = NDArrays.concat(new NDList(model.coefficients(hyper, p, z)), 1);
      double[] v = s.toType(DataType.FLOAT64, false).toDoubleArray();
      int r = model.totalRank();
      double[][] out = new double[embeddings.length][r];
      for (int i = 0; i < embeddings.length; i++) {
        System.arraycopy(v, i * r, out[i], 0, r);
      }
      return out;
    }
  }

  static NDArray embeddings(NDManager m, List<Task> tasks, DataType type) {
    int e = tasks.get(0).embeddingDimension();
    double[] flat = new double[tasks.size() * e];
    for (int t = 0; t < tasks.size(); t++) {
      System.arraycopy(tasks.get(t).embedding(), 0, flat, t * e, e);
    }
    return LrnrModel.create(m, flat, new Shape(tasks.size(), e), type);
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
}
