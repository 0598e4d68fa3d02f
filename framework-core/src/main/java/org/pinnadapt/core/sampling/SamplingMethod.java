package org.pinnadapt.core.sampling;

import java.util.Locale;
import org.pinnadapt.api.base.InvalidInputException;

/** How points fill the unit cube before they are scaled to a domain. */
public enum SamplingMethod {
  /** Independent uniform draws. */
  UNIFORM,
  /** Latin hypercube: one point per stratum in every coordinate. */
  LHS,
  /** A Sobol sequence with a random digital shift (Joe-Kuo direction numbers). */
  SOBOL,
  /**
   * A regular grid, m points per coordinate with m^d close to n: cell centres inside the domain, evenly
   * spaced points with the endpoints included on a face or the initial line.
   */
  GRID;

  /**
   * Parses a name such as {@code sobol}.
   *
   * @param name the name
   * @return the method
   */
  public static SamplingMethod parse(String name) {
    return parse(name, "sampler");
  }

  /**
   * Parses a name such as {@code sobol}, naming the setting it came from in the error.
   *
   * @param name the name
   * @param key the configuration key, for the message
   * @return the method
   */
  public static SamplingMethod parse(String name, String key) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(key + " '" + name + "' is not one of uniform, lhs, sobol, grid");
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
