package org.pinnadapt.api.pde;

import java.util.Objects;

/**
 * One output field of a PDE, e.g. the velocity component {@code u} or the pressure {@code p}.
 *
 * @param name the field name used by {@link Fields}
 * @param description one line, e.g. "pressure"
 * @param gauge whether the field is defined only up to an additive constant (like the pressure of
 *     incompressible flow); errors are then measured after removing the mean difference
 */
public record Field(String name, String description, boolean gauge) {

  /** Validates the record. */
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }

  /**
   * A field that is fully determined by the PDE.
   *
   * @param name name
   * @param description one line
   * @return the field
   */
  public static Field of(String name, String description) {
    return new Field(name, description, false);
  }
}
