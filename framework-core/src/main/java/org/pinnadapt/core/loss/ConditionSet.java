package org.pinnadapt.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.PeriodicCondition;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.core.sampling.PointSampler;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * The initial and boundary conditions of the tasks, stacked along the task axis, and their loss terms: per
 * Dirichlet condition the mean squared difference to its targets, per periodic condition the mean squared
 * difference between its two faces (and of the normal derivative when it matches derivatives). The points are
 * drawn once, from the task's seed.
 */
final class ConditionSet {

  /** A condition as arrays. */
  private record ConditionData(String name, boolean periodic, NDArray points, NDArray upper,
      NDArray targets, int[] columns, String input, boolean derivative) {}

  private final TaskArrays arrays;
  private final boolean perField;
  private final List<ConditionData> conditions = new ArrayList<>();

  /**
   * Draws every task's condition points and stacks them.
   *
   * @param arrays the tasks and their memory
   * @param method how the condition points are drawn
   * @param counts the point counts
   * @param perField whether a condition on several fields weighs each field as one term
   */
  ConditionSet(TaskArrays arrays, SamplingMethod method, PointCounts counts, boolean perField) {
    this.arrays = arrays;
    this.perField = perField;
    List<List<Condition>> perTask = new ArrayList<>();
    for (Task task : arrays.tasks) {
      PointSampler s = new PointSampler(method, TaskArrays.mix(TaskArrays.mix(arrays.seed, 0x3L), task.id().hashCode()));
      perTask.add(arrays.pde.conditions(task, s, counts));
    }
    List<String> fieldNames = arrays.pde.fields().stream().map(f -> f.name()).toList();
    for (int c = 0; c < perTask.get(0).size(); c++) {
      Condition first = perTask.get(0).get(c);
      if (first instanceof DirichletCondition dc) {
        NDList pts = new NDList();
        NDList tgt = new NDList();
        for (List<Condition> list : perTask) {
          DirichletCondition d = (DirichletCondition) list.get(c);
          pts.add(arrays.toArray(d.points()));
          tgt.add(arrays.toArray(d.values()));
        }
        int[] columns = dc.fields().stream().mapToInt(fieldNames::indexOf).toArray();
        conditions.add(new ConditionData(dc.name(), false, arrays.join(pts), null, arrays.join(tgt), columns, null,
            false));
      } else {
        PeriodicCondition pc = (PeriodicCondition) first;
        NDList lo = new NDList();
        NDList hi = new NDList();
        for (List<Condition> list : perTask) {
          PeriodicCondition p = (PeriodicCondition) list.get(c);
          lo.add(arrays.toArray(p.lower()));
          hi.add(arrays.toArray(p.upper()));
        }
        int[] columns = pc.fields().stream().mapToInt(fieldNames::indexOf).toArray();
        conditions.add(new ConditionData(pc.name(), true, arrays.join(lo), arrays.join(hi), null, columns,
            pc.input(), pc.matchDerivative()));
      }
    }
  }

  /**
   * Adds one term per condition, named by the condition.
   *
   * @param terms the terms to add to
   * @param network the network executor
   * @param weights the network's weights
   * @param parameters the PDE parameters as arrays
   */
  void addTerms(LossTerms terms, Network network, NetworkWeights weights, Map<String, NDArray> parameters) {
    for (ConditionData c : conditions) {
      if (!c.periodic()) {
        NDArray out = network.forward(c.points(), weights);
        terms.add(c.name(), fieldSum(select(out, c.columns()).sub(c.targets()).square().mean(), c));
        continue;
      }
      NDArray lo = network.forward(c.points(), weights);
      NDArray hi = network.forward(c.upper(), weights);
      NDArray mse = fieldSum(select(lo, c.columns()).sub(select(hi, c.columns())).square().mean(), c);
      if (c.derivative()) { // one term per field already
        Set<Partial> d = Set.of(Partial.d(c.input()));
        Fields fl = network.jets(c.points(), weights, d, parameters);
        Fields fh = network.jets(c.upper(), weights, d, parameters);
        for (int col : c.columns()) {
          String field = arrays.pde.fields().get(col).name();
          mse = mse.add(fl.d(field, c.input()).sub(fh.d(field, c.input())).square().mean());
        }
      }
      terms.add(c.name(), mse);
    }
  }

  /** A condition's mean over points and fields, as the sum over its fields of their means if per-field. */
  private NDArray fieldSum(NDArray mean, ConditionData c) {
    return perField && c.columns().length > 1 ? Scalars.mul(mean, c.columns().length) : mean;
  }

  /** The given output columns (the array itself when they are all of them, in order). */
  static NDArray select(NDArray out, int[] columns) {
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
}
