package org.pinnadapt.api.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * An input embedding applied before the first dense layer, making the network exactly periodic in
 * the periodic inputs.
 *
 * <ul>
 *   <li>{@link Kind#FOURIER}: fixed features. Every periodic input {@code x} with period {@code L}
 *       becomes {@code cos(2 pi k x / L), sin(2 pi k x / L)} for {@code k = 1..features}; the other
 *       inputs pass through unchanged. No trainable parameters.
 *   <li>{@link Kind#LEARNED}: the CoLoRA periodic layer
 *       \( o_f = \frac{1}{D}\sum_d a_{fd} \cos(2\pi x_d / L_d + c_{fd}) + b_{fd} \), with trainable
 *       {@code a, c, b} of shape {@code [features, D]}; every input must be periodic.
 * </ul>
 *
 * @param kind the embedding kind
 * @param periods the period of each input, {@code NaN} for a non-periodic input
 * @param features harmonics per periodic input ({@code FOURIER}) or output features ({@code LEARNED})
 */
public record EmbeddingSpec(Kind kind, double[] periods, int features) {

  /** Embedding kinds. */
  public enum Kind {
    /** Fixed Fourier features of the periodic inputs. */
    FOURIER,
    /** The learned periodic layer of CoLoRA. */
    LEARNED
  }

  /** Validates the record. */
  public EmbeddingSpec {
    Objects.requireNonNull(kind, "kind");
    periods = periods.clone();
    if (features <= 0) {
      throw new IllegalArgumentException("features must be positive");
    }
    if (kind == Kind.LEARNED && Arrays.stream(periods).anyMatch(Double::isNaN)) {
      throw new IllegalArgumentException("a learned periodic embedding needs every input periodic");
    }
  }

  /**
   * The period of each input ({@code NaN} where not periodic).
   *
   * @return a copy of the periods
   */
  @Override
  public double[] periods() {
    return periods.clone();
  }

  /**
   * The number of inputs.
   *
   * @return the input dimension
   */
  public int inputDim() {
    return periods.length;
  }

  /**
   * Whether an input is periodic.
   *
   * @param input the input column
   * @return {@code true} if it has a period
   */
  public boolean periodic(int input) {
    return !Double.isNaN(periods[input]);
  }

  /**
   * The width after the embedding.
   *
   * @return the output dimension
   */
  public int outputDim() {
    if (kind == Kind.LEARNED) {
      return features;
    }
    int d = 0;
    for (int i = 0; i < periods.length; i++) {
      d += periodic(i) ? 2 * features : 1;
    }
    return d;
  }

  /**
   * The number of trainable scalars.
   *
   * @return {@code 3 * features * D} for {@code LEARNED}, else 0
   */
  public long parameterCount() {
    return kind == Kind.LEARNED ? 3L * features * periods.length : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmbeddingSpec e
        && kind == e.kind
        && features == e.features
        && Arrays.equals(periods, e.periods);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, features, Arrays.hashCode(periods));
  }

  @Override
  public String toString() {
    return "EmbeddingSpec[" + kind + ", periods=" + Arrays.toString(periods) + ", features=" + features + "]";
  }
}
