package org.pinnadapt.api.pde;

import java.util.Objects;

/**
 * One input coordinate of a PDE.
 *
 * @param name the coordinate name used by {@link Fields} and {@link Partial}, e.g. {@code x}, {@code t}
 * @param min the lower bound
 * @param max the upper bound; for a periodic input the period is {@code max - min}
 * @param time whether this is the time coordinate (at most one input may be)
 * @param periodic whether the solution is periodic in this coordinate
 */
public record Input(String name, double min, double max, boolean time, boolean periodic) {

  /**
   * Validates the record.
   *
   * @param name the coordinate name used by {@link Fields} and {@link Partial}, e.g. {@code x}, {@code t}
   * @param min the lower bound
   * @param max the upper bound; for a periodic input the period is {@code max - min}
   * @param time whether this is the time coordinate (at most one input may be)
   * @param periodic whether the solution is periodic in this coordinate
   */
  public Input {
    Objects.requireNonNull(name, "name");
    if (!(max > min)) {
      throw new IllegalArgumentException("input '" + name + "': max must exceed min");
    }
    if (time && periodic) {
      throw new IllegalArgumentException("input '" + name + "': time cannot be periodic");
    }
  }

  /**
   * A bounded space coordinate.
   *
   * @param name name
   * @param min lower bound
   * @param max upper bound
   * @return the input
   */
  public static Input space(String name, double min, double max) {
    return new Input(name, min, max, false, false);
  }

  /**
   * A periodic space coordinate with period {@code max - min}.
   *
   * @param name name
   * @param min lower bound
   * @param max upper bound
   * @return the input
   */
  public static Input periodic(String name, double min, double max) {
    return new Input(name, min, max, false, true);
  }

  /**
   * The time coordinate.
   *
   * @param name name
   * @param start initial time
   * @param end final time
   * @return the input
   */
  public static Input time(String name, double start, double end) {
    return new Input(name, start, end, true, false);
  }

  /**
   * The length of the interval (the period for a periodic input).
   *
   * @return {@code max - min}
   */
  public double length() {
    return max - min;
  }
}
