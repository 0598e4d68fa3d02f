package org.pinnadapt.api.nn;

import java.util.Locale;

/**
 * How {@link Network#initialize} draws the dense layers' weights and biases.
 */
public enum WeightInit {
  /** Glorot and Bengio (2010), normal: \( W \sim N(0, 2/(in + out)) \), zero biases (Raissi et al.'s PINNs). */
  GLOROT_NORMAL("glorot-normal"),
  /**
   * PyTorch's {@code nn.Linear} default: \( W, b \sim U(-1/\sqrt{in}, 1/\sqrt{in}) \) (Kaiming-uniform
   * with \( a = \sqrt 5 \)); what a plain PyTorch script gets.
   */
  PYTORCH("pytorch"),
  /**
   * Glorot-normal weights with PyTorch's biases \( b \sim U(-1/\sqrt{in}, 1/\sqrt{in}) \): the
   * variance-preserving weights of {@link #GLOROT_NORMAL}, with first-layer hyperplanes spread over the domain.
   */
  GLOROT_NORMAL_UNIFORM_BIAS("glorot-normal-uniform-bias");

  private final String id;

  WeightInit(String id) {
    this.id = id;
  }

  /**
   * The option value.
   *
   * @return e.g. {@code glorot-normal}
   */
  public String id() {
    return id;
  }

  /**
   * Parses an option value.
   *
   * @param s {@code glorot-normal} or {@code pytorch}
   * @return the scheme
   */
  public static WeightInit parse(String s) {
    for (WeightInit w : values()) {
      if (w.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown weight initialization '" + s
        + "' (glorot-normal, pytorch or glorot-normal-uniform-bias)");
  }
}
