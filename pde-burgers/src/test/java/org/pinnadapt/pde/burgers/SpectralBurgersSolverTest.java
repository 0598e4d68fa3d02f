package org.pinnadapt.pde.burgers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Task;

class SpectralBurgersSolverTest {

  /**
   * Cole-Hopf: phi = A + B exp(-4 pi^2 nu t) cos(2 pi x) gives the exact periodic solution
   * u = -2 nu phi_x / phi of u_t + u u_x = nu u_xx.
   */
  private static double coleHopf(double x, double t, double nu) {
    double a = 1.0;
    double b = 0.5;
    double e = b * Math.exp(-4 * Math.PI * Math.PI * nu * t);
    return 4 * Math.PI * nu * e * Math.sin(2 * Math.PI * x) / (a + e * Math.cos(2 * Math.PI * x));
  }

  @Test
  void matchesTheColeHopfSolution() {
    double nu = 0.01;
    SpectralBurgersSolver solver = new SpectralBurgersSolver(nu, 256, 1e-3);
    double[] u0 = new double[256];
    for (int j = 0; j < u0.length; j++) {
      u0[j] = coleHopf(j / 256.0, 0, nu);
    }
    double[][] state = solver.coefficientsOf(u0);
    solver.advance(state, 1000);
    double[] x = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i + 0.37) / x.length;
    }
    double[] u = solver.evaluate(state, x, 0);
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs(u[i] - coleHopf(x[i], 1.0, nu)));
    }
    assertThat(max).isLessThan(1e-10);
  }

  @Test
  void fourthOrderInTime() {
    double nu = 0.01;
    double[] u0 = new double[128];
    for (int j = 0; j < u0.length; j++) {
      u0[j] = coleHopf(j / 128.0, 0, 0.05) * 8; // a steeper profile than the exact solution above
    }
    double[] x = {0.1, 0.3, 0.55, 0.8};
    double[] errors = new double[3];
    double[] reference = run(nu, 512, 1e-4, u0, x);
    double[] steps = {4e-2, 2e-2, 1e-2};
    for (int k = 0; k < steps.length; k++) {
      double[] u = run(nu, 512, steps[k], u0, x);
      double e = 0;
      for (int i = 0; i < x.length; i++) {
        e = Math.max(e, Math.abs(u[i] - reference[i]));
      }
      errors[k] = e;
    }
    double order = Math.log(errors[1] / errors[2]) / Math.log(2);
    assertThat(order).as("observed order, errors %s", java.util.Arrays.toString(errors)).isGreaterThan(3.5);
  }

  @Test
  void defaultResolutionIsConvergedForRandomInitialConditions() {
    Burgers1d coarse = new Burgers1d(0, 1024, 1e-4);
    Burgers1d fine = new Burgers1d(0, 2048, 5e-5);
    Task task = coarse.task(Map.of("sample", 3.0));
    double[] rows = new double[2 * 40];
    for (int i = 0; i < 40; i++) {
      rows[2 * i] = (i + 0.5) / 40;
      rows[2 * i + 1] = i < 20 ? 0.5 : 1.0;
    }
    PointSet points = new PointSet(rows, 2);
    ReferenceSolution a = coarse.reference(task);
    ReferenceSolution b = fine.reference(fine.task(Map.of("sample", 3.0)));
    double[][] ua = a.evaluate(points);
    double[][] ub = b.evaluate(points);
    double max = 0;
    for (int i = 0; i < ua.length; i++) {
      max = Math.max(max, Math.abs(ua[i][0] - ub[i][0]));
    }
    assertThat(max).isLessThan(1e-8);
  }

  private static double[] run(double nu, int n, double dt, double[] u0, double[] x) {
    SpectralBurgersSolver s = new SpectralBurgersSolver(nu, n, dt);
    double[][] state = s.coefficientsOf(u0);
    s.advance(state, (int) Math.round(0.4 / dt));
    return s.evaluate(state, x, 0);
  }
}
