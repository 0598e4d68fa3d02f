package org.pinnadapt.core.nn;

import ai.djl.ndarray.NDArray;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Activation;

/** Activation values and the derivative factors the jet recursion needs. */
final class Activations {

  private Activations() {}

  /** A 0-dimensional constant of the array's type, safe under autograd (see {@link Scalars}). */
  static NDArray scalar(NDArray like, double v) {
    return Scalars.of(like, v);
  }

  static NDArray apply(Activation act, NDArray z) {
    switch (act) {
      case TANH: return z.tanh();
      case SIN: return z.sin();
      case SWISH: return z.mul(ai.djl.nn.Activation.sigmoid(z));
      case RELU: return ai.djl.nn.Activation.relu(z);
      default: return z;
    }
  }

  /**
   * The first derivative \( \sigma'(z) \) given {@code z} and {@code a = sigma(z)}; {@code null} for the
   * identity (factor 1).
   */
  static NDArray first(Activation act, NDArray z, NDArray a) {
    switch (act) {
      case TANH: // 1 - a^2 as scalar - a*a: square() is pow(., 2) with a dtype copy forward and backward
        return scalar(a, 1).sub(a.mul(a));
      case SIN: return z.cos();
      case SWISH: {
        NDArray s = ai.djl.nn.Activation.sigmoid(z);
        // s (1 + z (1 - s))
        return s.mul(z.mul(s.neg().add(1)).add(1));
      }
      case RELU: return z.gt(0).toType(z.getDataType(), false);
      default: return null;
    }
  }

  /**
   * The second-order correction \( \sigma''(z)\, (D_v z)^2 \) of a second-order channel, given the
   * first-order channel {@code zv = D_v z} and {@code av = sigma'(z) zv}; {@code null} when
   * \( \sigma'' = 0 \).
   */
  static NDArray secondTerm(Activation act, NDArray z, NDArray a, NDArray zv, NDArray av) {
    switch (act) {
      case TANH: // sigma'' = -2 a (1 - a^2), so sigma'' zv^2 = -2 a av zv
        return av.mul(zv).mul(Scalars.mul(a, -2));
      case SIN: // sigma'' = -sin z
        return zv.mul(zv).mul(a.neg());
      case SWISH: {
        NDArray s = ai.djl.nn.Activation.sigmoid(z);
        // sigma'' = s (1 - s) (2 + z (1 - 2 s))
        NDArray s2 = s.mul(s.neg().add(1)).mul(z.mul(Scalars.mul(s, -2).add(1)).add(2));
        return zv.mul(zv).mul(s2);
      }
      default:
        return null;
    }
  }
}
