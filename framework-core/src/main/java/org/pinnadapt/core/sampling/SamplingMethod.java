package org.pinnadapt.core.sampling;

import java.util.Locale;
import org.pinnadapt.api.InvalidInputException;

/** How points fill the unit cube before they are scaled to a domain. */
public enum SamplingMethod {
  /** Independent uniform draws. */
  UNIFORM,
  /** Latin hypercube: one point per stratum in every coordinate. */
  LHS,
  /** A Sobol sequence with a random digital shift (Joe-Kuo direction numbers). */
  SOBOL,
  /** A regular grid (cell centers), m points per coordinate with m^d close to n. */
  GRID;

  /**
   * Parses a name such as {@code sobol}.
   *
   * @param name the name
   * @return the method
   */
  public static SamplingMethod parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("sampler '" + name + "' is not one of uniform, lhs, sobol, grid");
    }
  }

  /**
   * The lower-case name.
   *
   * @return e.g. {@code sobol}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
