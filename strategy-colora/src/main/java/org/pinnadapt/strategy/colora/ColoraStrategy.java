package org.pinnadapt.strategy.colora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;

/**
 * CoLoRA (Berman and Peherstorfer 2024). Offline, a CoLoRA network over the spatial inputs and a
 * hypernetwork {@code h(t, mu) -> alpha} are trained together on solution snapshots of the training
 * parameters (the PDE plug-in's reference), minimizing the mean over {@code (mu, t)} of the relative L2
 * error on the spatial grid. Online, a new parameter gets alpha from the hypernetwork at any time
 * (CoLoRA-D), or alpha is integrated in time from the initial condition by Neural Galerkin with RK4,
 * using only the PDE (CoLoRA-EQ).
 */
public final class ColoraStrategy implements AdaptationStrategy {

  private final ColoraConfig config;
  private ColoraModel model;
  private Params params;
  private Network net;
  private Network hyperNet;
  private TrainingResult offline = TrainingResult.none();

  /**
   * Creates the strategy.
   *
   * @param config the configuration
   */
  public ColoraStrategy(ColoraConfig config) {
    this.config = config;
  }

  /** @return the configuration */
  public ColoraConfig config() {
    return config;
  }

  /** @return the model (after {@link #prepare}) */
  public ColoraModel model() {
    return model;
  }

  /** @return the offline parameters (after {@link #prepare}) */
  public Params parameters() {
    return params;
  }

  /** @return the offline training (none if loaded) */
  public TrainingResult offlineTraining() {
    return offline;
  }

  /** {@code online_params} and {@code offline_params} of the model. */
  @Override
  public Map<String, Object> facts(StrategyContext ctx) {
    return Map.of("online_params", model.onlineCount(), "offline_params", model.offlineCount());
  }

  @Override
  public boolean trainsPerTask() {
    return false; // no training per task: prediction (D) or time integration (EQ)
  }

  static Domain checkDomain(Pde pde) {
    Domain d = pde.domain();
    if (!d.timeDependent()) {
      throw new InvalidInputException("strategy 'colora' needs a time-dependent PDE; " + pde.id() + " is steady");
    }
    if (d.space().isEmpty()) {
      throw new InvalidInputException("strategy 'colora' needs at least one spatial input; " + pde.id() + " has none");
    }
    return d;
  }

  /**
   * The model layout for a PDE.
   *
   * @param pde the PDE
   * @param c the configuration
   * @return the model
   */
  static ColoraModel layout(Pde pde, ColoraConfig c) {
    Domain d = checkDomain(pde);
    List<String> names = d.space().stream().map(Input::name).toList();
    double[] periods = d.space().stream().mapToDouble(i -> i.periodic() ? i.length() : Double.NaN).toArray();
    return new ColoraModel(names, periods, pde.fields().stream().map(f -> f.name()).toList(), c.width(), c.layers(),
        c.rank(), c.perRank(), c.hyperWidth(), pde.embeddingDimension());
  }

