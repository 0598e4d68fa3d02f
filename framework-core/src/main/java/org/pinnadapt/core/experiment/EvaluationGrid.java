package org.pinnadapt.core.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.PointSet;

/**
 * A regular grid over a domain on which solutions are evaluated and compared: endpoints included,
 * except the upper end of a periodic input (which repeats the lower end).
 */
public final class EvaluationGrid {

  /** The largest number of grid points (a bound on memory: about 160 MB per field in float64). */
  public static final long MAX_POINTS = 20_000_000L;

  private final Domain domain;
  private final int[] counts;
  private final double[] lower;
  private final double[] upper;

  /**
   * Creates a grid.
   *
   * @param domain the domain
   * @param counts points per input, in domain order
   */
  public EvaluationGrid(Domain domain, int[] counts) {
    this(domain, counts, null, null);
  }

  /**
   * Creates a grid over part of a domain.
   *
   * @param domain the domain
   * @param counts points per input, in domain order
   * @param lower per input the first grid value, or NaN for the input's own bound (null: all NaN)
   * @param upper per input the last grid value, or NaN for the input's own bound (null: all NaN)
   */
  public EvaluationGrid(Domain domain, int[] counts, double[] lower, double[] upper) {
    if (counts.length != domain.dim()) {
      throw new InvalidInputException("grid needs " + domain.dim() + " sizes (" + String.join("x", domain.names())
          + "), got " + counts.length);
    }
    for (int c : counts) {
      if (c < 2 || c > 100_000) {
        throw new InvalidInputException("grid size " + c + " must be between 2 and 100000");
      }
    }
    long total = 1;
    for (int c : counts) {
      total *= c;
      if (total > MAX_POINTS) {
        throw new InvalidInputException("grid " + String.join("x", Arrays.stream(counts).mapToObj(Integer::toString)
            .toList()) + " has more than " + MAX_POINTS + " points");
      }
    }
    this.domain = domain;
    this.counts = counts.clone();
    this.lower = new double[counts.length];
    this.upper = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      Input in = domain.inputs().get(i);
      this.lower[i] = lower == null || Double.isNaN(lower[i]) ? Double.NaN : lower[i];
      this.upper[i] = upper == null || Double.isNaN(upper[i]) ? Double.NaN : upper[i];
      double lo = Double.isNaN(this.lower[i]) ? in.min() : this.lower[i];
      double hi = Double.isNaN(this.upper[i]) ? in.max() : this.upper[i];
      if (!(lo >= in.min() && hi <= in.max() && lo < hi)) {
        throw new InvalidInputException("grid range [" + lo + ", " + hi + "] of input " + in.name()
            + " must lie in [" + in.min() + ", " + in.max() + "] with its start below its end");
      }
    }
  }

  /** Whether input i spans a sub-range given in the spec. */
  private boolean ranged(int i) {
    return !Double.isNaN(lower[i]) || !Double.isNaN(upper[i]);
  }

  /**
   * Parses {@code NX[xNY]xNT}, where any size may carry a closed range of its input, e.g.
   * {@code 256x100[0:0.99]} (x over its whole interval, t = 0, 0.01, ..., 0.99).
   *
   * @param domain the domain
   * @param spec e.g. {@code 101x101}
   * @return the grid
   */
  public static EvaluationGrid parse(Domain domain, String spec) {
    String[] parts = spec.toLowerCase(Locale.ROOT).split("x");
    int[] c = new int[parts.length];
    double[] lo = new double[parts.length];
    double[] hi = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i].trim();
        lo[i] = Double.NaN;
        hi[i] = Double.NaN;
        int open = p.indexOf('[');
        if (open >= 0) {
          if (!p.endsWith("]")) {
            throw new NumberFormatException();
          }
          String[] range = p.substring(open + 1, p.length() - 1).split(":");
          if (range.length != 2) {
            throw new NumberFormatException();
          }
          lo[i] = Double.parseDouble(range[0].trim());
          hi[i] = Double.parseDouble(range[1].trim());
          p = p.substring(0, open).trim();
        }
        c[i] = Integer.parseInt(p);
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException("grid '" + spec + "' is not of the form NX[xNY]xNT (a size may carry a range, "
          + "e.g. 100[0:0.99])", e);
    }
    if (c.length != domain.dim()) {
      throw new InvalidInputException("grid '" + spec + "' needs " + domain.dim() + " sizes (" + String.join("x", domain.names())
          + "), got " + c.length);
    }
    return new EvaluationGrid(domain, c, lo, hi);
  }

  /**
   * The default grid: 101 x 101 for two inputs (128 x 101 when one is periodic, the layout of the
   * public 1D Burgers data), 41 x 41 x 11 for three, 21 points per input otherwise.
   *
   * @param domain the domain
   * @return the grid
   */
  public static EvaluationGrid defaultFor(Domain domain) {
    int d = domain.dim();
    int[] c = new int[d];
    for (int i = 0; i < d; i++) {
      Input in = domain.inputs().get(i);
      if (d == 2) {
        c[i] = in.periodic() ? 128 : 101;
      } else if (d == 3) {
        c[i] = in.time() ? 11 : 41;
      } else {
        c[i] = 21;
      }
    }
    return new EvaluationGrid(domain, c);
  }

  /**
   * Points per input.
   *
   * @return the counts
   */
  public int[] counts() {
    return counts.clone();
  }

  /**
   * The text form, e.g. {@code 101x101}.
   *
   * @return the spec
   */
  public String spec() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      parts.add(counts[i] + (ranged(i) ? "[" + axis(i)[0] + ":" + axis(i)[counts[i] - 1] + "]" : ""));
    }
    return String.join("x", parts);
  }

  /**
   * The coordinates of one input.
   *
   * @param input the input index
   * @return the grid values
   */
  public double[] axis(int input) {
    Input in = domain.inputs().get(input);
    int n = counts[input];
    double[] v = new double[n];
    if (ranged(input)) {
      double lo = Double.isNaN(lower[input]) ? in.min() : lower[input];
      double hi = Double.isNaN(upper[input]) ? in.max() : upper[input];
      for (int i = 0; i < n; i++) {
        v[i] = i == n - 1 ? hi : lo + (hi - lo) * i / (n - 1);
      }
      return v;
    }
    for (int i = 0; i < n; i++) {
      v[i] = in.periodic() ? in.min() + in.length() * i / n : in.min() + in.length() * i / (n - 1);
    }
    return v;
  }

  /**
   * All grid points, the last input varying fastest.
   *
   * @return the points
   */
  public PointSet points() {
    int d = counts.length;
    double[][] axes = new double[d][];
    int total = 1;
    for (int i = 0; i < d; i++) {
      axes[i] = axis(i);
      total *= counts[i];
    }
    double[] data = new double[total * d];
    for (int p = 0; p < total; p++) {
      int rest = p;
      for (int i = d - 1; i >= 0; i--) {
        data[p * d + i] = axes[i][rest % counts[i]];
        rest /= counts[i];
      }
    }
    return new PointSet(data, d);
  }
}
