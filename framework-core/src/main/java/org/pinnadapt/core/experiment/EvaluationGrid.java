package org.pinnadapt.core.experiment;

import java.util.Arrays;
import org.pinnadapt.api.InvalidInputException;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.PointSet;

/**
 * A regular grid over a domain on which solutions are evaluated and compared: endpoints included,
 * except the upper end of a periodic input (which repeats the lower end).
 */
public final class EvaluationGrid {

  private final Domain domain;
  private final int[] counts;

  /**
   * Creates a grid.
   *
   * @param domain the domain
   * @param counts points per input, in domain order
   */
  public EvaluationGrid(Domain domain, int[] counts) {
    if (counts.length != domain.dim()) {
      throw new InvalidInputException("grid needs " + domain.dim() + " sizes (" + String.join("x", domain.names())
          + "), got " + counts.length);
    }
    for (int c : counts) {
      if (c < 2 || c > 100_000) {
        throw new InvalidInputException("grid size " + c + " must be between 2 and 100000");
      }
    }
    this.domain = domain;
    this.counts = counts.clone();
  }

  /**
   * Parses {@code NX[xNY]xNT}.
   *
   * @param domain the domain
   * @param spec e.g. {@code 101x101}
   * @return the grid
   */
  public static EvaluationGrid parse(Domain domain, String spec) {
    try {
      int[] c = Arrays.stream(spec.toLowerCase(java.util.Locale.ROOT).split("x")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
      return new EvaluationGrid(domain, c);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("grid '" + spec + "' is not of the form NX[xNY]xNT", e);
    }
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
    return String.join("x", Arrays.stream(counts).mapToObj(Integer::toString).toList());
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