  @Override
  public synchronized void prepare(StrategyContext ctx) {
    if (params != null) {
      return;
    }
    Pde pde = ctx.pde();
    model = layout(pde, config);
    net = ctx.compute().network(model.spec());
    hyperNet = ctx.compute().network(model.hyperSpec());
    int epochs = config.offlineEpochs() > 0 ? config.offlineEpochs() : ctx.training().trainerConfig().epochs();
    String key = "colora-offline-" + Integer.toHexString((config.width() + "/" + config.layers() + "/" + config.rank()
        + "/" + config.perRank() + "/" + config.hyperWidth() + "/" + config.trainTasks() + "/" + config.snapshotTimes()
        + "/" + config.spacePoints() + "/" + epochs + "/" + config.offlineLr()).hashCode());
    Optional<Params> saved = ctx.store().loadState(key);
    if (saved.isPresent()) {
      params = saved.get();
      ctx.store().info("colora: offline network loaded from the run folder");
      return;
    }
    List<Task> train = ctx.taskSplit().train();
    if (config.trainTasks() > 0 && config.trainTasks() < train.size()) {
      train = train.subList(0, config.trainTasks());
    }
    List<Task> val = ctx.taskSplit().validation();
    val = val.subList(0, Math.min(3, val.size()));
    NDManager m = ctx.compute().manager();
    DataType type = ctx.compute().dataType();
    double[][] grid = spatialGrid(pde.domain(), spacePoints(pde.domain()));
    double[] times = times(pde.domain(), config.snapshotTimes());
    Snapshots data = snapshots(pde, train, grid, times, m, type);
    Snapshots valData = val.isEmpty() ? null : snapshots(pde, val, grid, times, m, type);
    int e = pde.embeddingDimension();
    double[] mean = new double[1 + e];
    double[] std = new double[1 + e];
    data.normalization(mean, std);
    params = model.initialize(net, hyperNet, m, ctx.seed() * 7 + 1, mean, std, type);
    Params trainable = new Params();
    params.asMap().forEach((k, v) -> {
      if (!k.startsWith("norm.")) {
        trainable.put(k, v);
      }
    });
    OfflineProblem problem = new OfflineProblem(model, hyperNet, params, trainable, data, valData);
    // the paper's cosine decay over the offline epochs, to a thousandth of the initial rate
    TrainerConfig cfg = ctx.training().trainerConfig().toBuilder().optEpochs(epochs)
        .optSchedule(LrSchedule.cosine(config.offlineLr(), config.offlineLr() * 1e-3, 0))
        .optCheckpointer(ctx.training().checkpointer("colora-offline")).build();
    offline = ctx.training().trainer().train(problem, cfg, "colora offline (" + train.size() + " parameters x "
        + times.length + " times)", ctx.training().listener());
    data.close();
    if (valData != null) {
      valData.close();
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epochs", offline.epochs());
    meta.put("train_tasks", train.size());
    meta.put("online_params", model.onlineCount());
    meta.put("offline_params", model.offlineCount());
    ctx.store().saveState(key, params, meta);
  }

  int spacePoints(Domain d) {
    if (config.spacePoints() > 0) {
      return config.spacePoints();
    }
    return d.space().size() == 1 ? 128 : 24;
  }

  /**
   * A regular grid over the spatial inputs (periodic inputs without their right end).
   *
   * @param d the domain
   * @param n points per input
   * @return {@code [n^ds][ds]}
   */
  static double[][] spatialGrid(Domain d, int n) {
    List<Input> space = d.space();
    int ds = space.size();
    int total = (int) Math.pow(n, ds);
    double[][] g = new double[total][ds];
    for (int k = 0; k < total; k++) {
      int rest = k;
      for (int i = ds - 1; i >= 0; i--) {
        Input in = space.get(i);
        int j = rest % n;
        rest /= n;
        g[k][i] = in.periodic() ? in.min() + in.length() * j / n : in.min() + in.length() * j / (n - 1);
      }
    }
    return g;
  }

  static double[] times(Domain d, int n) {
    Input t = d.time().orElseThrow();
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = t.min() + (t.max() - t.min()) * k / (n - 1);
    }
    return v;
  }

  /** Reference snapshots: targets {@code [T, N, F]} and hypernetwork inputs {@code [T, 1 + e]}. */
  private static Snapshots snapshots(Pde pde, List<Task> tasks, double[][] grid, double[] times, NDManager m,
      DataType type) {
    Domain d = pde.domain();
    int ti = d.index(d.time().orElseThrow().name());
    int[] spaceCols = d.space().stream().mapToInt(i -> d.index(i.name())).toArray();
    int n = grid.length;
    int f = pde.fields().size();
    int e = pde.embeddingDimension();
    int slices = tasks.size() * times.length;
    double[] targets = new double[slices * n * f];
    double[] z = new double[slices * (1 + e)];
    int s = 0;
    for (Task task : tasks) {
      double[][] pts = new double[n * times.length][d.dim()];
      for (int k = 0; k < times.length; k++) {
        for (int i = 0; i < n; i++) {
          double[] p = pts[k * n + i];
          p[ti] = times[k];
          for (int c = 0; c < spaceCols.length; c++) {
            p[spaceCols[c]] = grid[i][c];
          }
        }
      }
      double[][] values = pde.reference(task).evaluate(PointSet.ofRows(pts));
      for (int k = 0; k < times.length; k++) {
        for (int i = 0; i < n; i++) {
          System.arraycopy(values[k * n + i], 0, targets, ((s + k) * n + i) * f, f);
        }
        z[(s + k) * (1 + e)] = times[k];
        System.arraycopy(task.embedding(), 0, z, (s + k) * (1 + e) + 1, e);
      }
      s += times.length;
    }
    NDManager sub = m.newSubManager();
    double[] flatGrid = new double[n * grid[0].length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(grid[i], 0, flatGrid, i * grid[0].length, grid[0].length);
    }
    return new Snapshots(sub, ColoraModel.create(sub, flatGrid, new Shape(1, n, grid[0].length), type),
        ColoraModel.create(sub, targets, new Shape(slices, n, f), type),
        ColoraModel.create(sub, z, new Shape(slices, 1, 1 + e), type), z, 1 + e);
  }

