package org.pinnadapt.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.core.sampling.PointSampling;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * The physics-informed loss of one task, or of several along the task axis:
 * \( L = \sum_e \overline{r_e^2} + \sum_c \overline{(u - g)^2} \), the mean squared residual of every
 * equation at collocation points (term {@code residual}, optionally causally weighted) plus one term per
 * condition (its name). The points live in a {@link CollocationSet} (drawn per epoch of resampling from the
 * seed, mini-batches, refinement, the held-out validation set) and a {@link ConditionSet} (fixed); an
 * {@link ErrorMonitor} measures the error against the reference during training.
 */
public final class PhysicsLossImpl implements PhysicsLoss, AutoCloseable {

  private final Pde pde;
  private final Network network;
  private final TaskArrays arrays;
  private final Set<Partial> partials;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();
  private final ConditionSet conditions;
  private final CollocationSet collocation;
  private final CausalWeighting causal;
  private final int timeColumn;
  private final NDArray slabStarts;
  private final NDArray slabEnds;
  private ErrorMonitor monitor;

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
    CausalWeighting causal = settings.causal();
    if (causal.enabled() && pde.domain().time().isEmpty()) {
      throw new IllegalArgumentException("causal weighting needs a time input; " + pde.id() + " has none");
    }
    if (!taskAxis && tasks.size() != 1) {
      throw new IllegalArgumentException("without a task axis the loss takes exactly one task");
    }
    this.pde = pde;
    this.network = network;
    this.arrays = new TaskArrays(pde, tasks, taskAxis, seed, manager.newSubManager(), type);
    this.partials = pde.partials();
    this.causal = causal;
    this.timeColumn = pde.domain().time().map(i -> pde.domain().inputs().indexOf(i)).orElse(-1);
    NDArray[] slabs = causal.enabled() ? slabs(pde, causal) : new NDArray[2];
    slabStarts = slabs[0];
    slabEnds = slabs[1];
    for (var p : pde.parameters()) {
      if (tasks.stream().allMatch(t -> t.parameters().containsKey(p.name()))) {
        double[] v = tasks.stream().mapToDouble(t -> t.parameter(p.name())).toArray();
        NDManager m = arrays.manager;
        parameters.put(p.name(), arrays.cast(taskAxis ? m.create(v, new Shape(v.length, 1)) : m.create(v[0])));
      }
    }
    this.conditions = new ConditionSet(arrays, settings.sampling().conditions(), counts,
        settings.perFieldConditions());
    this.collocation = new CollocationSet(arrays, settings.sampling().interior(), counts.collocation(),
        settings.refinement());
    Monitor m = settings.monitor();
    if (m != null && m.points() != null) {
      monitor(m.points(), m.fields(), m.mse());
    }
  }

  /** The causal time slabs' starts and ends; the outer slabs are open so that no point falls outside. */
  private NDArray[] slabs(Pde pde, CausalWeighting causal) {
    double t0 = pde.domain().time().orElseThrow().min();
    double t1 = pde.domain().time().orElseThrow().max();
    int m = causal.bins();
    double[] lo = new double[m];
    double[] hi = new double[m];
    for (int b = 0; b < m; b++) {
      lo[b] = b == 0 ? Double.NEGATIVE_INFINITY : t0 + (t1 - t0) * b / m;
      hi[b] = b == m - 1 ? Double.POSITIVE_INFINITY : t0 + (t1 - t0) * (b + 1) / m;
    }
    return new NDArray[] {arrays.cast(arrays.manager.create(lo)), arrays.cast(arrays.manager.create(hi))};
  }

  @Override
  public List<Task> tasks() {
    return arrays.tasks;
  }

  @Override
  public boolean taskAxis() {
    return arrays.taskAxis;
  }

  /**
   * The collocation points now in use.
   *
   * @return {@code [N, d]} or {@code [T, N, d]}
   */
  public NDArray collocation() {
    return collocation.points();
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
    return terms(collocation.batch(batch), weights, causal.enabled());
  }

  @Override
  public LossTerms validationLoss(NetworkWeights weights) {
    return terms(collocation.validation(), weights, false); // the plain residual: comparable across settings
  }

  private NDList residual(NDArray x, NetworkWeights weights) {
    return pde.residual(network.jets(x, weights, partials, parameters));
  }

  private LossTerms terms(NDArray x, NetworkWeights weights, boolean causalWeights) {
    LossTerms terms = new LossTerms();
    NDList residuals = residual(x, weights);
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
    conditions.addTerms(terms, network, weights, parameters);
    return terms;
  }

  /** The squared residuals summed over equations. */
  private static NDArray squaredSum(NDList residuals) {
    NDArray sq = null;
    for (NDArray r : residuals) {
      NDArray s = r.mul(r);
      sq = sq == null ? s : sq.add(s);
    }
    return sq;
  }

  /**
   * The causally weighted residual (see {@link CausalWeighting}): per time slab the mean over its points
   * of the squared residuals summed over equations, {@code [.., bins]} via a one-hot slab matrix; the
   * weights from the exclusive cumulative sum, detached; the mean over slabs (and tasks).
   */
  private NDArray causalResidual(NDArray x, NDList residuals) {
    NDArray sq = squaredSum(residuals);
    NDArray t = x.get(new NDIndex("..., {}:{}", timeColumn, timeColumn + 1)); // [.., N, 1]
    if (sq.getShape().dimension() < t.getShape().dimension()) {
      sq = sq.expandDims(-1);
    }
    NDArray oneHot = t.gte(slabStarts).logicalAnd(t.lt(slabEnds)).toType(arrays.type, false); // [.., N, bins]
    NDArray slabSums = sq.mul(oneHot).sum(new int[] {-2}); // [.., bins]
    NDArray slabCounts = oneHot.sum(new int[] {-2}).maximum(Scalars.of(oneHot, 1.0));
    NDArray slabLoss = slabSums.div(slabCounts);
    NDArray before = slabLoss.stopGradient().cumSum(-1).sub(slabLoss.stopGradient());
    NDArray w = Scalars.mul(before, -causal.epsilon()).exp();
    return slabLoss.mul(w).mean();
  }

  @Override
  public int batchCount(int batchSize) {
    return collocation.batchCount(batchSize);
  }

  @Override
  public void resample(int epoch) {
    collocation.resample(epoch);
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
    monitor = ErrorMonitor.of(arrays, points, fields, mse);
    return this;
  }

  @Override
  public double error(NetworkWeights weights) {
    return monitor == null ? Double.NaN : monitor.error(network, weights);
  }

  /**
   * Turns on residual-based adaptive refinement of the collocation set.
   *
   * @param settings the RAR-D settings
   * @return this loss
   */
  public PhysicsLossImpl refinement(Refinement settings) {
    collocation.refinement(settings);
    return this;
  }

  @Override
  public void refine(Supplier<NetworkWeights> weights, int epoch) {
    collocation.refine(x -> squaredSum(residual(x, weights.get())), epoch); // formed inside the refinement's scope
  }

  @Override
  public void close() {
    arrays.manager.close();
  }
}
