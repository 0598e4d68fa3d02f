package org.pinnadapt.api.pde;

/**
 * How many points to sample per task.
 *
 * @param collocation interior points where the residual is evaluated
 * @param initial points on the initial slice (time-dependent PDEs)
 * @param boundary boundary points in total over all non-periodic faces, or point pairs per periodic
 *     input
 */
public record PointCounts(int collocation, int initial, int boundary) {

  /**
   * Validates the record.
   *
   * @param collocation interior points where the residual is evaluated
   * @param initial points on the initial slice (time-dependent PDEs)
   * @param boundary boundary points in total over all non-periodic faces, or point pairs per periodic
   *     input
   */
  public PointCounts {
    if (collocation <= 0 || initial < 0 || boundary < 0) {
      throw new IllegalArgumentException(
          "point counts must be positive: " + collocation + ", " + initial + ", " + boundary);
    }
  }

  /**
   * The same counts scaled by a factor (at least one point where the original had any).
   *
   * @param factor the scale, e.g. 0.1 for quick runs
   * @return scaled counts
   */
  public PointCounts scaled(double factor) {
    return new PointCounts(scale(collocation, factor), scale(initial, factor), scale(boundary, factor));
  }

  private static int scale(int n, double factor) {
    return n == 0 ? 0 : Math.max(1, (int) Math.round(n * factor));
  }
}
