package org.pinnadapt.api.pde;

import java.util.Optional;

/**
 * A reference solution given by formulas for the fields and their partial derivatives at one point.
 */
public abstract class ClosedFormSolution implements ReferenceSolution {

  /**
   * The fields at one point.
   *
   * @param point coordinates in domain order
   * @return field values in field order
   */
  protected abstract double[] value(double[] point);

  /**
   * A partial derivative of the fields at one point.
   *
   * @param point coordinates in domain order
   * @param partial the partial
   * @return derivative values in field order
   */
  protected abstract double[] partial(double[] point, Partial partial);

  @Override
  public final double[][] evaluate(PointSet points) {
    double[][] out = new double[points.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = value(points.row(i));
    }
    return out;
  }

  @Override
  public final Optional<double[][]> derivative(PointSet points, Partial partial) {
    double[][] out = new double[points.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = partial(points.row(i), partial);
    }
    return Optional.of(out);
  }

  @Override
  public String method() {
    return "closed form";
  }
}
