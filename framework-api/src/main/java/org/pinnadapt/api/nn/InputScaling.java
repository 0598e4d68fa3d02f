package org.pinnadapt.api.nn;

import java.util.Arrays;
import java.util.List;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;

/**
 * An affine map of the raw inputs onto \( [-1, 1] \) before the first layer,
 * \( \hat x_i = (x_i - c_i) / h_i \) with the centre \( c_i \) and half-width \( h_i \) of input
 * {@code i}'s interval (Raissi et al. 2019 scale the inputs this way). With a tanh network and zero
 * initial biases, raw inputs in \( [0, 1] \) put every first-layer hyperplane through the corner of the
 * domain; centred inputs spread them over it. The derivatives the network reports stay with respect to
 * the raw inputs. Inputs that get Fourier features ({@link EmbeddingSpec}) are not scaled.
 *
 * @param center \( c_i \) per input
 * @param halfWidth \( h_i > 0 \) per input
 */
public record InputScaling(double[] center, double[] halfWidth) {

  /**
   * Validates the record.
   *
   * @param center \( c_i \) per input
   * @param halfWidth \( h_i > 0 \) per input
   */
  public InputScaling {
    center = center.clone();
    halfWidth = halfWidth.clone();
    if (center.length != halfWidth.length) {
      throw new IllegalArgumentException("center has " + center.length + " entries, halfWidth " + halfWidth.length);
    }
    for (int i = 0; i < center.length; i++) {
      if (!(halfWidth[i] > 0) || !Double.isFinite(halfWidth[i]) || !Double.isFinite(center[i])) {
        throw new IllegalArgumentException("input " + i + ": centre " + center[i] + ", half-width " + halfWidth[i]);
      }
    }
  }

  /**
   * The map of a domain's bounds onto \( [-1, 1] \).
   *
   * @param domain the domain
   * @return the scaling
   */
  public static InputScaling of(Domain domain) {
    List<Input> in = domain.inputs();
    double[] c = new double[in.size()];
    double[] h = new double[in.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = (in.get(i).min() + in.get(i).max()) / 2;
      h[i] = in.get(i).length() / 2;
    }
    return new InputScaling(c, h);
  }

  /**
   * The centres.
   *
   * @return a copy
   */
  @Override
  public double[] center() {
    return center.clone();
  }

  /**
   * The half-widths.
   *
   * @return a copy
   */
  @Override
  public double[] halfWidth() {
    return halfWidth.clone();
  }

  /**
   * The number of inputs.
   *
   * @return the input dimension
   */
  public int dim() {
    return center.length;
  }

  /**
   * Whether the map changes nothing (centres 0, half-widths 1).
   *
   * @return {@code true} for the identity
   */
  public boolean isIdentity() {
    for (int i = 0; i < center.length; i++) {
      if (center[i] != 0 || halfWidth[i] != 1) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputScaling s && Arrays.equals(center, s.center) && Arrays.equals(halfWidth, s.halfWidth);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(center) + Arrays.hashCode(halfWidth);
  }

  @Override
  public String toString() {
    return "InputScaling[center=" + Arrays.toString(center) + ", halfWidth=" + Arrays.toString(halfWidth) + "]";
  }
}
