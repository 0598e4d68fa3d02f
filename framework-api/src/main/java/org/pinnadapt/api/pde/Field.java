package org.pinnadapt.api.pde;

import java.util.Objects;

/**
 * One output field of a PDE, e.g. the velocity component {@code u} or the pressure {@code p}.
 *
 * @param name the field name used by {@link Fields}
 * @param description one line, e.g. "pressure"
 * @param gauge whether the field is defined only up to an additive constant (like the pressure of
 *     incompressible flow); errors are then measured after removing the mean difference
 * @param unit the unit shown on color bars and axes, e.g. "m/s"; {@link #DIMENSIONLESS} for the
 *     nondimensional equations of the papers
 */
public record Field(String name, String description, boolean gauge, String unit) {

  /** The unit of a nondimensional field. */
  public static final String DIMENSIONLESS = "dimensionless";

  /**
   * Validates the record.
   *
   * @param name the field name used by {@link Fields}
   * @param description one line, e.g. "pressure"
   * @param gauge whether the field is defined only up to an additive constant (like the pressure of
   *     incompressible flow); errors are then measured after removing the mean difference
   * @param unit the unit shown on color bars and axes, e.g. "m/s"; {@link #DIMENSIONLESS} for the
   *     nondimensional equations of the papers
   */
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(unit, "unit");
    if (unit.isBlank()) {
      throw new IllegalArgumentException("field " + name + ": blank unit (use Field.DIMENSIONLESS)");
    }
  }

  /**
   * A nondimensional field.
   *
   * @param name the field name
   * @param description one line
   * @param gauge whether the field is defined only up to a constant
   */
  public Field(String name, String description, boolean gauge) {
    this(name, description, gauge, DIMENSIONLESS);
  }

  /**
   * A nondimensional field that is fully determined by the PDE.
   *
   * @param name name
   * @param description one line
   * @return the field
   */
  public static Field of(String name, String description) {
    return new Field(name, description, false);
  }
}
