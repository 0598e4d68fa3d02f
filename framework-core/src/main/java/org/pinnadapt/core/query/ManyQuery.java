package org.pinnadapt.core.query;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.experiment.EvaluationGrid;
import org.pinnadapt.core.experiment.SavedRun;
import org.pinnadapt.core.runtime.DjlRuntime;

/**
 * Many new solutions from a trained run: every sample's solution evaluated on a grid, batch by batch along the task
 * axis (for a hypernetwork: one forward pass for all the batch's weights, then the composed networks on the grid),
 * reduced to summary fields per grid point (mean, standard deviation, quantiles) and optionally streamed to one
 * {@code .npy} array of all samples. Memory is bounded by the batch and, for exact quantiles, the kept values
 * ({@link #storeBytes}); the samples' own array goes to disk as it is computed.
 *
 * <pre>{@code
 * try (SavedRun run = SavedRun.open(pa, config, folder, System.out::println)) {
 *   TaskSampler s = TaskSampler.parse("Re=uniform(20,100):10000", run.pde());
 *   ManyQuery.Result r = ManyQuery.builder().setRun(run).setTasks(TaskSource.of(s, run.pde(), 1))
 *       .setGrid(EvaluationGrid.parse(run.pde().domain(), "51x51")).build().run();
 *   double[] meanU = r.mean(0);
 * }
 * }</pre>
 */
public final class ManyQuery {

  /** Scalars of one batch's output at most (sizes the automatic batch); strategies chunk their own work. */
  static final long BATCH_SCALARS = 4_000_000L;

  /** Samples per batch at most (the hypernetwork's forward pass for all of them is one call). */
  static final int MAX_BATCH = 1024;

  private final SavedRun run;
  private final TaskSource tasks;
  private final EvaluationGrid grid;
  private final double[] quantiles;
  private final int batch;
  private final Path samplesFile;
  private final Consumer<Progress> progress;
  private final int lanes;

