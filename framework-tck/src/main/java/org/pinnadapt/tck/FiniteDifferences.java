package org.pinnadapt.tck;

import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;

/** Fourth-order central differences of a reference solution's values (second order for mixed partials). */
final class FiniteDifferences {

  private FiniteDifferences() {}

  /**
   * A partial derivative of a reference at points.
   *
   * @param ref the reference
   * @param domain its domain (names the inputs)
   * @param points where
   * @param p which partial
   * @param h the step
   * @return one row per point, one column per field
   */
  static double[][] of(
      ReferenceSolution ref, Domain domain, PointSet points, Partial p, double h) {
    int a = domain.index(p.first());
    if (p.order() == 1) {
      double[][] p1 = ref.evaluate(shift(points, a, h));
      double[][] m1 = ref.evaluate(shift(points, a, -h));
      double[][] p2 = ref.evaluate(shift(points, a, 2 * h));
      double[][] m2 = ref.evaluate(shift(points, a, -2 * h));
      return combine(new double[][][] {p2, p1, m1, m2}, new double[] {-1, 8, -8, 1}, 12 * h);
    }
    if (!p.mixed()) {
      double[][] c = ref.evaluate(points);
      double[][] p1 = ref.evaluate(shift(points, a, h));
      double[][] m1 = ref.evaluate(shift(points, a, -h));
      double[][] p2 = ref.evaluate(shift(points, a, 2 * h));
      double[][] m2 = ref.evaluate(shift(points, a, -2 * h));
      return combine(new double[][][] {p2, p1, c, m1, m2}, new double[] {-1, 16, -30, 16, -1}, 12 * h * h);
    }
    int b = domain.index(p.second());
    double[][] pp = ref.evaluate(shift(shift(points, a, h), b, h));
    double[][] pm = ref.evaluate(shift(shift(points, a, h), b, -h));
    double[][] mp = ref.evaluate(shift(shift(points, a, -h), b, h));
    double[][] mm = ref.evaluate(shift(shift(points, a, -h), b, -h));
    return combine(new double[][][] {pp, pm, mp, mm}, new double[] {1, -1, -1, 1}, 4 * h * h);
  }

  private static double[][] combine(double[][][] values, double[] weights, double scale) {
    int n = values[0].length;
    int f = values[0][0].length;
    double[][] out = new double[n][f];
    for (int k = 0; k < values.length; k++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < f; j++) {
          out[i][j] += weights[k] * values[k][i][j] / scale;
        }
      }
    }
    return out;
  }

  private static PointSet shift(PointSet points, int column, double by) {
    double[] data = points.toArray();
    for (int i = column; i < data.length; i += points.dim()) {
      data[i] += by;
    }
    return new PointSet(data, points.dim());
  }
}
