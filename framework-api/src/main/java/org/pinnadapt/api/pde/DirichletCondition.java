package org.pinnadapt.api.pde;

import java.util.List;

/**
 * Prescribed field values at points: an initial condition (points on the initial slice) or a
 * Dirichlet boundary condition.
 *
 * @param name the loss term name
 * @param points where the values are prescribed
 * @param fields which fields are prescribed
 * @param values the prescribed values, one column per entry of {@code fields}
 */
public record DirichletCondition(String name, PointSet points, List<String> fields, PointSet values)
    implements Condition {

  /**
   * Validates the record.
   *
   * @param name the loss term name
   * @param points where the values are prescribed
   * @param fields which fields are prescribed
   * @param values the prescribed values, one column per entry of {@code fields}
   */
  public DirichletCondition {
    fields = List.copyOf(fields);
    if (values.dim() != fields.size() || values.size() != points.size()) {
      throw new IllegalArgumentException(
          "condition '" + name + "': " + points.size() + " points and " + fields.size()
              + " fields need a " + points.size() + " x " + fields.size() + " value set, got "
              + values);
    }
  }
}
