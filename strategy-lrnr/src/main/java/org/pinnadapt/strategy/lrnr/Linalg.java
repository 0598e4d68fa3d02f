package org.pinnadapt.strategy.lrnr;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
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
   * largest, at most {@code maxRank}. A direct SVD for up to 800 rows; above, a randomized range finder
   * with two power iterations (Halko et al. 2011) first, and the SVD of the projected matrix.
   *
   * @param s {@code [rows][cols]}
   * @param tolerance relative cut
   * @param maxRank the most vectors kept
   * @param seed seed of the randomized finder
   * @return the basis, {@code [rows][k]}, and the singular values
   */
  static Svd leftSingular(double[][] s, double tolerance, int maxRank, long seed) {
    int rows = s.length;
    int cols = s[0].length;
    RealMatrix sm = new Array2DRowRealMatrix(s, false);
    RealMatrix q = null;
    if (rows > 800) {
      int k = Math.min(Math.min(rows, cols), maxRank + 10);
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] omega = new double[cols][k];
      for (double[] row : omega) {
        for (int j = 0; j < k; j++) {
          row[j] = rng.nextDouble() - 0.5;
        }
      }
      q = orthonormal(sm.multiply(new Array2DRowRealMatrix(omega, false)));
      for (int it = 0; it < 2; it++) {
        q = orthonormal(sm.multiply(sm.transpose().multiply(q)));
      }
    }
    RealMatrix b = q == null ? sm : q.transpose().multiply(sm);
    SingularValueDecomposition d = new SingularValueDecomposition(b);
    double[] all = d.getSingularValues();
    double top = all[0];
    int keep = 0;
    while (keep < all.length && keep < maxRank && all[keep] > tolerance * top && top > 0) {
      keep++;
    }
    keep = Math.max(keep, 1);
    RealMatrix ub = q == null ? d.getU() : q.multiply(d.getU());
    return new Svd(Arrays.copyOf(all, keep), ub.getSubMatrix(0, rows - 1, 0, keep - 1).getData());
  }

  /** An orthonormal basis of the columns (thin Q of a QR decomposition). */
  private static RealMatrix orthonormal(RealMatrix a) {
    int k = a.getColumnDimension();
    return new QRDecomposition(a).getQ().getSubMatrix(0, a.getRowDimension() - 1, 0, k - 1);
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

  static double[][] multiply(double[][] a, double[][] b) {
    return new Array2DRowRealMatrix(a, false).multiply(new Array2DRowRealMatrix(b, false)).getData();
  }

  static double[][] transpose(double[][] a) {
    return new Array2DRowRealMatrix(a, false).transpose().getData();
  }
}
