package org.pinnadapt.api.nn;

import java.util.Objects;

/**
 * One dense layer {@code y = act(W x + b)} with {@code W} of shape {@code [out, in]}.
 *
 * @param in input width
 * @param out output width
 * @param activation the activation applied after the affine map
 * @param bias whether the layer has a bias
 */
public record LayerSpec(int in, int out, Activation activation, boolean bias) {

  /**
   * Validates the record.
   *
   * @param in input width
   * @param out output width
   * @param activation the activation applied after the affine map
   * @param bias whether the layer has a bias
   */
  public LayerSpec {
    Objects.requireNonNull(activation, "activation");
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("layer widths must be positive: " + in + " -> " + out);
    }
  }

  /**
   * The number of scalar parameters.
   *
   * @return {@code in * out} plus {@code out} if the layer has a bias
   */
  public long parameterCount() {
    return (long) in * out + (bias ? out : 0);
  }
}
