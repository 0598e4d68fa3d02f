package org.pinnadapt.pde.burgers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Cole-Hopf reference of Raissi's Burgers problem: quadrature convergence, symmetry, literature, spectral. */
class ColeHopfBurgersTest {

  static final double NU = 0.01 / Math.PI;
  static final ColeHopfBurgers EXACT = new ColeHopfBurgers(NU, 400);

  @Test
  void startsFromTheInitialConditionAndKeepsTheBoundaryAtZero() {
    for (double x = -1; x <= 1; x += 0.125) {
      assertThat(EXACT.value(x, 0)).isCloseTo(-Math.sin(Math.PI * x), within(1e-15));
      assertThat(EXACT.value(x, 1e-8)).isCloseTo(-Math.sin(Math.PI * x), within(1e-6));
    }
    for (double t = 0.05; t <= 1; t += 0.05) {
      assertThat(EXACT.value(-1, t)).isCloseTo(0, within(1e-12));
      assertThat(EXACT.value(1, t)).isCloseTo(0, within(1e-12));
      assertThat(EXACT.value(0, t)).isCloseTo(0, within(1e-12));
      assertThat(EXACT.value(-0.3, t)).isCloseTo(-EXACT.value(0.3, t), within(1e-12));
    }
  }

  @Test
  void theQuadratureHasConverged() {
    ColeHopfBurgers fine = new ColeHopfBurgers(NU, 800);
    double worst = 0;
    for (int i = 0; i < 256; i++) {
      double x = -1 + 2.0 * i / 255;
      for (double t : new double[] {0.01, 0.2, 0.3183, 0.5, 0.75, 0.99}) {
        worst = Math.max(worst, Math.abs(EXACT.value(x, t) - fine.value(x, t)));
      }
    }
    assertThat(worst).isLessThan(1e-11);
  }

  @Test
  void theSteepestGradientIsBasdevantsValue() {
    // Basdevant et al. (1986): max |u_x| = 152.00516 at x = 0, t = 1.6037/pi
    double t = 1.6037 / Math.PI;
    double slope = Math.abs(EXACT.jet(0, t)[1]);
    assertThat(slope).isCloseTo(152.00516, within(2e-3));
    assertThat(Math.abs(EXACT.jet(0, t - 0.01)[1])).isLessThan(slope);
    assertThat(Math.abs(EXACT.jet(0, t + 0.01)[1])).isLessThan(slope);
  }

  @Test
  void derivativesMatchFiniteDifferences() {
    double h = 1e-5;
    for (double[] p : new double[][] {{0.3, 0.2}, {-0.7, 0.6}, {0.05, 0.9}, {0.5, 0.4}}) {
      double[] j = EXACT.jet(p[0], p[1]);
      double ux = (EXACT.value(p[0] + h, p[1]) - EXACT.value(p[0] - h, p[1])) / (2 * h);
      double ut = (EXACT.value(p[0], p[1] + h) - EXACT.value(p[0], p[1] - h)) / (2 * h);
      double uxx = (EXACT.value(p[0] + h, p[1]) - 2 * j[0] + EXACT.value(p[0] - h, p[1])) / (h * h);
      assertThat(j[1]).isCloseTo(ux, within(1e-5 * (1 + Math.abs(ux))));
      assertThat(j[2]).isCloseTo(ut, within(1e-5 * (1 + Math.abs(ut))));
      assertThat(j[3]).isCloseTo(uxx, within(1e-3 * (1 + Math.abs(uxx))));
    }
  }

  @Test
  void agreesWithTheSpectralSolverOfThePeriodicProblem() {
    // u(x, t) = 2 V((x + 1)/2, t), V the 1-periodic solution of V_t + V V_x = (nu/4) V_xx, V0 = sin(2 pi x)/2
    int n = 2048;
    SpectralBurgersSolver s = new SpectralBurgersSolver(NU / 4, n, 1e-4);
    double[] v0 = new double[n];
    for (int i = 0; i < n; i++) {
      v0[i] = Math.sin(2 * Math.PI * i / n) / 2;
    }
    double[][] state = s.coefficientsOf(v0);
    s.advance(state, 2500); // t = 0.25, before the shock
    double[] xs = new double[64];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (double) i / xs.length;
    }
    double[] v = s.evaluate(state, xs, 0);
    for (int i = 0; i < xs.length; i++) {
      assertThat(2 * v[i]).isCloseTo(EXACT.value(2 * xs[i] - 1, 0.25), within(1e-8));
    }
  }
}
