package org.pinnadapt.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PeriodicCondition;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.core.sampling.PointSampler;
import org.pinnadapt.core.sampling.PointSampling;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * The physics-informed loss of one task, or of several along the task axis:
 * \( L = \sum_e \overline{r_e^2} + \sum_c \overline{(u - g)^2} \), the mean squared residual of every
 * equation at collocation points (term {@code residual}) plus one term per condition (its name). The
 * collocation points are drawn per epoch of resampling from the seed; the condition points are fixed.
 * A held-out collocation set gives the validation loss.
 */
public final class PhysicsLossImpl implements PhysicsLoss, AutoCloseable {

  private final Pde pde;
  private final Network network;
  private final List<Task> tasks;
  private final boolean taskAxis;
  private final PointCounts counts;
  private final PointSampling sampling;
  private final long seed;
  private final NDManager manager;
  private final DataType type;
  private final Set<Partial> partials;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();
  private final List<ConditionData> conditions = new ArrayList<>();
  private NDArray collocation;
  private final NDArray validation;
  private final CausalWeighting causal;
  private final int timeColumn;
  private final NDArray slabStarts;
  private final NDArray slabEnds;
  private final boolean perFieldConditions;
  private Refinement refinement;
  private NDArray monitorPoints;
  private List<double[][]> monitorReference;
  private int[] monitorColumns;
  private boolean monitorMse;

  /** A condition as arrays. */
  private record ConditionData(String name, boolean periodic, NDArray points, NDArray upper,
      NDArray targets, int[] columns, String input, boolean derivative) {}

  /**
   * Samples the points and builds the loss.
   *
   * @param pde the PDE
   * @param network the network executor
   * @param tasks one task (no task axis unless {@code taskAxis}) or several
   * @param taskAxis whether arrays carry a leading task axis
   * @param counts point counts per task
   * @param method how collocation points are drawn
   * @param seed the seed of all point sets
   * @param manager owns the point sets (close this loss to free them)
   * @param type float32 or float64
   */
  public PhysicsLossImpl(Pde pde, Network network, List<Task> tasks, boolean taskAxis, PointCounts counts,
      SamplingMethod method, long seed, NDManager manager, DataType type) {
    this(pde, network, tasks, taskAxis, counts, method, seed, manager, type, CausalWeighting.NONE);
  }

  /**
   * Samples the points and builds the loss, optionally with causal weighting of the residual.
   *
   * @param pde the PDE
   * @param network the network executor
   * @param tasks one task (no task axis unless {@code taskAxis}) or several
   * @param taskAxis whether arrays carry a leading task axis
   * @param counts point counts per task
   * @param method how collocation points are drawn
   * @param seed the seed of all point sets
   * @param manager owns the point sets (close this loss to free them)
   * @param type float32 or float64
   * @param causal causal weighting of the residual term (needs a time input when enabled)
   */
  public PhysicsLossImpl(Pde pde, Network network, List<Task> tasks, boolean taskAxis, PointCounts counts,
      SamplingMethod method, long seed, NDManager manager, DataType type, CausalWeighting causal) {
    this(pde, network, tasks, taskAxis, counts, PointSampling.of(method), seed, manager, type, causal);
  }

  /**
   * Samples the points and builds the loss, with separate samplers for collocation and condition points.
   *
   * @param pde the PDE
   * @param network the network executor
   * @param tasks one task (no task axis unless {@code taskAxis}) or several
   * @param taskAxis whether arrays carry a leading task axis
   * @param counts point counts per task
   * @param sampling how collocation and condition points are drawn
   * @param seed the seed of all point sets
   * @param manager owns the point sets (close this loss to free them)
   * @param type float32 or float64
   * @param causal causal weighting of the residual (needs a time input when enabled)
   */
  public PhysicsLossImpl(Pde pde, Network network, List<Task> tasks, boolean taskAxis, PointCounts counts,
      PointSampling sampling, long seed, NDManager manager, DataType type, CausalWeighting causal) {
    this(pde, network, tasks, taskAxis, counts, new LossSettings(sampling, true, causal, Refinement.NONE, null), seed,
        manager, type);
  }

