package org.pinnadapt.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Task;

/**
 * The error of the network against the PDE's reference during training, at fixed points (the reference is
 * evaluated once per task): the mean over tasks of the relative L2 error or the MSE over chosen fields.
 */
final class ErrorMonitor {

  private final TaskArrays arrays;
  private final int[] columns;
  private final boolean mse;
  private final NDArray points;
  private final List<double[][]> reference;

  private ErrorMonitor(TaskArrays arrays, int[] columns, boolean mse, NDArray points, List<double[][]> reference) {
    this.arrays = arrays;
    this.columns = columns;
    this.mse = mse;
    this.points = points;
    this.reference = reference;
  }

  /**
   * A monitor at points, or null when a task's PDE has no reference.
   *
   * @param arrays the tasks and their memory
   * @param points the monitor points
   * @param fields the fields compared (names)
   * @param mse {@code true} for the mean squared error over those fields, {@code false} for the relative L2
   * @return the monitor, or null without a reference
   * @throws IllegalArgumentException for an unknown field
   */
  static ErrorMonitor of(TaskArrays arrays, PointSet points, List<String> fields, boolean mse) {
    List<String> names = arrays.pde.fields().stream().map(f -> f.name()).toList();
    int[] columns = new int[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = names.indexOf(fields.get(i));
      if (columns[i] < 0) {
        throw new IllegalArgumentException("unknown field '" + fields.get(i) + "'; " + arrays.pde.id() + " has "
            + names);
      }
    }
    List<double[][]> refs = new ArrayList<>();
    for (Task t : arrays.tasks) {
      var reference = arrays.pde.reference(t);
      if (reference == null) {
        return null;
      }
      refs.add(reference.evaluate(points));
    }
    NDArray x = arrays.toArray(points);
    if (arrays.taskAxis) {
      NDArray stacked = x.expandDims(0).repeat(0, arrays.tasks.size());
      x.close();
      x = stacked;
    }
    return new ErrorMonitor(arrays, columns, mse, x, refs);
  }

  /**
   * The error of the network now.
   *
   * @param network the network executor
   * @param weights its weights
   * @return the mean over tasks
   */
  double error(Network network, NetworkWeights weights) {
    NDArray out = network.forward(points, weights);
    double[] flat = out.toType(DataType.FLOAT64, false).toDoubleArray();
    int f = (int) out.getShape().get(out.getShape().dimension() - 1);
    int n = reference.get(0).length;
    List<Field> fields = new ArrayList<>();
    for (int c : columns) {
      fields.add(arrays.pde.fields().get(c));
    }
    double sum = 0;
    for (int t = 0; t < arrays.tasks.size(); t++) {
      double[][] predicted = new double[n][columns.length];
      double[][] exact = new double[n][columns.length];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < columns.length; j++) {
          predicted[i][j] = flat[(t * n + i) * f + columns[j]];
          exact[i][j] = reference.get(t)[i][columns[j]];
        }
      }
      ErrorReport e = Metrics.compare(fields, predicted, exact);
      sum += mse ? e.mse() : e.relL2();
    }
    return sum / arrays.tasks.size();
  }
}
