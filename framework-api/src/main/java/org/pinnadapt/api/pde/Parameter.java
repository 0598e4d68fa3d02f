package org.pinnadapt.api.pde;

import java.util.Objects;

/**
 * A scalar PDE parameter that varies between tasks, such as a Reynolds number.
 *
 * @param name the name used on the command line ({@code Re=60}) and by {@link Fields#parameter}
 * @param min the smallest allowed value (inclusive)
 * @param max the largest allowed value (inclusive)
 * @param defaultValue the value of the reference task
 * @param description one line, e.g. "Reynolds number"
 */
public record Parameter(String name, double min, double max, double defaultValue, String description) {

  /**
   * Validates the record.
   *
   * @param name the name used on the command line ({@code Re=60}) and by {@link Fields#parameter}
   * @param min the smallest allowed value (inclusive)
   * @param max the largest allowed value (inclusive)
   * @param defaultValue the value of the reference task
   * @param description one line, e.g. "Reynolds number"
   */
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!(max >= min) || defaultValue < min || defaultValue > max) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': need min <= default <= max, got " + min + ", " + defaultValue
              + ", " + max);
    }
  }

  /**
   * Whether a value lies in the allowed range.
   *
   * @param value the value
   * @return {@code true} if {@code min <= value <= max} and finite
   */
  public boolean contains(double value) {
    return Double.isFinite(value) && value >= min && value <= max;
  }
}