  /**
   * Samples the points and builds the loss as the settings say (with refinement and a monitor if they ask).
   *
   * @param pde the PDE
   * @param network the network executor
   * @param tasks one task (no task axis unless {@code taskAxis}) or several
   * @param taskAxis whether arrays carry a leading task axis
   * @param counts point counts per task
   * @param settings sampling, condition terms, causal weighting, refinement and monitor
   * @param seed the seed of all point sets
   * @param manager owns the point sets (close this loss to free them)
   * @param type float32 or float64
   */
  public PhysicsLossImpl(Pde pde, Network network, List<Task> tasks, boolean taskAxis, PointCounts counts,
      LossSettings settings, long seed, NDManager manager, DataType type) {
    PointSampling sampling = settings.sampling();
    CausalWeighting causal = settings.causal();
    if (causal.enabled() && pde.domain().time().isEmpty()) {
      throw new IllegalArgumentException("causal weighting needs a time input; " + pde.id() + " has none");
    }
    if (!taskAxis && tasks.size() != 1) {
      throw new IllegalArgumentException("without a task axis the loss takes exactly one task");
    }
    this.pde = pde;
    this.network = network;
    this.tasks = List.copyOf(tasks);
    this.taskAxis = taskAxis;
    this.counts = counts;
    this.sampling = sampling;
    this.seed = seed;
    this.manager = manager.newSubManager();
    this.type = type;
    this.partials = pde.partials();
    this.causal = causal;
    this.timeColumn = pde.domain().time().map(i -> pde.domain().inputs().indexOf(i)).orElse(-1);
    if (causal.enabled()) {
      double t0 = pde.domain().time().orElseThrow().min();
      double t1 = pde.domain().time().orElseThrow().max();
      int m = causal.bins();
      double[] lo = new double[m];
      double[] hi = new double[m];
      for (int b = 0; b < m; b++) { // the outer slabs are open so that no point falls outside
        lo[b] = b == 0 ? Double.NEGATIVE_INFINITY : t0 + (t1 - t0) * b / m;
        hi[b] = b == m - 1 ? Double.POSITIVE_INFINITY : t0 + (t1 - t0) * (b + 1) / m;
      }
      slabStarts = cast(this.manager.create(lo));
      slabEnds = cast(this.manager.create(hi));
    } else {
      slabStarts = null;
      slabEnds = null;
    }
    for (var p : pde.parameters()) {
      if (tasks.stream().allMatch(t -> t.parameters().containsKey(p.name()))) {
        double[] v = tasks.stream().mapToDouble(t -> t.parameter(p.name())).toArray();
        NDArray a = taskAxis ? this.manager.create(v, new Shape(v.length, 1)) : this.manager.create(v[0]);
        parameters.put(p.name(), cast(a));
      }
    }
    this.perFieldConditions = settings.perFieldConditions();
    this.refinement = settings.refinement();
    buildConditions();
    this.collocation = sample(0, counts.collocation(), 0x1L);
    this.validation = sample(0, Math.min(counts.collocation(), 1000), 0x2L);
    Monitor m = settings.monitor();
    if (m != null && m.points() != null) {
      monitor(m.points(), m.fields(), m.mse());
    }
  }

  /** An engine-owned copy of the right type (arrays created from Java data borrow a Java buffer). */
  private NDArray cast(NDArray a) {
    if (a.getDataType() == type) {
      return Scalars.owned(a);
    }
    NDArray t = a.toType(type, false);
    a.close();
    return t;
  }

