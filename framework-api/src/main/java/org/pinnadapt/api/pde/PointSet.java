package org.pinnadapt.api.pde;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of points in {@code dim} dimensions, stored row-major. Columns follow the order of
 * {@link Domain#inputs()}.
 */
public final class PointSet {

  private final double[] data;
  private final int dim;

  /**
   * Wraps row-major data (copied).
   *
   * @param data the coordinates, {@code size * dim} values
   * @param dim the number of columns
   */
  public PointSet(double[] data, int dim) {
    if (dim <= 0 || data.length % dim != 0) {
      throw new IllegalArgumentException("data length " + data.length + " is not a multiple of " + dim);
    }
    this.data = data.clone();
    this.dim = dim;
  }

  /**
   * Builds a point set from rows.
   *
   * @param rows one array per point, all of the same length
   * @return the point set
   */
  public static PointSet ofRows(double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no rows");
    }
    int d = rows[0].length;
    double[] data = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
      }
      System.arraycopy(rows[i], 0, data, i * d, d);
    }
    return new PointSet(data, d);
  }

  /**
   * Concatenates point sets of equal dimension.
   *
   * @param sets the sets
   * @return all points, in order
   */
  public static PointSet concat(List<PointSet> sets) {
    int d = sets.get(0).dim;
    int total = 0;
    for (PointSet s : sets) {
      if (s.dim != d) {
        throw new IllegalArgumentException("dimension mismatch");
      }
      total += s.data.length;
    }
    double[] data = new double[total];
    int at = 0;
    for (PointSet s : sets) {
      System.arraycopy(s.data, 0, data, at, s.data.length);
      at += s.data.length;
    }
    return new PointSet(data, d);
  }

  /**
   * The number of points.
   *
   * @return the size
   */
  public int size() {
    return data.length / dim;
  }

  /**
   * The number of coordinates per point.
   *
   * @return the dimension
   */
  public int dim() {
    return dim;
  }

  /**
   * One coordinate.
   *
   * @param point the point index
   * @param column the coordinate index
   * @return the value
   */
  public double get(int point, int column) {
    return data[point * dim + column];
  }

  /**
   * One column.
   *
   * @param column the coordinate index
   * @return the values of that coordinate for every point
   */
  public double[] column(int column) {
    double[] c = new double[size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = data[i * dim + column];
    }
    return c;
  }

  /**
   * One point.
   *
   * @param point the point index
   * @return its coordinates
   */
  public double[] row(int point) {
    return Arrays.copyOfRange(data, point * dim, (point + 1) * dim);
  }

  /**
   * The row-major data.
   *
   * @return a copy of the data
   */
  public double[] toArray() {
    return data.clone();
  }

  /**
   * The same points with one column replaced by a constant.
   *
   * @param column the coordinate index
   * @param value the new value
   * @return a new point set
   */
  public PointSet withColumn(int column, double value) {
    double[] copy = data.clone();
    for (int i = column; i < copy.length; i += dim) {
      copy[i] = value;
    }
    return new PointSet(copy, dim);
  }

  @Override
  public String toString() {
    return "PointSet[" + size() + " x " + dim + "]";
  }
}
