package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.InitialValues;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.LossTerms;

/**
 * The fast phase's loss form at a set of points, for any network: the mean absolute PDE residual at interior points
 * ({@code residual}) and the mean absolute initial-condition error at initial points ({@code ic}). The fast phase
 * trains on it with the EIM-reduced network at the sample points, and checks its coefficients with it on the full
 * network at held-out points.
 */
final class SampledL1 {

  private final Pde pde;
  private final NDArray interior;
  private final NDArray initial;
  private final NDArray targets;
  private final NDArray columns; // the initial fields' output columns, null when they are all the outputs
  private final Map<String, NDArray> parameters;

  private SampledL1(Pde pde, NDArray interior, NDArray initial, NDArray targets, NDArray columns,
      Map<String, NDArray> parameters) {
    this.pde = pde;
    this.interior = interior;
    this.initial = initial;
    this.targets = targets;
    this.columns = columns;
    this.parameters = parameters;
  }

  /**
   * The loss of a task at given points; the arrays live in {@code m}.
   *
   * @param pde the PDE
   * @param task the task (its parameters and initial condition)
   * @param interior interior points {@code [n][d]}
   * @param initial points at the start time {@code [m][d]}
   * @param m the memory scope of the points
   * @param type the floating-point type
   * @return the loss
   */
  static SampledL1 of(Pde pde, Task task, double[][] interior, double[][] initial, NDManager m, DataType type) {
    Map<String, NDArray> parameters = new LinkedHashMap<>();
    for (var p : pde.parameters()) {
      if (task.parameters().containsKey(p.name())) {
        parameters.put(p.name(), Scalars.of(m, task.parameter(p.name()), type));
      }
    }
    InitialValues init = InitialValues.of(pde, task, initial);
    List<String> names = pde.fields().stream().map(f -> f.name()).toList();
    long[] cols = init.fields().stream().mapToLong(names::indexOf).toArray();
    NDArray columns = cols.length == names.size() ? null : m.create(cols);
    return new SampledL1(pde, points(m, interior, type), points(m, initial, type), points(m, init.values(), type),
        columns, parameters);
  }

  /**
   * Held-out points of a time-dependent domain, uniform: interior points over the whole domain and initial points at
   * its start time.
   *
   * @param d the domain
   * @param count how many
   * @param initial whether they are initial points
   * @param rng the random source
   * @return the points {@code [count][d]}
   */
  static double[][] uniform(Domain d, int count, boolean initial, SplittableRandom rng) {
    double[][] out = new double[count][d.dim()];
    for (double[] p : out) {
      for (int i = 0; i < d.dim(); i++) {
        Input in = d.inputs().get(i);
        p[i] = initial && in.time() ? in.min() : in.min() + (in.max() - in.min()) * rng.nextDouble();
      }
    }
    return out;
  }

  /**
   * The terms for a network's weights, built in the current scope.
   *
   * @param net the network
   * @param w its weights
   * @return {@code residual} and {@code ic}
   */
  LossTerms terms(Network net, NetworkWeights w) {
    LossTerms terms = new LossTerms();
    Fields f = net.jets(interior, w, pde.partials(), parameters);
    NDArray res = null;
    for (NDArray r : pde.residual(f)) {
      NDArray l1 = r.abs().mean();
      res = res == null ? l1 : res.add(l1);
    }
    terms.add("residual", res);
    NDArray out = net.forward(initial, w);
    NDArray sel = columns == null ? out : out.get(new NDIndex(":, {}", columns));
    terms.add("ic", sel.sub(targets).abs().mean());
    return terms;
  }

  private static NDArray points(NDManager m, double[][] rows, DataType type) {
    return LrnrModel.create(m, Linalg.flat(rows), new Shape(rows.length, rows[0].length), type);
  }
}
