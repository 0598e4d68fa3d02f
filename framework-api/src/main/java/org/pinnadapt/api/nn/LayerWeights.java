package org.pinnadapt.api.nn;

import ai.djl.ndarray.NDArray;

/**
 * The weights of one dense layer for one call of the network: a weight matrix, or its two factors
 * \( W = L R \) kept apart, so that a low-rank layer costs \( r (in + out) \) per point instead of
 * \( in \cdot out \) (the network multiplies by \( R^T \), then by \( L^T \)).
 *
 * @param weight {@code [out, in]}, or {@code [T, out, in]} with a task axis; {@code null} when factored
 * @param bias {@code [out]}, {@code [T, out]}, or {@code null} for a layer without bias
 * @param left the factor {@code L}, {@code [out, r]} (or with a task axis); {@code null} unless factored
 * @param right the factor {@code R}, {@code [r, in]} (or with a task axis); {@code null} unless factored
 */
public record LayerWeights(NDArray weight, NDArray bias, NDArray left, NDArray right) {

  /**
   * Validates the record: a weight, or two factors.
   *
   * @param weight {@code [out, in]}, or {@code [T, out, in]} with a task axis; {@code null} when factored
   * @param bias {@code [out]}, {@code [T, out]}, or {@code null} for a layer without bias
   * @param left the factor {@code L}, {@code [out, r]} (or with a task axis); {@code null} unless factored
   * @param right the factor {@code R}, {@code [r, in]} (or with a task axis); {@code null} unless factored
   */
  public LayerWeights {
    if ((weight == null) == (left == null || right == null)) {
      throw new IllegalArgumentException("a layer has a weight or two factors, not both and not neither");
    }
  }

  /**
   * A layer with a weight matrix.
   *
   * @param weight {@code [out, in]}, or {@code [T, out, in]} with a task axis
   * @param bias {@code [out]}, {@code [T, out]}, or {@code null} for a layer without bias
   */
  public LayerWeights(NDArray weight, NDArray bias) {
    this(weight, bias, null, null);
  }

  /**
   * A layer whose weight is the product of two factors, \( W = L R \), kept apart.
   *
   * @param left {@code [out, r]}, or {@code [T, out, r]}
   * @param right {@code [r, in]}, or {@code [T, r, in]}
   * @param bias {@code [out]}, {@code [T, out]}, or {@code null}
   * @return the layer
   */
  public static LayerWeights factored(NDArray left, NDArray right, NDArray bias) {
    return new LayerWeights(null, bias, left, right);
  }

  /**
   * Whether the weight is kept as two factors.
   *
   * @return {@code true} for a factored layer
   */
  public boolean isFactored() {
    return weight == null;
  }

  /**
   * The weight matrix, formed from the factors when the layer is factored.
   *
   * @return {@code [out, in]} or {@code [T, out, in]}
   */
  public NDArray matrix() {
    return weight != null ? weight : left.matMul(right);
  }
}
