package org.pinnadapt.core.sampling;

/**
 * The Sobol low-discrepancy sequence in up to 10 dimensions with the direction numbers of Joe and
 * Kuo (2008, {@code new-joe-kuo-6.21201}), generated in Gray-code order, with an optional digital
 * shift (XOR with a random integer per coordinate) that keeps the net property and randomizes it.
 */
final class Sobol {

  static final int MAX_DIM = 10;
  private static final int BITS = 52;

  // s, a, m_1..m_s for dimensions 2..10 (dimension 1 is van der Corput).
  private static final int[][] TABLE = {
    {1, 0, 1},
    {2, 1, 1, 3},
    {3, 1, 1, 3, 1},
    {3, 2, 1, 1, 1},
    {4, 1, 1, 1, 3, 3},
    {4, 4, 1, 3, 5, 13},
    {5, 2, 1, 1, 5, 5, 17},
    {5, 4, 1, 1, 5, 5, 5},
    {5, 7, 1, 1, 7, 11, 19},
  };

  private final int dim;
  private final long[][] v;
  private final long[] x;
  private final long[] shift;
  private long index;

  Sobol(int dim, long[] shift) {
    if (dim < 1 || dim > MAX_DIM) {
      throw new IllegalArgumentException("Sobol sequence supports 1.." + MAX_DIM + " dimensions");
    }
    this.dim = dim;
    this.v = new long[dim][BITS];
    this.x = new long[dim];
    this.shift = shift.clone();
    for (int i = 0; i < BITS; i++) {
      v[0][i] = 1L << (BITS - 1 - i);
    }
    for (int d = 1; d < dim; d++) {
      int[] row = TABLE[d - 1];
      int s = row[0];
      int a = row[1];
      for (int i = 0; i < s && i < BITS; i++) {
        v[d][i] = ((long) row[2 + i]) << (BITS - 1 - i);
      }
      for (int i = s; i < BITS; i++) {
        long value = v[d][i - s] ^ (v[d][i - s] >>> s);
        for (int k = 1; k < s; k++) {
          if (((a >>> (s - 1 - k)) & 1) == 1) {
            value ^= v[d][i - k];
          }
        }
        v[d][i] = value;
      }
    }
  }

  /** The next point in [0, 1)^dim; the first point is the (shifted) origin. */
  double[] next(double[] out) {
    if (index > 0) {
      int c = Long.numberOfTrailingZeros(index);
      for (int d = 0; d < dim; d++) {
        x[d] ^= v[d][c];
      }
    }
    index++;
    for (int d = 0; d < dim; d++) {
      out[d] = ((x[d] ^ shift[d]) & ((1L << BITS) - 1)) / (double) (1L << BITS);
    }
    return out;
  }
}
