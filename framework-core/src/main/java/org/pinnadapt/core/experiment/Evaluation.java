package org.pinnadapt.core.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.strategy.Solution;

/** Evaluates solutions at point sets. */
public final class Evaluation {

  private Evaluation() {}

  /**
   * A prediction and its timing.
   *
   * @param values {@code [points][fields]}
   * @param millis wall milliseconds of the network evaluation
   */
  public record Prediction(double[][] values, double millis) {}

  /**
   * Evaluates a solution.
   *
   * @param solution the solution
   * @param points the points
   * @param manager where temporary arrays live
   * @param type the model precision
   * @return the values and the time it took
   */
  public static Prediction predict(Solution solution, PointSet points, NDManager manager, DataType type) {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(points.toArray(), new Shape(points.size(), points.dim()));
      if (type != DataType.FLOAT64) {
        x = x.toType(type, false);
      }
      long t0 = System.nanoTime();
      NDArray y = solution.predict(x);
      double[] flat = y.toType(DataType.FLOAT64, false).toDoubleArray();
      double millis = (System.nanoTime() - t0) / 1e6;
      int f = (int) y.getShape().get(1);
      double[][] out = new double[points.size()][f];
      for (int i = 0; i < out.length; i++) {
        System.arraycopy(flat, i * f, out[i], 0, f);
      }
      y.close();
      return new Prediction(out, millis);
    }
  }
}
