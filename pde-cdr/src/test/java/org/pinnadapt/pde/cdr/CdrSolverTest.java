package org.pinnadapt.pde.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdrSolverTest {

  private static final double[][] POINTS = grid();

  private static double[][] grid() {
    int nx = 33;
    int nt = 11;
    double[] x = new double[nx * nt];
    double[] t = new double[nx * nt];
    for (int i = 0; i < nt; i++) {
      for (int j = 0; j < nx; j++) {
        x[i * nx + j] = 2 * Math.PI * j / nx;
        t[i * nx + j] = i / (nt - 1.0);
      }
    }
    return new double[][] {x, t};
  }

  private static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void pureConvectionIsExact() {
    CdrSolver s = new CdrSolver(30, 0, 0, 512, 1e-3, InitialCondition.SIN);
    double[] u = s.evaluate(POINTS[0], POINTS[1], 0);
    double[] exact = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      exact[i] = Math.sin(POINTS[0][i] - 30 * POINTS[1][i]);
    }
    assertThat(maxDiff(u, exact)).isLessThan(1e-10);
  }

  @Test
  void convectionDiffusionIsExactInFourierSpace() {
    CdrSolver s = new CdrSolver(5, 0.7, 0, 256, 1e-3, InitialCondition.ONE_PLUS_SIN);
    double[] u = s.evaluate(POINTS[0], POINTS[1], 0);
    double[] exact = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      exact[i] = 1 + Math.exp(-0.7 * POINTS[1][i]) * Math.sin(POINTS[0][i] - 5 * POINTS[1][i]);
    }
    assertThat(maxDiff(u, exact)).isLessThan(1e-12);
  }

  @Test
  void splittingMatchesTheCharacteristicSolutionInTheInviscidLimit() {
    // nu = 1e-9 takes the splitting path; nu = 0 the exact logistic characteristics.
    double[] split = new CdrSolver(3, 1e-9, 2, 256, 1e-3, InitialCondition.ONE_PLUS_SIN)
        .evaluate(POINTS[0], POINTS[1], 0);
    double[] exact = new CdrSolver(3, 0, 2, 256, 1e-3, InitialCondition.ONE_PLUS_SIN)
        .evaluate(POINTS[0], POINTS[1], 0);
    assertThat(maxDiff(split, exact)).isLessThan(1e-8);
  }

  @Test
  void splittingConvergesUnderRefinement() {
    double[] coarse = new CdrSolver(1, 2, 3, 512, 1e-3, InitialCondition.ONE_PLUS_SIN)
        .evaluate(POINTS[0], POINTS[1], 0);
    double[] fine = new CdrSolver(1, 2, 3, 1024, 5e-4, InitialCondition.ONE_PLUS_SIN)
        .evaluate(POINTS[0], POINTS[1], 0);
    assertThat(maxDiff(coarse, fine)).isLessThan(1e-8);
  }

  @Test
  void richardsonExtrapolationIsFourthOrder() {
    double[] ref = new CdrSolver(1, 2, 3, 256, 1.25e-3, InitialCondition.GAUSS).evaluate(POINTS[0], POINTS[1], 0);
    // output times are 0.1 apart, so steps 0.05 and 0.025 divide every interval exactly
    double e1 = maxDiff(new CdrSolver(1, 2, 3, 256, 0.05, InitialCondition.GAUSS).evaluate(POINTS[0], POINTS[1], 0), ref);
    double e2 = maxDiff(new CdrSolver(1, 2, 3, 256, 0.025, InitialCondition.GAUSS).evaluate(POINTS[0], POINTS[1], 0), ref);
    double order = Math.log(e1 / e2) / Math.log(2);
    assertThat(order).as("errors %s, %s", e1, e2).isGreaterThan(3.5);
  }
}
