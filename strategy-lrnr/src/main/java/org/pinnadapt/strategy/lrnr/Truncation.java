package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.Params;

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

  /**
   * Drops ranks: keeps columns {@code keep[l]} of the bases and the matching rows of the heads.
   *
   * @param model the model
   * @param p the parameters
   * @param keep kept rank indices per layer (ascending)
   * @param m the manager of the new arrays
   * @return the truncated model and parameters
   */
  public static Truncated truncate(LrnrModel model, Params p, int[][] keep, NDManager m) {
    int[] ranks = model.ranks();
    int[] newRanks = new int[ranks.length];
    Params q = new Params();
    List<Long> headRows = new ArrayList<>();
    int offset = 0;
    for (int l = 0; l < ranks.length; l++) {
      newRanks[l] = keep[l].length;
      long[] idx = new long[keep[l].length];
      for (int k = 0; k < idx.length; k++) {
        idx[k] = keep[l][k];
        headRows.add((long) (offset + keep[l][k]));
      }
      offset += ranks[l];
      NDArray index = m.create(idx);
      for (String n : new String[] {".U", ".V"}) {
        NDArray f = p.get("lr" + l + n).get(new NDIndex(":, {}", index)).duplicate();
        f.attach(m);
        q.put("lr" + l + n, f);
      }
    }
    NDArray rows = m.create(headRows.stream().mapToLong(Long::longValue).toArray());
    int last = model.hyperSpec().layers().size() - 1;
    for (String name : p.names()) {
      if (name.startsWith("lr")) {
        continue;
      }
      NDArray a = p.get(name);
      NDArray c;
      if (name.equals("hyper." + NetworkSpec.weightName(last)) || name.equals("hyper." + NetworkSpec.biasName(last))) {
        c = a.get(new NDIndex("{}", rows)).duplicate();
      } else {
        c = a.duplicate();
      }
      c.attach(m);
      q.put(name, c);
    }
    return new Truncated(model.withRanks(newRanks), q);
  }

  /**
   * A truncated model and its parameters.
   *
   * @param model the model with the effective ranks
   * @param params its parameters
   */
  public record Truncated(LrnrModel model, Params params) {}
}
