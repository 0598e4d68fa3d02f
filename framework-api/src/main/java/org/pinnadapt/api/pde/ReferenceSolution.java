package org.pinnadapt.api.pde;

import java.util.Optional;

/**
 * The reference solution of one task, against which every error is measured: a closed form or a
 * numerical solver converged well below the errors it judges.
 */
public interface ReferenceSolution {

  /**
   * Evaluates every field at the points.
   *
   * @param points points in the domain, columns in {@link Domain#inputs()} order
   * @return {@code [points.size()][fields]} values, fields in {@code Pde.fields()} order
   */
  double[][] evaluate(PointSet points);

  /**
   * A partial derivative of every field, where the reference knows it exactly (analytically, or
   * spectrally in a periodic input). Used to check that the reference satisfies the PDE; partials
   * it cannot give are approximated by the caller.
   *
   * @param points points in the domain
   * @param partial the partial derivative
   * @return {@code [points.size()][fields]} values, or empty if not available
   */
  default Optional<double[][]> derivative(PointSet points, Partial partial) {
    return Optional.empty();
  }

  /**
   * How the solution is obtained, for provenance, e.g. "closed form" or "ETDRK4, 1024 modes".
   *
   * @return a one-line description
   */
  String method();
}
