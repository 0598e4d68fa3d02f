package org.pinnadapt.core.sampling;

import java.util.SplittableRandom;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Sampler;

/**
 * A seeded {@link Sampler}: points are drawn in the unit cube of the free coordinates by a
 * {@link SamplingMethod} and scaled to the domain. Every call draws from the sampler's random stream,
 * so a new sampler with the same seed repeats the same sequence of point sets.
 */
public final class PointSampler implements Sampler {

  private final SamplingMethod method;
  private final SplittableRandom rng;

  /**
   * Creates a sampler.
   *
   * @param method how points fill the cube
   * @param seed the seed
   */
  public PointSampler(SamplingMethod method, long seed) {
    this.method = method;
    this.rng = new SplittableRandom(seed);
  }

  /**
   * The method.
   *
   * @return the sampling method
   */
  public SamplingMethod method() {
    return method;
  }

  @Override
  public PointSet interior(Domain domain, int n) {
    return fill(domain, -1, 0, n);
  }

  @Override
  public PointSet initial(Domain domain, int n) {
    Input time = domain.time().orElseThrow(() -> new IllegalArgumentException("domain has no time input"));
    return fill(domain, domain.index(time.name()), time.min(), n);
  }

  @Override
  public PointSet face(Domain domain, String input, boolean upper, int n) {
    Input in = domain.input(input);
    return fill(domain, domain.index(input), upper ? in.max() : in.min(), n);
  }

  /** Draws n points with one coordinate (or none if fixed < 0) held at a value. */
  private PointSet fill(Domain domain, int fixed, double value, int n) {
    int d = domain.dim();
    int free = fixed < 0 ? d : d - 1;
    double[][] unit = free == 0 ? new double[n][0]
        : fixed >= 0 && method == SamplingMethod.GRID ? lattice(free, n) : cube(free, n);
    int count = unit.length;
    double[] lo = domain.lower();
    double[] hi = domain.upper();
    double[] data = new double[count * d];
    for (int i = 0; i < count; i++) {
      int k = 0;
      for (int j = 0; j < d; j++) {
        double v;
        if (j == fixed) {
          v = value;
        } else {
          v = lo[j] + (hi[j] - lo[j]) * unit[i][k++];
        }
        data[i * d + j] = v;
      }
    }
    return new PointSet(data, d);
  }

  /** n points in [0,1)^dim (GRID may return a nearby count). */
  double[][] cube(int dim, int n) {
    switch (method) {
      case UNIFORM: {
        double[][] p = new double[n][dim];
        for (double[] row : p) {
          for (int j = 0; j < dim; j++) {
            row[j] = rng.nextDouble();
          }
        }
        return p;
      }
      case LHS: {
        double[][] p = new double[n][dim];
        for (int j = 0; j < dim; j++) {
          int[] perm = permutation(n);
          for (int i = 0; i < n; i++) {
            p[i][j] = (perm[i] + rng.nextDouble()) / n;
          }
        }
        return p;
      }
      case SOBOL: {
        long[] shift = new long[dim];
        for (int j = 0; j < dim; j++) {
          shift[j] = rng.nextLong();
        }
        Sobol s = new Sobol(dim, shift);
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
          p[i] = s.next(new double[dim]);
        }
        return p;
      }
      default: {
        int m = Math.max(1, (int) Math.round(Math.pow(n, 1.0 / dim)));
        int total = (int) Math.pow(m, dim);
        double[][] p = new double[total][dim];
        for (int i = 0; i < total; i++) {
          int rest = i;
          for (int j = dim - 1; j >= 0; j--) {
            p[i][j] = ((rest % m) + 0.5) / m;
            rest /= m;
          }
        }
        return p;
      }
    }
  }

  /** A grid of m^dim points in [0,1]^dim with the endpoints included (m^dim close to n, m >= 2 unless n = 1). */
  static double[][] lattice(int dim, int n) {
    int m = n == 1 ? 1 : Math.max(2, (int) Math.round(Math.pow(n, 1.0 / dim)));
    int total = (int) Math.pow(m, dim);
    double[][] p = new double[total][dim];
    for (int i = 0; i < total; i++) {
      int rest = i;
      for (int j = dim - 1; j >= 0; j--) {
        p[i][j] = m == 1 ? 0.5 : (double) (rest % m) / (m - 1);
        rest /= m;
      }
    }
    return p;
  }

  private int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
