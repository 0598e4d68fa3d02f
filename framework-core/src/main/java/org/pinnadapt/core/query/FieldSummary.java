package org.pinnadapt.core.query;

import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Summary statistics per grid point and field over many samples, fed batch by batch.
 *
 * <p>Mean and variance are merged batch by batch in double precision (Chan, Golub and LeVeque's pairwise update,
 * stable when the spread is small against the mean); the standard deviation is the sample one ({@code n - 1}).
 * Quantiles are exact: every value is kept (float32, one column of samples per point and field) and the quantile
 * is linear interpolation between order statistics at position {@code q (n - 1)}, NumPy's default. Without
 * quantiles nothing but the moments is kept, so memory does not grow with the sample count.
 */
public final class FieldSummary {

  private final int columns;
  private final int samples;
  private final double[] quantiles;
  private final double[] mean;
  private final double[] m2;
  private final float[] store;
  private int seen;

  /**
   * Creates an empty summary.
   *
   * @param points grid points
   * @param fields fields per point
   * @param samples the number of samples that will be added (the quantile store's size)
   * @param quantiles the quantile levels in [0, 1], possibly none
   */
  public FieldSummary(int points, int fields, int samples, double[] quantiles) {
    this.columns = points * fields;
    this.samples = samples;
    this.quantiles = quantiles.clone();
    this.mean = new double[columns];
    this.m2 = new double[columns];
    long size = (long) columns * samples;
    if (quantiles.length > 0 && size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(size + " values are too many to keep for exact quantiles");
    }
    this.store = quantiles.length == 0 ? null : new float[(int) size];
  }

  /**
   * Bytes the quantile store needs.
   *
   * @param points grid points
   * @param fields fields per point
   * @param samples samples
   * @param withQuantiles whether quantiles are asked for
   * @return bytes (0 without quantiles)
   */
  public static long storeBytes(int points, int fields, long samples, boolean withQuantiles) {
    return withQuantiles ? 4L * points * fields * samples : 0;
  }

  /**
   * Adds a batch.
   *
   * @param byColumn the batch's values, column-major: {@code byColumn[c * n + s]} is sample {@code s} of column
   *     {@code c} (point {@code c / fields}, field {@code c % fields})
   * @param n the samples in the batch
   */
  public void add(float[] byColumn, int n) {
    if (seen + n > samples) {
      throw new IllegalStateException("more than the " + samples + " samples announced");
    }
    int offset = seen;
    double nb = n;
    double na = seen;
    IntStream.range(0, columns).parallel().forEach(c -> {
      int at = c * n;
      double sum = 0;
      for (int s = 0; s < n; s++) {
        sum += byColumn[at + s];
      }
      double mb = sum / nb;
      double q = 0;
      for (int s = 0; s < n; s++) {
        double d = byColumn[at + s] - mb;
        q += d * d;
      }
      double delta = mb - mean[c];
      double total = na + nb;
      mean[c] += delta * nb / total;
      m2[c] += q + delta * delta * na * nb / total;
      if (store != null) {
        System.arraycopy(byColumn, at, store, c * samples + offset, n);
      }
    });
    seen += n;
  }

  /**
   * The samples added so far.
   *
   * @return the count
   */
  public int count() {
    return seen;
  }

  /**
   * The mean per column.
   *
   * @return {@code [points * fields]}, point-major
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The sample standard deviation per column (0 with one sample).
   *
   * @return {@code [points * fields]}
   */
  public double[] std() {
    double[] sd = new double[columns];
    for (int c = 0; c < columns; c++) {
      sd[c] = seen > 1 ? Math.sqrt(m2[c] / (seen - 1)) : 0;
    }
    return sd;
  }

  /**
   * The quantiles (commons-math3's selection, estimation type R-7), once every announced sample was added.
   *
   * @return {@code [levels][points * fields]}
   */
  public double[][] quantiles() {
    if (store == null) {
      return new double[0][];
    }
    if (seen != samples) {
      throw new IllegalStateException(seen + " of " + samples + " samples added");
    }
    double[][] out = new double[quantiles.length][columns];
    IntStream.range(0, columns).parallel().forEach(c -> {
      double[] column = new double[samples];
      for (int s = 0; s < samples; s++) {
        column[s] = store[c * samples + s];
      }
      Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7); // NumPy's "linear"
      p.setData(column);
      for (int k = 0; k < quantiles.length; k++) {
        out[k][c] = quantiles[k] == 0 ? min(column) : p.evaluate(100 * quantiles[k]);
      }
    });
    return out;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }
}
