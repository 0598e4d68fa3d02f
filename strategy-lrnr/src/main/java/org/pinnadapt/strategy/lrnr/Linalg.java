package org.pinnadapt.strategy.lrnr;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Small dense linear algebra in double precision for the EIM: symmetric eigen-decomposition (cyclic
 * Jacobi), leading left singular vectors (Gram matrix, or a randomized range finder for wide states),
 * the DEIM greedy pivoting and LU solves. Matrices are {@code double[rows][cols]}.
 */
final class Linalg {

  private Linalg() {}

  /**
   * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
   *
   * @param a the matrix (not modified)
   * @return eigenvalues (descending) and eigenvectors as columns of {@code vectors}
   */
  static Eigen symmetricEigen(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < n; i++) {
        diag += m[i][i] * m[i][i];
        for (int j = i + 1; j < n; j++) {
          off += m[i][j] * m[i][j];
        }
      }
      if (off <= 1e-30 * Math.max(diag, 1e-300)) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = m[p][q];
          if (Math.abs(apq) < 1e-300) {
            continue;
          }
          double theta = (m[q][q] - m[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    final double[][] mm = m;
    Arrays.sort(order, Comparator.comparingDouble(i -> -mm[i][i]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int k = 0; k < n; k++) {
      values[k] = m[order[k]][order[k]];
      for (int i = 0; i < n; i++) {
        vectors[i][k] = v[i][order[k]];
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
   * largest, at most {@code maxRank}. Uses the Gram matrix {@code S S^T} for up to 800 rows, a
   * randomized range finder with two power iterations otherwise.
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
    double[][] q;
    if (rows <= 800) {
      q = null;
    } else {
      int k = Math.min(Math.min(rows, cols), maxRank + 10);
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] omega = new double[cols][k];
      for (double[] row : omega) {
        for (int j = 0; j < k; j++) {
          row[j] = rng.nextDouble() - 0.5;
        }
      }
      q = orthonormalize(multiply(s, omega));
      for (int it = 0; it < 2; it++) {
        q = orthonormalize(multiply(s, multiply(transpose(s), q)));
      }
    }
    double[][] b = q == null ? s : multiply(transpose(q), s); // [k][cols]
    double[][] gram = multiply(b, transpose(b));
    Eigen e = symmetricEigen(gram);
    double top = Math.sqrt(Math.max(e.values()[0], 0));
    int keep = 0;
    while (keep < e.values().length && keep < maxRank
        && Math.sqrt(Math.max(e.values()[keep], 0)) > tolerance * top && top > 0) {
      keep++;
    }
    keep = Math.max(keep, 1);
    double[] sing = new double[keep];
    double[][] u = new double[rows][keep];
    double[][] ub = q == null ? e.vectors() : multiply(q, e.vectors());
    for (int j = 0; j < keep; j++) {
      sing[j] = Math.sqrt(Math.max(e.values()[j], 0));
      for (int i = 0; i < rows; i++) {
        u[i][j] = ub[i][j];
      }
    }
    return new Svd(sing, u);
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
   */
  static double[] solve(double[][] a, double[] b) {
    double[][] inv = inverse(a);
    double[] x = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      double s = 0;
      for (int j = 0; j < b.length; j++) {
        s += inv[i][j] * b[j];
      }
      x[i] = s;
    }
    return x;
  }

  /**
   * The inverse by Gauss-Jordan elimination with partial pivoting.
   *
   * @param a square matrix (not modified)
   * @return its inverse
   * @throws IllegalArgumentException if singular
   */
  static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
          piv = r;
        }
      }
      if (Math.abs(m[piv][col]) < 1e-300) {
        throw new IllegalArgumentException("singular matrix");
      }
      double[] tmp = m[col];
      m[col] = m[piv];
      m[piv] = tmp;
      double d = m[col][col];
      for (int j = 0; j < 2 * n; j++) {
        m[col][j] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != col && m[r][col] != 0) {
          double f = m[r][col];
          for (int j = 0; j < 2 * n; j++) {
            m[r][j] -= f * m[col][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, inv[i], 0, n);
    }
    return inv;
  }

  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int k = b.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      double[] ci = c[i];
      for (int t = 0; t < k; t++) {
        double ait = a[i][t];
        if (ait == 0) {
          continue;
        }
        double[] bt = b[t];
        for (int j = 0; j < m; j++) {
          ci[j] += ait * bt[j];
        }
      }
    }
    return c;
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

  /** Modified Gram-Schmidt (twice) on the columns (done on the transpose, so each column is contiguous). */
  static double[][] orthonormalize(double[][] a) {
    double[][] q = transpose(a); // [k][n]: row j is column j
    int k = q.length;
    int n = k == 0 ? 0 : q[0].length;
    for (int j = 0; j < k; j++) {
      double[] qj = q[j];
      for (int pass = 0; pass < 2; pass++) {
        for (int t = 0; t < j; t++) {
          double[] qt = q[t];
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += qj[i] * qt[i];
          }
          for (int i = 0; i < n; i++) {
            qj[i] -= dot * qt[i];
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += qj[i] * qj[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        qj[i] = norm > 0 ? qj[i] / norm : 0;
      }
    }
    return transpose(q);
  }
}
