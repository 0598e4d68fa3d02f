package org.pinnadapt.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FieldSummaryTest {

  /** NumPy's default quantile: linear interpolation at position q (n - 1) of the sorted values. */
  private static double numpyQuantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
  }

  @Test
  void matchesTheDirectStatisticsWhateverTheBatches() {
    int points = 5;
    int fields = 2;
    int samples = 101;
    float[][] v = new float[samples][points * fields]; // v[s][c]
    SplittableRandom rng = new SplittableRandom(3);
    for (float[] row : v) {
      for (int c = 0; c < row.length; c++) {
        row[c] = (float) (1000 + c + 0.01 * rng.nextGaussian()); // a small spread on a large mean
      }
    }
    double[] q = {0, 0.05, 0.5, 0.975, 1};
    for (int batch : new int[] {1, 7, 101}) {
      FieldSummary s = new FieldSummary(points, fields, samples, q);
      for (int from = 0; from < samples; from += batch) {
        int n = Math.min(batch, samples - from);
        float[] byColumn = new float[points * fields * n];
        for (int c = 0; c < points * fields; c++) {
          for (int k = 0; k < n; k++) {
            byColumn[c * n + k] = v[from + k][c];
          }
        }
        s.add(byColumn, n);
      }
      double[] mean = s.mean();
      double[] std = s.std();
      double[][] quant = s.quantiles();
      for (int c = 0; c < points * fields; c++) {
        final int col = c;
        double[] x = Arrays.stream(v).mapToDouble(r -> r[col]).toArray();
        double m = Arrays.stream(x).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(x).map(e -> (e - m) * (e - m)).sum() / (samples - 1));
        assertThat(mean[c]).isCloseTo(m, within(1e-9));
        assertThat(std[c]).isCloseTo(sd, within(1e-9 + 1e-7 * sd));
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < q.length; k++) {
          assertThat(quant[k][c]).as("batch %d column %d level %s", batch, c, q[k])
              .isCloseTo(numpyQuantile(sorted, q[k]), within(1e-9));
        }
      }
    }
  }

  @Test
  void keepsNothingButTheMomentsWithoutQuantiles() {
    FieldSummary s = new FieldSummary(2, 1, 3, new double[0]);
    s.add(new float[] {1, 2, 3, 4, 6, 8}, 3);
    assertThat(s.mean()).containsExactly(2, 6);
    assertThat(s.std()).containsExactly(1, 2);
    assertThat(s.quantiles()).isEmpty();
    assertThat(FieldSummary.storeBytes(2601, 3, 10_000, false)).isZero();
    assertThat(FieldSummary.storeBytes(2601, 3, 10_000, true)).isEqualTo(312_120_000L);
  }
}
