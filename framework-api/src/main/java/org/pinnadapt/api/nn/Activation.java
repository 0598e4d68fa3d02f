package org.pinnadapt.api.nn;

import java.util.Locale;

/** Element-wise activation functions with the derivatives the jet engine needs. */
public enum Activation {
  /** {@code tanh(z)}; {@code s' = 1 - s^2}, {@code s'' = -2 s (1 - s^2)}. */
  TANH,
  /** {@code sin(z)}; {@code s' = cos z}, {@code s'' = -sin z}. */
  SIN,
  /** {@code z sigmoid(z)} (swish / SiLU). */
  SWISH,
  /** {@code max(z, 0)}; second derivative zero almost everywhere (hypernetworks only). */
  RELU,
  /** The identity (output layers). */
  IDENTITY;

  /**
   * Parses a name such as {@code tanh}.
   *
   * @param name the name, case-insensitive
   * @return the activation
   */
  public static Activation parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /**
   * The lower-case name.
   *
   * @return e.g. {@code tanh}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
