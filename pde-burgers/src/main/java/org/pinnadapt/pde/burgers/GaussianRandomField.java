package org.pinnadapt.pde.burgers;

import java.util.SplittableRandom;

/**
 * Samples of the Gaussian random field \( \mathcal N(0, 625(-\Delta + 25 I)^{-2}) \) on the periodic
 * interval [0, 1) with zero mean, as in the FNO data generator (Li et al. 2021):
 * \( u_0(x) = \sum_{k=1}^{K} a_k \cos 2\pi k x + b_k \sin 2\pi k x \) with
 * \( a_k, b_k = \sqrt 2 \cdot 25\, ((2\pi k)^2 + 25)^{-1} \xi \), \( \xi \sim \mathcal N(0,1) \).
 *
 * <p>The series is truncated at {@code K = M/2 - 1} for M sample points, so a sample is exactly the
 * trigonometric interpolant of its M values (the dropped modes have relative amplitude below 3e-4).
 */
public final class GaussianRandomField {

  private final int points;

  /**
   * Creates the field sampler.
   *
   * @param points the number of equispaced sample points (even)
   */
  public GaussianRandomField(int points) {
    this.points = points;
  }

  /**
   * Draws one sample, deterministically from a seed and an index.
   *
   * @param seed the field seed
   * @param index the sample index
   * @return the sample at {@code x_j = j / points}
   */
  public double[] sample(long seed, long index) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    int modes = points / 2 - 1;
    double[] a = new double[modes + 1];
    double[] b = new double[modes + 1];
    for (int k = 1; k <= modes; k++) {
      double sd = Math.sqrt(2) * 25 / (Math.pow(2 * Math.PI * k, 2) + 25);
      a[k] = sd * gaussian(rng);
      b[k] = sd * gaussian(rng);
    }
    double[] u = new double[points];
    for (int j = 0; j < points; j++) {
      double x = (double) j / points;
      double s = 0;
      for (int k = 1; k <= modes; k++) {
        s += a[k] * Math.cos(2 * Math.PI * k * x) + b[k] * Math.sin(2 * Math.PI * k * x);
      }
      u[j] = s;
    }
    return u;
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
