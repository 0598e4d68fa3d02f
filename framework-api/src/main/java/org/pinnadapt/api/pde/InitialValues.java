package org.pinnadapt.api.pde;

import java.util.ArrayList;
import java.util.List;
import org.pinnadapt.api.base.InvalidInputException;

/**
 * The initial condition of a task at given points, obtained from the PDE's own conditions (no
 * reference solution, no training data): the points are handed to {@link Pde#conditions} through a
 * sampler that returns them as the initial points, and the condition built on exactly those points is
 * read back. Strategies that integrate or fit from the initial state (FastLRNR's fast phase,
 * CoLoRA-EQ) use it.
 *
 * @param fields the fields the initial condition prescribes, in column order of {@code values}
 * @param values {@code [n][fields]}
 */
public record InitialValues(List<String> fields, double[][] values) {

  /**
   * The initial values of a task at points on the initial time.
   *
   * @param pde the PDE
   * @param task the task
   * @param points {@code [n][d]} points whose time coordinate is the start time
   * @return the prescribed fields and their values
   * @throws InvalidInputException if the PDE prescribes no initial condition on these points
   */
  public static InitialValues of(Pde pde, Task task, double[][] points) {
    Domain domain = pde.domain();
    Sampler fixed = new Sampler() {
      @Override
      public PointSet interior(Domain d, int n) {
        return PointSet.ofRows(points);
      }

      @Override
      public PointSet initial(Domain d, int n) {
        return PointSet.ofRows(points);
      }

      @Override
      public PointSet face(Domain d, String input, boolean upper, int n) {
        // one point per face; boundary conditions are not read
        double[] c = new double[d.dim()];
        for (int i = 0; i < c.length; i++) {
          c[i] = (d.lower()[i] + d.upper()[i]) / 2;
        }
        int i = d.index(input);
        c[i] = upper ? d.upper()[i] : d.lower()[i];
        return PointSet.ofRows(new double[][] {c});
      }
    };
    for (Condition c : pde.conditions(task, fixed, new PointCounts(points.length, points.length, 1))) {
      if (c instanceof DirichletCondition dc && same(dc.points(), points)) {
        double[][] v = new double[points.length][dc.fields().size()];
        for (int i = 0; i < points.length; i++) {
          for (int j = 0; j < v[i].length; j++) {
            v[i][j] = dc.values().get(i, j);
          }
        }
        return new InitialValues(new ArrayList<>(dc.fields()), v);
      }
    }
    throw new InvalidInputException("PDE '" + pde.id() + "' prescribes no initial condition on the given points "
        + "(domain " + domain.names() + ")");
  }

  private static boolean same(PointSet p, double[][] points) {
    if (p.size() != points.length) {
      return false;
    }
    for (int i = 0; i < points.length; i++) {
      for (int j = 0; j < points[i].length; j++) {
        if (p.get(i, j) != points[i][j]) {
          return false;
        }
      }
    }
    return true;
  }
}