  private static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 29);
  }

  /** Interior points of every task, [N, d] or [T, N, d]. */
  private NDArray sample(int epoch, int n, long stream) {
    return sample(sampling.interior(), epoch, n, stream);
  }

  private NDArray sample(SamplingMethod method, int epoch, int n, long stream) {
    NDList perTask = new NDList();
    int d = pde.domain().dim();
    for (int t = 0; t < tasks.size(); t++) {
      // seeded by the task, not its position, so a task sees the same points alone or in a batch
      PointSampler s = new PointSampler(method,
          mix(mix(seed, stream), mix(epoch, tasks.get(t).id().hashCode())));
      PointSet pts = s.interior(pde.domain(), n);
      perTask.add(cast(manager.create(pts.toArray(), new Shape(pts.size(), d))));
    }
    if (!taskAxis) {
      return perTask.get(0);
    }
    NDArray stacked = NDArrays.stack(perTask, 0);
    perTask.forEach(NDArray::close);
    return stacked;
  }

  private void buildConditions() {
    List<List<Condition>> perTask = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      PointSampler s = new PointSampler(sampling.conditions(), mix(mix(seed, 0x3L), tasks.get(t).id().hashCode()));
      perTask.add(pde.conditions(tasks.get(t), s, counts));
    }
    List<String> fieldNames = pde.fields().stream().map(f -> f.name()).toList();
    for (int c = 0; c < perTask.get(0).size(); c++) {
      Condition first = perTask.get(0).get(c);
      if (first instanceof DirichletCondition dc) {
        NDList pts = new NDList();
        NDList tgt = new NDList();
        for (List<Condition> list : perTask) {
          DirichletCondition d = (DirichletCondition) list.get(c);
          pts.add(toArray(d.points()));
          tgt.add(toArray(d.values()));
        }
        int[] columns = dc.fields().stream().mapToInt(fieldNames::indexOf).toArray();
        conditions.add(new ConditionData(dc.name(), false, join(pts), null, join(tgt), columns, null, false));
      } else {
        PeriodicCondition pc = (PeriodicCondition) first;
        NDList lo = new NDList();
        NDList hi = new NDList();
        for (List<Condition> list : perTask) {
          PeriodicCondition p = (PeriodicCondition) list.get(c);
          lo.add(toArray(p.lower()));
          hi.add(toArray(p.upper()));
        }
        int[] columns = pc.fields().stream().mapToInt(fieldNames::indexOf).toArray();
        conditions.add(new ConditionData(pc.name(), true, join(lo), join(hi), null, columns, pc.input(),
            pc.matchDerivative()));
      }
    }
  }

  private NDArray toArray(PointSet p) {
    return cast(manager.create(p.toArray(), new Shape(p.size(), p.dim())));
  }

  private NDArray join(NDList perTask) {
    if (!taskAxis) {
      return perTask.get(0);
    }
    NDArray out = NDArrays.stack(perTask, 0);
    perTask.forEach(NDArray::close);
    return out;
  }

  @Override
  public List<Task> tasks() {
    return tasks;
  }

  @Override
  public boolean taskAxis() {
    return taskAxis;
  }

  /**
   * The collocation points now in use.
   *
   * @return {@code [N, d]} or {@code [T, N, d]}
   */
  public NDArray collocation() {
    return collocation;
  }

  /**
   * The PDE parameters as arrays shaped for {@link Fields#parameter}.
   *
   * @return parameters by name
   */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  @Override
  public LossTerms loss(NetworkWeights weights, Batch batch) {
    NDArray x = batch.isFull() ? collocation : batchOf(batch);
    return terms(x, weights, causal.enabled());
  }

  @Override
  public LossTerms validationLoss(NetworkWeights weights) {
    return terms(validation, weights, false); // the plain residual: comparable across settings
  }

  private LossTerms terms(NDArray x, NetworkWeights weights, boolean causalWeights) {
    LossTerms terms = new LossTerms();
    Fields f = network.jets(x, weights, partials, parameters);
    NDList residuals = pde.residual(f);
    if (causalWeights) {
      terms.add("residual", causalResidual(x, residuals));
    } else {
      NDArray sum = null;
      for (NDArray r : residuals) {
        NDArray mse = r.mul(r).mean(); // mul, not square(): square is pow with a dtype copy
        sum = sum == null ? mse : sum.add(mse);
      }
      terms.add("residual", sum);
    }
    for (ConditionData c : conditions) {
      if (!c.periodic()) {
        NDArray out = network.forward(c.points(), weights);
        terms.add(c.name(), fieldSum(select(out, c.columns()).sub(c.targets()).square().mean(), c));
      } else {
        NDArray lo = network.forward(c.points(), weights);
        NDArray hi = network.forward(c.upper(), weights);
        NDArray mse = fieldSum(select(lo, c.columns()).sub(select(hi, c.columns())).square().mean(), c);
        if (c.derivative()) { // one term per field already
          Set<Partial> d = Set.of(Partial.d(c.input()));
          Fields fl = network.jets(c.points(), weights, d, parameters);
          Fields fh = network.jets(c.upper(), weights, d, parameters);
          for (int col : c.columns()) {
            String field = pde.fields().get(col).name();
            mse = mse.add(fl.d(field, c.input()).sub(fh.d(field, c.input())).square().mean());
          }
        }
        terms.add(c.name(), mse);
      }
    }
    return terms;
  }

  /** A condition's mean over points and fields, as the sum over its fields of their means if per-field. */
  private NDArray fieldSum(NDArray mean, ConditionData c) {
    return perFieldConditions && c.columns().length > 1 ? Scalars.mul(mean, c.columns().length) : mean;
  }

  /**
   * The causally weighted residual (see {@link CausalWeighting}): per time slab the mean over its points
   * of the squared residuals summed over equations, {@code [.., bins]} via a one-hot slab matrix; the
   * weights from the exclusive cumulative sum, detached; the mean over slabs (and tasks).
   */
  private NDArray causalResidual(NDArray x, NDList residuals) {
    NDArray sq = null;
    for (NDArray r : residuals) {
      NDArray s = r.mul(r);
      sq = sq == null ? s : sq.add(s);
    }
    NDArray t = x.get(new NDIndex("..., {}:{}", timeColumn, timeColumn + 1)); // [.., N, 1]
    if (sq.getShape().dimension() < t.getShape().dimension()) {
      sq = sq.expandDims(-1);
    }
    NDArray oneHot = t.gte(slabStarts).logicalAnd(t.lt(slabEnds)).toType(type, false); // [.., N, bins]
    NDArray slabSums = sq.mul(oneHot).sum(new int[] {-2}); // [.., bins]
    NDArray slabCounts = oneHot.sum(new int[] {-2}).maximum(Scalars.of(oneHot, 1.0));
    NDArray slabLoss = slabSums.div(slabCounts);
    NDArray before = slabLoss.stopGradient().cumSum(-1).sub(slabLoss.stopGradient());
    NDArray w = Scalars.mul(before, -causal.epsilon()).exp();
    return slabLoss.mul(w).mean();
  }

  private static NDArray select(NDArray out, int[] columns) {
    long outputs = out.getShape().get(out.getShape().dimension() - 1);
    boolean identity = columns.length == outputs;
    for (int i = 0; identity && i < columns.length; i++) {
      identity = columns[i] == i;
    }
    if (identity) {
      return out;
    }
    NDList parts = new NDList();
    for (int c : columns) {
      parts.add(out.get(new NDIndex("..., {}:{}", c, c + 1)));
    }
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, -1);
  }

  private int collocationSize() {
    return (int) collocation.getShape().get(taskAxis ? 1 : 0); // a grid sampler may round the count
  }

  private NDArray batchOf(Batch batch) {
    int n = collocationSize();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(mix(mix(seed, 0x4L), batch.epoch()));
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int size = (n + batch.count() - 1) / batch.count();
    int from = batch.index() * size;
    int to = Math.min(n, from + size);
    long[] idx = new long[to - from];
    for (int i = from; i < to; i++) {
      idx[i - from] = perm[i];
    }
    NDArray index = collocation.getManager().create(idx);
    return taskAxis ? collocation.get(new NDIndex(":, {}", index)) : collocation.get(new NDIndex("{}", index));
  }

  @Override
  public int batchCount(int batchSize) {
    int n = collocationSize();
    return batchSize <= 0 || batchSize >= n ? 1 : (n + batchSize - 1) / batchSize;
  }

  @Override
  public void resample(int epoch) {
    NDArray fresh = sample(epoch, counts.collocation(), 0x1L);
    collocation.close();
    collocation = fresh;
  }

  /**
   * Sets the points where {@link #error} compares the network with the PDE's reference (evaluated here,
   * once per task). A PDE without a reference leaves the error undefined.
   *
   * @param points the monitor points, e.g. the run's evaluation grid
   * @return this loss
   */
  public PhysicsLossImpl monitor(PointSet points) {
    return monitor(points, pde.fields().stream().map(f -> f.name()).toList(), false);
  }

  /**
   * Sets the points, fields and metric of {@link #error}.
   *
   * @param points the monitor points
   * @param fields the fields compared (names)
   * @param mse {@code true} for the mean squared error over those fields, {@code false} for the relative L2
   * @return this loss
   * @throws IllegalArgumentException for an unknown field
   */
  public PhysicsLossImpl monitor(PointSet points, List<String> fields, boolean mse) {
    List<String> names = pde.fields().stream().map(f -> f.name()).toList();
    int[] columns = new int[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = names.indexOf(fields.get(i));
      if (columns[i] < 0) {
        throw new IllegalArgumentException("unknown field '" + fields.get(i) + "'; " + pde.id() + " has " + names);
      }
    }
    monitorColumns = columns;
    monitorMse = mse;
    List<double[][]> refs = new ArrayList<>();
    for (Task t : tasks) {
      var reference = pde.reference(t);
      if (reference == null) {
        return this;
      }
      refs.add(reference.evaluate(points));
    }
    NDArray x = toArray(points);
    if (taskAxis) {
      NDArray stacked = x.expandDims(0).repeat(0, tasks.size());
      x.close();
      x = stacked;
    }
    monitorPoints = x;
    monitorReference = refs;
    return this;
  }

  @Override
  public double error(NetworkWeights weights) {
    if (monitorPoints == null) {
      return Double.NaN;
    }
    NDArray out = network.forward(monitorPoints, weights);
    double[] flat = out.toType(DataType.FLOAT64, false).toDoubleArray();
    int f = (int) out.getShape().get(out.getShape().dimension() - 1);
    int n = monitorReference.get(0).length;
    List<Field> fields = new ArrayList<>();
    for (int c : monitorColumns) {
      fields.add(pde.fields().get(c));
    }
    double sum = 0;
    for (int t = 0; t < tasks.size(); t++) {
      double[][] predicted = new double[n][monitorColumns.length];
      double[][] reference = new double[n][monitorColumns.length];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < monitorColumns.length; j++) {
          predicted[i][j] = flat[(t * n + i) * f + monitorColumns[j]];
          reference[i][j] = monitorReference.get(t)[i][monitorColumns[j]];
        }
      }
      ErrorReport e = Metrics.compare(fields, predicted, reference);
      sum += monitorMse ? e.mse() : e.relL2();
    }
    return sum / tasks.size();
  }

  /**
   * Turns on residual-based adaptive refinement of the collocation set.
   *
   * @param settings the RAR-D settings
   * @return this loss
   */
  public PhysicsLossImpl refinement(Refinement settings) {
    this.refinement = settings;
    return this;
  }

  @Override
  public void refine(NetworkWeights weights, int epoch) {
    if (!refinement.due(epoch)) {
      return;
    }
    int m = refinement.candidates();
    int d = pde.domain().dim();
    double[] candidates;
    double[] score;
    try (NDManager scratch = manager.newSubManager(); NDScope scope = new NDScope()) {
      NDArray x = sample(SamplingMethod.UNIFORM, epoch, m, 0x5L);
      x.attach(scratch);
      NDArray sq = null;
      for (NDArray r : pde.residual(network.jets(x, weights, partials, parameters))) {
        NDArray s = r.mul(r);
        sq = sq == null ? s : sq.add(s);
      }
      candidates = x.toType(DataType.FLOAT64, false).toDoubleArray();
      score = sq.toType(DataType.FLOAT64, false).toDoubleArray();
    }
    int n = refinement.points();
    NDList perTask = new NDList();
    for (int t = 0; t < tasks.size(); t++) {
      int[] chosen = chooseByResidual(score, t * m, m, n, mix(mix(seed, 0x6L), mix(epoch, tasks.get(t).id().hashCode())));
      double[] rows = new double[n * d];
      for (int i = 0; i < n; i++) {
        System.arraycopy(candidates, (t * m + chosen[i]) * d, rows, i * d, d);
      }
      perTask.add(cast(manager.create(rows, new Shape(n, d))));
    }
    NDArray added = taskAxis ? NDArrays.stack(perTask, 0) : perTask.get(0);
    NDArray grown = NDArrays.concat(new NDList(collocation, added), taskAxis ? 1 : 0);
    if (taskAxis) {
      perTask.forEach(NDArray::close);
    }
    added.close();
    collocation.close();
    collocation = grown;
  }

  /**
   * Draws {@code n} of {@code m} candidates without replacement with probability
   * {@code eps^k / mean(eps^k) + c} (Efraimidis and Spirakis: the n largest keys {@code u^(1/w)}).
   */
  private int[] chooseByResidual(double[] score, int offset, int m, int n, long stream) {
    double k = refinement.k();
    double mean = 0;
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      w[i] = Math.pow(Math.sqrt(Math.max(score[offset + i], 0)), k); // |residual|^k
      mean += w[i] / m;
    }
    SplittableRandom rng = new SplittableRandom(stream);
    Integer[] order = new Integer[m];
    double[] key = new double[m];
    for (int i = 0; i < m; i++) {
      double weight = (mean > 0 ? w[i] / mean : 1) + refinement.c();
      key[i] = weight > 0 ? Math.log(1 - rng.nextDouble()) / weight : Double.NEGATIVE_INFINITY;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
