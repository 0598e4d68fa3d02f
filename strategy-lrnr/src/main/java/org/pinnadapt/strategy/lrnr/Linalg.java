package org.pinnadapt.strategy.lrnr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The EIM's dense linear algebra in double precision, on Apache Commons Math: symmetric eigen-decomposition,
 * leading left singular vectors (a direct SVD, or for tall snapshot matrices a randomized range finder first),
 * LU solves and inverses, and the DEIM greedy pivoting (which no library provides). Matrices are
 * {@code double[rows][cols]}.
 */
final class Linalg {

  private Linalg() {}

  /**
   * Eigen-decomposition of a symmetric matrix.
   *
   * @param a the matrix (not modified)
   * @return eigenvalues (descending) and eigenvectors as columns of {@code vectors}
   */
  static Eigen symmetricEigen(double[][] a) {
    EigenDecomposition d = new EigenDecomposition(new Array2DRowRealMatrix(a));
    int n = a.length;
    double[] raw = d.getRealEigenvalues();
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -raw[i]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int k = 0; k < n; k++) {
      values[k] = raw[order[k]];
      double[] v = d.getEigenvector(order[k]).toArray();
      for (int i = 0; i < n; i++) {
        vectors[i][k] = v[i];
      }
    }
    return new Eigen(values, vectors);
  }

  /** Eigenvalues (descending) and eigenvectors (columns). */
  record Eigen(double[] values, double[][] vectors) {}

  /** Leading left singular vectors and singular values. */
  record Svd(double[] singular, double[][] u) {}

  /**
   * The left singular vectors of {@code s} whose singular value exceeds {@code tolerance} times the
   * largest, at most {@code maxRank}, with host products (see the other form).
   *
   * @param s {@code [rows][cols]}
   * @param tolerance relative cut
   * @param maxRank the most vectors kept
   * @param seed seed of the randomized finder
   * @return the basis, {@code [rows][k]}, and the singular values
   */
  static Svd leftSingular(double[][] s, double tolerance, int maxRank, long seed) {
    return leftSingular(s, tolerance, maxRank, seed, null);
  }

  /**
   * The left singular vectors of {@code s} whose singular value exceeds {@code tolerance} times the
   * largest, at most {@code maxRank}. A direct SVD for up to 800 rows; above, a randomized range finder
   * with two power iterations (Halko et al. 2011) first, and the SVD of the projected matrix. The finder's
   * products with {@code s} (a few GFLOP at FastLRNR's width 4000) run in PyTorch in double precision when a
   * manager is given, and its bases are orthonormalized by modified Gram-Schmidt, twice (a thin QR).
   *
   * @param s {@code [rows][cols]}
   * @param tolerance relative cut
   * @param maxRank the most vectors kept
   * @param seed seed of the randomized finder
   * @param manager where the finder's products run, or {@code null} for the host
   * @return the basis, {@code [rows][k]}, and the singular values
   */
  static Svd leftSingular(double[][] s, double tolerance, int maxRank, long seed, NDManager manager) {
    int rows = s.length;
    int cols = s[0].length;
    double[][] q = null;
    double[][] b = s;
    if (rows > 800) {
      int k = Math.min(Math.min(rows, cols), maxRank + 10);
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] omega = new double[cols][k];
      for (double[] row : omega) {
        for (int j = 0; j < k; j++) {
          row[j] = rng.nextDouble() - 0.5;
        }
      }
      try (Tall t = manager == null ? new HostTall(s) : new DeviceTall(s, manager)) {
        q = orthonormal(t.times(omega));
        for (int it = 0; it < 2; it++) {
          q = orthonormal(t.times(t.transposeTimes(q)));
        }
        b = transpose(t.transposeTimes(q)); // Q^T S
      }
    }
    SingularValueDecomposition d = new SingularValueDecomposition(new Array2DRowRealMatrix(b, false));
    double[] all = d.getSingularValues();
    double top = all[0];
    int keep = 0;
    while (keep < all.length && keep < maxRank && all[keep] > tolerance * top && top > 0) {
      keep++;
    }
    keep = Math.max(keep, 1);
    double[][] ud = d.getU().getSubMatrix(0, b.length - 1, 0, keep - 1).getData();
    return new Svd(Arrays.copyOf(all, keep), q == null ? ud : multiply(q, ud));
  }

  /** Products with a fixed tall matrix {@code S}: {@code S X} and {@code S^T X}. */
  private interface Tall extends AutoCloseable {
    double[][] times(double[][] x);

    double[][] transposeTimes(double[][] x);

    @Override
    default void close() {}
  }

  /** On the host, with {@link #multiply}; the transpose formed once. */
  private record HostTall(double[][] s, double[][] st) implements Tall {
    HostTall(double[][] s) {
      this(s, transpose(s));
    }

    @Override
    public double[][] times(double[][] x) {
      return multiply(s, x);
    }

    @Override
    public double[][] transposeTimes(double[][] x) {
      return multiply(st, x);
    }
  }

  /** In PyTorch, double precision, the matrix copied once. */
  private static final class DeviceTall implements Tall {
    private final NDManager m;
    private final NDArray s;
    private final NDArray st;

    DeviceTall(double[][] s, NDManager parent) {
      this.m = parent.newSubManager();
      this.s = m.create(flat(s), new Shape(s.length, s[0].length));
      this.st = this.s.transpose();
    }

    @Override
    public double[][] times(double[][] x) {
      return product(s, x);
    }

    @Override
    public double[][] transposeTimes(double[][] x) {
      return product(st, x);
    }

    private double[][] product(NDArray a, double[][] x) {
      try (NDManager scratch = m.newSubManager()) {
        NDArray r = a.matMul(scratch.create(flat(x), new Shape(x.length, x[0].length)));
        r.attach(scratch); // a product lands in its first operand's manager
        double[] v = r.toDoubleArray();
        int cols = x[0].length;
        double[][] out = new double[v.length / cols][];
        for (int i = 0; i < out.length; i++) {
          out[i] = Arrays.copyOfRange(v, i * cols, (i + 1) * cols);
        }
        return out;
      }
    }

    @Override
    public void close() {
      m.close();
    }
  }

  /**
   * The rows of a matrix one after the other.
   *
   * @param a {@code [rows][cols]}
   * @return {@code rows * cols} values, row-major
   */
  static double[] flat(double[][] a) {
    int cols = a[0].length;
    double[] f = new double[a.length * cols];
    for (int i = 0; i < a.length; i++) {
      System.arraycopy(a[i], 0, f, i * cols, cols);
    }
    return f;
  }

  /**
   * An orthonormal basis of the columns, {@code [rows][k]}: modified Gram-Schmidt, each column orthogonalized
   * twice against the earlier ones (a thin QR). A column that loses all but 1e-12 of its norm to the earlier ones
   * lies in their span to rounding and is set to zero, so the non-zero columns stay orthonormal.
   */
  private static double[][] orthonormal(double[][] a) {
    double[][] cols = transpose(a); // [k][rows]: a column per row, contiguous
    for (int j = 0; j < cols.length; j++) {
      double[] v = cols[j];
      double before = 0;
      for (double x : v) {
        before += x * x;
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < j; i++) {
          double[] u = cols[i];
          double dot = 0;
          for (int r = 0; r < v.length; r++) {
            dot += u[r] * v[r];
          }
          for (int r = 0; r < v.length; r++) {
            v[r] -= dot * u[r];
          }
        }
      }
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      boolean kept = norm > 1e-24 * before && norm > 0;
      norm = Math.sqrt(norm);
      for (int r = 0; r < v.length; r++) {
        v[r] = kept ? v[r] / norm : 0;
      }
    }
    return transpose(cols);
  }

  /**
   * DEIM greedy pivoting (Chaturantabut and Sorensen 2010): row indices at which the basis is
   * interpolated.
   *
   * @param u the basis {@code [rows][k]}
   * @return {@code k} distinct row indices
   */
  static int[] deim(double[][] u) {
    int rows = u.length;
    int k = u[0].length;
    int[] idx = new int[k];
    idx[0] = argmaxAbs(column(u, 0), null);
    for (int j = 1; j < k; j++) {
      double[][] a = new double[j][j];
      double[] rhs = new double[j];
      for (int r = 0; r < j; r++) {
        for (int c = 0; c < j; c++) {
          a[r][c] = u[idx[r]][c];
        }
        rhs[r] = u[idx[r]][j];
      }
      double[] c = solve(a, rhs);
      double[] res = new double[rows];
      for (int i = 0; i < rows; i++) {
        double v = u[i][j];
        for (int t = 0; t < j; t++) {
          v -= u[i][t] * c[t];
        }
        res[i] = v;
      }
      idx[j] = argmaxAbs(res, Arrays.copyOf(idx, j));
    }
    return idx;
  }

  private static int argmaxAbs(double[] v, int[] exclude) {
    int best = -1;
    double max = -1;
    for (int i = 0; i < v.length; i++) {
      if (exclude != null && contains(exclude, i)) {
        continue;
      }
      if (Math.abs(v[i]) > max) {
        max = Math.abs(v[i]);
        best = i;
      }
    }
    return best;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  static double[] column(double[][] a, int j) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i][j];
    }
    return c;
  }

  /**
   * Solves {@code a x = b} by LU with partial pivoting.
   *
   * @param a square matrix (not modified)
   * @param b right-hand side
   * @return the solution
   * @throws IllegalArgumentException if singular
   */
  static double[] solve(double[][] a, double[] b) {
    try {
      return new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(b)).toArray();
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException("singular matrix", e);
    }
  }

  /**
   * The inverse by LU with partial pivoting.
   *
   * @param a square matrix (not modified)
   * @return its inverse
   * @throws IllegalArgumentException if singular
   */
  static double[][] inverse(double[][] a) {
    try {
      return new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().getInverse().getData();
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException("singular matrix", e);
    }
  }

  /**
   * {@code a b}, in loops the JIT vectorizes; each entry sums over the inner index in order.
   *
   * @param a {@code [n][k]}
   * @param b {@code [k][m]}
   * @return {@code [n][m]}
   */
  static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      double[] oi = out[i];
      for (int p = 0; p < b.length; p++) {
        double v = a[i][p];
        double[] bp = b[p];
        for (int j = 0; j < bp.length; j++) {
          oi[j] += v * bp[j];
        }
      }
    }
    return out;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }
}
