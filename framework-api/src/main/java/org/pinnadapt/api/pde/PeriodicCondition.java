package org.pinnadapt.api.pde;

import java.util.List;

/**
 * Periodicity in one input, enforced as a loss: the fields (and, if asked, their first derivative in
 * that input) agree at paired points on the lower and upper face.
 *
 * @param name the loss term name
 * @param input the periodic input
 * @param lower points on the lower face
 * @param upper the paired points on the upper face (same order)
 * @param fields the fields that must match
 * @param matchDerivative whether the first derivative in {@code input} must match too
 */
public record PeriodicCondition(
    String name,
    String input,
    PointSet lower,
    PointSet upper,
    List<String> fields,
    boolean matchDerivative)
    implements Condition {

  /**
   * Validates the record.
   *
   * @param name the loss term name
   * @param input the periodic input
   * @param lower points on the lower face
   * @param upper the paired points on the upper face (same order)
   * @param fields the fields that must match
   * @param matchDerivative whether the first derivative in {@code input} must match too
   */
  public PeriodicCondition {
    fields = List.copyOf(fields);
    if (lower.size() != upper.size() || lower.dim() != upper.dim()) {
      throw new IllegalArgumentException("condition '" + name + "': unpaired point sets");
    }
  }
}