  private ManyQuery(Builder b) {
    this.run = Objects.requireNonNull(b.run, "setRun");
    this.tasks = Objects.requireNonNull(b.tasks, "setTasks");
    this.grid = Objects.requireNonNull(b.grid, "setGrid");
    this.quantiles = b.quantiles;
    this.batch = b.batch;
    this.samplesFile = b.samplesFile;
    this.progress = b.progress;
    this.lanes = b.lanes;
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes " + lanes + " < 1");
    }
    for (double q : quantiles) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException("quantile level " + q + " is not in [0, 1]");
      }
    }
    if (batch < 0) {
      throw new IllegalArgumentException("batch size " + batch + " < 0");
    }
  }

  /**
   * A builder: {@code setRun}, {@code setTasks} and {@code setGrid} are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Progress after a batch.
   *
   * @param done samples evaluated
   * @param total samples in all
   * @param seconds seconds since the start
   * @param etaSeconds estimated seconds to the end
   */
  public record Progress(int done, int total, double seconds, double etaSeconds) {}

  /**
   * The summary.
   *
   * @param tasks the samples' parameters, one row per sample (the PDE's parameter order)
   * @param points the grid's points
   * @param fields the field names
   * @param mean {@code [points * fields]}, point-major
   * @param std the sample standard deviation, same layout
   * @param levels the quantile levels
   * @param quantiles {@code [levels][points * fields]}
   * @param batch the batch size used
   * @param seconds seconds of the evaluation and the reduction
   */
  public record Result(double[][] tasks, PointSet points, List<String> fields, double[] mean, double[] std,
      double[] levels, double[][] quantiles, int batch, double seconds) {

    /**
     * One field's mean over the samples.
     *
     * @param field the field's index
     * @return the mean per grid point
     */
    public double[] mean(int field) {
      return column(mean, field);
    }

    /**
     * One field's standard deviation over the samples.
     *
     * @param field the field's index
     * @return the standard deviation per grid point
     */
    public double[] std(int field) {
      return column(std, field);
    }

    /**
     * One field's quantile over the samples.
     *
     * @param level the level's index in {@link #levels()}
     * @param field the field's index
     * @return the quantile per grid point
     */
    public double[] quantile(int level, int field) {
      return column(quantiles[level], field);
    }

    private double[] column(double[] pointMajor, int field) {
      int f = fields.size();
      double[] out = new double[pointMajor.length / f];
      for (int i = 0; i < out.length; i++) {
        out[i] = pointMajor[i * f + field];
      }
      return out;
    }
  }

  /**
   * The batch size: as given, or as many samples (at most {@link #MAX_BATCH}) as keep a batch's values under
   * {@link #BATCH_SCALARS}.
   *
   * @param given the requested size, 0 for automatic
   * @param points grid points
   * @param fields fields per point
   * @param samples all samples
   * @return the batch size
   */
  public static int batchSize(int given, long points, int fields, int samples) {
    long b = given > 0 ? given : Math.min(MAX_BATCH, BATCH_SCALARS / Math.max(1, points * Math.max(1, fields)));
    return (int) Math.max(1, Math.min(samples, b));
  }

  /**
   * Evaluates every sample and reduces them.
   *
   * @return the summary
   */
  public Result run() {
    run.checkPredictsNewTasks();
    long t0 = System.nanoTime();
    PointSet points = grid.points();
    List<String> fields = run.pde().fields().stream().map(Field::name).toList();
    int n = points.size();
    int f = fields.size();
    int total = tasks.count();
    int b = batchSize(batch, n, f, total);
    FieldSummary summary = new FieldSummary(n, f, total, quantiles);
    double[][] params = new double[total][];
    DataType type = run.dataType();
    ExecutorService pool = Executors.newFixedThreadPool(lanes, r -> {
      Thread t = new Thread(r, "many-query");
      t.setDaemon(true);
      return t;
    });
    try (NDManager m = run.manager().newSubManager();
        NpyWriter samples = samplesFile == null ? null : new NpyWriter(samplesFile, false, total, n, f)) {
      NDArray x = m.create(points.toArray(), new Shape(n, points.dim()));
      NDArray typed = type == DataType.FLOAT64 ? x : x.toType(type, false);
      // batches run on the lanes, a few ahead; they are reduced and written here in order (same result whatever
      // the lanes)
      Deque<Future<Batch>> ahead = new ArrayDeque<>();
      int next = 0;
      for (int from = 0; from < total; from += b) {
        while (next < total && ahead.size() < 2 * lanes) {
          int lo = next;
          int hi = Math.min(total, next + b);
          ahead.add(pool.submit(() -> evaluate(typed, lo, hi, samples != null)));
          next = hi;
        }
        Batch done = await(ahead.poll());
        for (int i = 0; i < done.tasks.size(); i++) {
          params[done.from + i] = done.tasks.get(i).embedding();
        }
        if (samples != null) {
          samples.write(done.values, 0, done.values.length);
        }
        summary.add(done.columns, done.tasks.size());
        double s = (System.nanoTime() - t0) / 1e9;
        int to = done.from + done.tasks.size();
        progress.accept(new Progress(to, total, s, s / to * (total - to)));
      }
    } finally {
      pool.shutdownNow();
    }
    double[][] q = summary.quantiles();
    return new Result(params, points, fields, summary.mean(), summary.std(), quantiles.clone(), q, b,
        (System.nanoTime() - t0) / 1e9);
  }

  /** One evaluated batch: its tasks, values {@code [B, N, F]} and the same by column {@code [N, F, B]}. */
  private record Batch(int from, List<Task> tasks, float[] values, float[] columns) {}

  private Batch evaluate(NDArray x, int from, int to, boolean keepValues) {
    DjlRuntime.prepareThread();
    List<Task> batchTasks = tasks.tasks(from, to);
    try (NDManager scratch = x.getManager().newSubManager()) {
      NDArray xb = x.duplicate();
      xb.attach(scratch);
      NDArray y = run.predictAll(batchTasks, xb).toType(DataType.FLOAT32, false); // [B, N, F]
      float[] values = keepValues ? y.toFloatArray() : null;
      return new Batch(from, batchTasks, values, y.transpose(1, 2, 0).toFloatArray());
    }
  }

  private static Batch await(Future<Batch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Builds a {@link ManyQuery}. */
  public static final class Builder {
    private SavedRun run;
    private TaskSource tasks;
    private EvaluationGrid grid;
    private double[] quantiles = {0.05, 0.5, 0.95};
    private int batch;
    private Path samplesFile;
    private Consumer<Progress> progress = p -> {};
    private int lanes = 1;

    private Builder() {}

    /**
     * The trained run (its strategy must predict new tasks).
     *
     * @param value the opened run
     * @return this
     */
    public Builder setRun(SavedRun value) {
      this.run = value;
      return this;
    }

    /**
     * The samples.
     *
     * @param value the tasks, drawn or read
     * @return this
     */
    public Builder setTasks(TaskSource value) {
      this.tasks = value;
      return this;
    }

    /**
     * The grid every sample is evaluated on.
     *
     * @param value the grid
     * @return this
     */
    public Builder setGrid(EvaluationGrid value) {
      this.grid = value;
      return this;
    }

    /**
     * The quantile levels (default 0.05, 0.5, 0.95; none keeps memory independent of the sample count).
     *
     * @param levels levels in [0, 1]
     * @return this
     */
    public Builder optQuantiles(double... levels) {
      this.quantiles = levels.clone();
      return this;
    }

    /**
     * Samples per batch (default 0: sized from the grid and the network's width).
     *
     * @param value the batch size
     * @return this
     */
    public Builder optBatch(int value) {
      this.batch = value;
      return this;
    }

    /**
     * Also streams every sample's fields to a {@code .npy} array {@code [samples, points, fields]} (float32).
     *
     * @param file the file
     * @return this
     */
    public Builder optSamplesFile(Path file) {
      this.samplesFile = file;
      return this;
    }

    /**
     * Batches evaluated at the same time, each on its own thread (default 1). With single-threaded native
     * operations, one lane per core is faster than one lane with a multi-threaded runtime: small operations do not
     * parallelize well. The result does not depend on it.
     *
     * @param value the number of lanes
     * @return this
     */
    public Builder optLanes(int value) {
      this.lanes = value;
      return this;
    }

    /**
     * Receives progress after every batch.
     *
     * @param value the listener
     * @return this
     */
    public Builder optProgress(Consumer<Progress> value) {
      this.progress = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the query
     */
    public ManyQuery build() {
      return new ManyQuery(this);
    }
  }
}