  /** Snapshot arrays of the offline phase. */
  private record Snapshots(NDManager manager, NDArray x, NDArray targets, NDArray z, double[] rawZ, int zDim)
      implements AutoCloseable {
    void normalization(double[] mean, double[] std) {
      int rows = rawZ.length / zDim;
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < zDim; j++) {
          mean[j] += rawZ[r * zDim + j] / rows;
        }
      }
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < zDim; j++) {
          double dd = rawZ[r * zDim + j] - mean[j];
          std[j] += dd * dd / rows;
        }
      }
      for (int j = 0; j < zDim; j++) {
        std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1;
      }
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  /** The offline loss: mean over (mu, t) of the relative L2 error on the spatial grid. */
  private static final class OfflineProblem implements TrainingProblem {
    private final ColoraModel model;
    private final Network hyper;
    private final Params all;
    private final Params trainable;
    private final Snapshots data;
    private final Snapshots val;

    OfflineProblem(ColoraModel model, Network hyper, Params all, Params trainable, Snapshots data, Snapshots val) {
      this.model = model;
      this.hyper = hyper;
      this.all = all;
      this.trainable = trainable.requireGradients();
      this.data = data;
      this.val = val;
    }

    @Override
    public Params parameters() {
      return trainable;
    }

    @Override
    public LossTerms loss(Batch batch) {
      return terms(data);
    }

    @Override
    public LossTerms validationLoss() {
      return val == null ? null : terms(val);
    }

    private LossTerms terms(Snapshots s) {
      NDArray alpha = model.alpha(hyper, all, s.z()); // [T, 1, nPhi]
      NDArray u = model.forward(all, s.x(), alpha); // [T, N, F]
      NDArray d = u.sub(s.targets());
      NDArray num = d.mul(d).sum(new int[] {1, 2});
      NDArray den = s.targets().mul(s.targets()).sum(new int[] {1, 2}).add(Scalars.of(d, 1e-12));
      return new LossTerms().add("relative-l2", num.div(den).add(Scalars.of(d, 1e-20)).sqrt().mean());
    }
  }

  @Override
  public Solution adapt(Task task, StrategyContext ctx) {
    prepare(ctx);
    if (config.method().equals("d")) {
      NDManager m = ctx.compute().manager().newSubManager();
      Params state = new Params();
      state.put("mu", ColoraModel.create(m, task.embedding(), new Shape(task.embedding().length), ctx.compute().dataType()));
      return new ColoraSolution.Predicted(task, model, params, hyperNet, ctx.pde().domain(), state, m);
    }
    return Galerkin.integrate(task, ctx, model, params, net, hyperNet, config, spacePoints(ctx.pde().domain()));
  }

  @Override
  public Solution restore(Task task, Params state, StrategyContext ctx) {
    prepare(ctx);
    NDManager m = ctx.compute().manager().newSubManager();
    Params copy = state.copy(m);
    if (copy.contains("mu")) {
      return new ColoraSolution.Predicted(task, model, params, hyperNet, ctx.pde().domain(), copy, m);
    }
    return new ColoraSolution.Integrated(task, model, params, ctx.pde().domain(), copy, TrainingResult.none(), m);
  }

  /**
   * The hypernetwork's alpha at one time for a parameter (CoLoRA-EQ's starting guess).
   *
   * @param t the time
   * @param embedding the task embedding
   * @param m the manager of the result
   * @param type the floating-point type
   * @return {@code [onlineCount]}
   */
  NDArray alphaAt(double t, double[] embedding, NDManager m, DataType type) {
    double[] z = new double[1 + embedding.length];
    z[0] = t;
    System.arraycopy(embedding, 0, z, 1, embedding.length);
    return model.alpha(hyperNet, params, ColoraModel.create(m, z, new Shape(1, z.length), type)).reshape(-1);
  }

  static NDArray rows(NDManager m, double[][] rows, DataType type) {
    double[] flat = new double[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
    }
    return ColoraModel.create(m, flat, new Shape(rows.length, rows[0].length), type);
  }

  static NDArray select(NDArray x, int[] cols) {
    return x.get(new NDIndex(":, {}", x.getManager().create(Arrays.stream(cols).mapToLong(i -> i).toArray())));
  }
}
