package org.pinnadapt.pde.cdr;

/** The initial conditions of the CDR benchmark. */
public enum InitialCondition {
  /** \( 1 + \sin x \) (the LR-PINN default). */
  ONE_PLUS_SIN("1+sin"),
  /** \( \sin x \). */
  SIN("sin"),
  /** \( \exp(-(x - \pi)^2 / (2 (\pi/4)^2)) \). */
  GAUSS("gauss");

  private final String id;

  InitialCondition(String id) {
    this.id = id;
  }

  /**
   * The option value.
   *
   * @return e.g. {@code 1+sin}
   */
  public String id() {
    return id;
  }

  /**
   * Parses an option value.
   *
   * @param id the value
   * @return the initial condition
   */
  public static InitialCondition parse(String id) {
    for (InitialCondition ic : values()) {
      if (ic.id.equals(id)) {
        return ic;
      }
    }
    throw new IllegalArgumentException("unknown initial condition " + id);
  }

  /**
   * The value at a point.
   *
   * @param x the coordinate
   * @return \( u_0(x) \)
   */
  public double value(double x) {
    switch (this) {
      case ONE_PLUS_SIN: return 1 + Math.sin(x);
      case SIN: return Math.sin(x);
      default: {
        double s = Math.PI / 4;
        double p = 2 * Math.PI;
        double d = (x % p + p) % p - Math.PI; // periodic extension of the Gaussian on [0, 2 pi)
        return Math.exp(-d * d / (2 * s * s));
      }
    }
  }
}
