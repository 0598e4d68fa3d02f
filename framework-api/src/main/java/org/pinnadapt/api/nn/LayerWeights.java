package org.pinnadapt.api.nn;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * The weights of one dense layer for one call of the network.
 *
 * @param weight {@code [out, in]}, or {@code [T, out, in]} with a task axis
 * @param bias {@code [out]}, {@code [T, out]}, or {@code null} for a layer without bias
 */
public record LayerWeights(NDArray weight, NDArray bias) {

  /**
   * Validates the record.
   *
   * @param weight {@code [out, in]}, or {@code [T, out, in]} with a task axis
   * @param bias {@code [out]}, {@code [T, out]}, or {@code null} for a layer without bias
   */
  public LayerWeights {
    Objects.requireNonNull(weight, "weight");
  }
}
