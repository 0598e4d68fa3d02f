package org.pinnadapt.strategy.colora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingResult;

/** Solutions of {@code colora}: alpha(t) from the hypernetwork or from an integrated trajectory. */
abstract class ColoraSolution implements Solution {

  final Task task;
  final ColoraModel model;
  final Params params;
  final Domain domain;
  final Params state;
  final NDManager manager;
  private final int timeColumn;
  private final int[] spaceColumns;

  ColoraSolution(Task task, ColoraModel model, Params params, Domain domain, Params state, NDManager manager) {
    this.task = task;
    this.model = model;
    this.params = params;
    this.domain = domain;
    this.state = state;
    this.manager = manager;
    this.timeColumn = domain.index(domain.time().orElseThrow().name());
    this.spaceColumns = domain.space().stream().mapToInt(i -> domain.index(i.name())).toArray();
  }

  /**
   * alpha at each point's time.
   *
   * @param t the times {@code [N]}
   * @param m the manager of the result
   * @param type the floating-point type
   * @return {@code [N, onlineCount]}
   */
  abstract NDArray alpha(double[] t, NDManager m, DataType type);

  @Override
  public Task task() {
    return task;
  }

  @Override
  public NDArray predict(NDArray x) {
    // a scope: some temporaries belong to the offline parameters' manager (their transposes), which lives on
    try (NDScope scope = new NDScope()) {
      double[] t = x.get(new NDIndex(":, " + timeColumn)).toType(DataType.FLOAT64, false)
          .toDoubleArray();
      NDArray alpha = alpha(t, x.getManager(), x.getDataType());
      NDArray xs = ColoraStrategy.select(x, spaceColumns);
      NDArray out = model.forward(params, xs, alpha);
      NDScope.unregister(out);
      return out;
    }
  }

  @Override
  public Params state() {
    return state;
  }

  @Override
  public long trainableParameters() {
    return model.onlineCount();
  }

  @Override
  public void close() {
    manager.close();
  }

  /** CoLoRA-D: alpha(t, mu) from the hypernetwork. */
  static final class Predicted extends ColoraSolution {
    private final Network hyper;

    Predicted(Task task, ColoraModel model, Params params, Network hyper, Domain domain, Params state,
        NDManager manager) {
      super(task, model, params, domain, state, manager);
      this.hyper = hyper;
    }

    @Override
    NDArray alpha(double[] t, NDManager m, DataType type) {
      double[] mu = state.get("mu").toType(DataType.FLOAT64, false).toDoubleArray();
      double[] z = new double[t.length * (1 + mu.length)];
      for (int i = 0; i < t.length; i++) {
        z[i * (1 + mu.length)] = t[i];
        System.arraycopy(mu, 0, z, i * (1 + mu.length) + 1, mu.length);
      }
      return model.alpha(hyper, params, ColoraModel.create(m, z, new Shape(t.length, 1 + mu.length), type));
    }

    @Override
    public TrainingResult training() {
      return TrainingResult.none();
    }
  }

  /**
   * CoLoRA-EQ: alpha from an integrated trajectory, cubic Hermite interpolation between the steps (with
   * the rates the integrator computed), so the interpolation is as accurate as the integrator.
   */
  static final class Integrated extends ColoraSolution {
    private final double[] times;
    private final double[][] alpha;
    private final double[][] rate;
    private final TrainingResult training;

    Integrated(Task task, ColoraModel model, Params params, Domain domain, Params state, TrainingResult training,
        NDManager manager) {
      super(task, model, params, domain, state, manager);
      this.times = state.get("times").toType(DataType.FLOAT64, false).toDoubleArray();
      this.alpha = matrix(state.get("alpha"));
      this.rate = matrix(state.get("rate"));
      this.training = training;
    }

    private static double[][] matrix(NDArray a) {
      double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
      int rows = (int) a.getShape().get(0);
      int cols = (int) a.getShape().get(1);
      double[][] m = new double[rows][cols];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(flat, i * cols, m[i], 0, cols);
      }
      return m;
    }

    /**
     * alpha at a time (cubic Hermite between integration steps).
     *
     * @param t the time
     * @return the online parameters
     */
    double[] at(double t) {
      int n = times.length;
      if (t <= times[0]) {
        return alpha[0].clone();
      }
      if (t >= times[n - 1]) {
        return alpha[n - 1].clone();
      }
      int k = (int) Math.floor((t - times[0]) / (times[n - 1] - times[0]) * (n - 1));
      k = Math.max(0, Math.min(n - 2, k));
      while (k > 0 && t < times[k]) {
        k--;
      }
      while (k < n - 2 && t > times[k + 1]) {
        k++;
      }
      double h = times[k + 1] - times[k];
      double s = (t - times[k]) / h;
      double h00 = 2 * s * s * s - 3 * s * s + 1;
      double h10 = s * s * s - 2 * s * s + s;
      double h01 = -2 * s * s * s + 3 * s * s;
      double h11 = s * s * s - s * s;
      double[] out = new double[alpha[0].length];
      for (int j = 0; j < out.length; j++) {
        out[j] = h00 * alpha[k][j] + h10 * h * rate[k][j] + h01 * alpha[k + 1][j] + h11 * h * rate[k + 1][j];
      }
      return out;
    }

    @Override
    NDArray alpha(double[] t, NDManager m, DataType type) {
      int p = alpha[0].length;
      double[] flat = new double[t.length * p];
      for (int i = 0; i < t.length; i++) {
        System.arraycopy(at(t[i]), 0, flat, i * p, p);
      }
      return ColoraModel.create(m, flat, new Shape(t.length, p), type);
    }

    @Override
    public TrainingResult training() {
      return training;
    }
  }
}
