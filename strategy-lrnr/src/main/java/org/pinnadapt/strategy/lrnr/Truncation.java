package org.pinnadapt.strategy.lrnr;

import java.util.ArrayList;
import java.util.List;

/**
 * Rank truncation of an LRNR: a rank is dropped when its coefficient is exactly zero (the ReLU head
 * is inactive) at every point of a parameter grid; a layer keeps at least its strongest rank.
 */
public final class Truncation {

  private Truncation() {}

  /**
   * The kept ranks per layer.
   *
   * @param coefficients {@code [G][sum r]} coefficients at the grid points
   * @param ranks the rank of each layer
   * @return ascending kept indices per layer
   */
  public static int[][] keep(double[][] coefficients, int[] ranks) {
    int[][] out = new int[ranks.length][];
    int offset = 0;
    for (int l = 0; l < ranks.length; l++) {
      List<Integer> kept = new ArrayList<>();
      int strongest = 0;
      double best = -1;
      for (int k = 0; k < ranks[l]; k++) {
        double max = 0;
        for (double[] row : coefficients) {
          max = Math.max(max, Math.abs(row[offset + k]));
        }
        if (max > 0) {
          kept.add(k);
        }
        if (max > best) {
          best = max;
          strongest = k;
        }
      }
      if (kept.isEmpty()) {
        kept.add(strongest);
      }
      out[l] = kept.stream().mapToInt(Integer::intValue).toArray();
      offset += ranks[l];
    }
    return out;
  }

  /**
   * A regular grid over a box: {@code n} points per dimension (the bounds included).
   *
   * @param lower lower bounds
   * @param upper upper bounds
   * @param n points per dimension
   * @return {@code [n^d][d]}
   */
  public static double[][] grid(double[] lower, double[] upper, int n) {
    int d = lower.length;
    int total = 1;
    for (int i = 0; i < d; i++) {
      total *= upper[i] > lower[i] ? n : 1;
    }
    double[][] out = new double[total][d];
    for (int g = 0; g < total; g++) {
      int rest = g;
      for (int i = d - 1; i >= 0; i--) {
        int count = upper[i] > lower[i] ? n : 1;
        int k = rest % count;
        rest /= count;
        out[g][i] = count == 1 ? lower[i] : lower[i] + (upper[i] - lower[i]) * k / (count - 1);
      }
    }
    return out;
  }
}
