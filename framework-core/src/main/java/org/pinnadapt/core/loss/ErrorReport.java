package org.pinnadapt.core.loss;

import java.util.List;

/**
 * Errors of a prediction against a reference.
 *
 * @param mse mean squared error over all fields and points (the papers' "error")
 * @param relL2 relative L2 error \( \|u - u_{ref}\|_2 / \|u_{ref}\|_2 \) over all fields
 * @param maxAbs the largest absolute error
 * @param fields the same per field
 */
public record ErrorReport(double mse, double relL2, double maxAbs, List<FieldError> fields) {

  /** Copies the list. */
  public ErrorReport {
    fields = List.copyOf(fields);
  }

  /**
   * Errors of one field.
   *
   * @param field the field name
   * @param mse mean squared error
   * @param relL2 relative L2 error
   * @param maxAbs largest absolute error
   */
  public record FieldError(String field, double mse, double relL2, double maxAbs) {}
}
