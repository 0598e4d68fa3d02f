package org.pinnadapt.pde.cdr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Reference solutions of \( u_t + \beta u_x - \nu u_{xx} - \rho u (1 - u) = 0 \) on \([0, 2\pi)\),
 * periodic:
 *
 * <ul>
 *   <li>\(\nu = 0\): exact along characteristics, \( u = L_t(u_0(x - \beta t)) \) with the logistic flow
 *       \( L_t(v) = v e^{\rho t} / (1 + v (e^{\rho t} - 1)) \) (pure convection when \(\rho = 0\));
 *   <li>\(\rho = 0\): exact in Fourier space, \( \hat u_k(t) = \hat u_k(0) e^{(-i\beta k - \nu k^2) t} \);
 *   <li>otherwise: Strang splitting (exact half-step logistic reaction, exact Fourier
 *       convection-diffusion step), a symmetric second-order method whose error expands in even
 *       powers of the step, run at steps h and h/2 and Richardson-extrapolated to fourth order.
 * </ul>
 *
 * Values between grid points come from the trigonometric interpolant, so x-derivatives are spectral.
 */
public final class CdrSolver {

  private final double beta;
  private final double nu;
  private final double rho;
  private final int n;
  private final double dt;
  private final InitialCondition ic;
  private final DoubleFFT_1D fft;

  /**
   * Creates a solver.
   *
   * @param beta convection speed
   * @param nu diffusion coefficient
   * @param rho reaction rate
   * @param gridPoints Fourier grid size
   * @param dt the splitting step h
   * @param ic the initial condition
   */
  public CdrSolver(double beta, double nu, double rho, int gridPoints, double dt, InitialCondition ic) {
    this.beta = beta;
    this.nu = nu;
    this.rho = rho;
    this.n = gridPoints;
    this.dt = dt;
    this.ic = ic;
    this.fft = new DoubleFFT_1D(gridPoints);
  }

  /**
   * How the solution is computed.
   *
   * @return a one-line description
   */
  public String method() {
    if (nu == 0) {
      return rho == 0 ? "exact (pure convection)" : "exact (characteristics with logistic reaction)";
    }
    if (rho == 0) {
      return "exact (Fourier, " + n + " modes)";
    }
    return "Strang splitting, h=" + dt + " and h/2 with Richardson extrapolation, " + n + " Fourier modes";
  }

  /**
   * The solution or an x-derivative at points {@code (x, t)}.
   *
   * @param x the x coordinates
   * @param t the times
   * @param order 0, 1 or 2
   * @return the values
   */
  public double[] evaluate(double[] x, double[] t, int order) {
    double[] out = new double[x.length];
    if (nu == 0) {
      for (int i = 0; i < x.length; i++) {
        out[i] = characteristics(x[i], t[i], order);
      }
      return out;
    }
    TreeMap<Double, List<Integer>> byTime = new TreeMap<>();
    for (int i = 0; i < x.length; i++) {
      byTime.computeIfAbsent(t[i], k -> new ArrayList<>()).add(i);
    }
    double[] u0 = grid(ic);
    if (rho == 0) {
      double[][] c0 = forward(u0);
      for (Map.Entry<Double, List<Integer>> e : byTime.entrySet()) {
        double[][] c = propagate(c0, e.getKey());
        fill(out, x, e.getValue(), c, order);
      }
      return out;
    }
    double[] coarse = u0.clone();
    double[] fine = u0.clone();
    double now = 0;
    for (Map.Entry<Double, List<Integer>> e : byTime.entrySet()) {
      double span = e.getKey() - now;
      if (span > 0) {
        int steps = (int) Math.ceil(span / dt - 1e-9);
        double h = span / steps;
        for (int s = 0; s < steps; s++) {
          strang(coarse, h);
        }
        for (int s = 0; s < 2 * steps; s++) {
          strang(fine, h / 2);
        }
        now = e.getKey();
      }
      double[] extrapolated = new double[n];
      for (int j = 0; j < n; j++) {
        extrapolated[j] = (4 * fine[j] - coarse[j]) / 3;
        if (!Double.isFinite(extrapolated[j])) {
          throw new ArithmeticException("the CDR solution blows up before t=" + e.getKey());
        }
      }
      fill(out, x, e.getValue(), forward(extrapolated), order);
    }
    return out;
  }

  private double characteristics(double x, double t, int order) {
    double xi = x - beta * t;
    double v = ic.value(xi);
    double e = Math.exp(rho * t);
    double den = 1 + v * (e - 1);
    if (!(den > 0)) {
      throw new ArithmeticException(
          "the CDR solution blows up before t=" + t + " (logistic growth of a negative initial value)");
    }
    double dv = derivative(xi, 1);
    double ddv = derivative(xi, 2);
    double l1 = e / (den * den);
    switch (order) {
      case 0: return v * e / den;
      case 1: return l1 * dv;
      default: {
        double l2 = -2 * e * (e - 1) / (den * den * den);
        return l2 * dv * dv + l1 * ddv;
      }
    }
  }

  private double derivative(double x, int order) {
    switch (ic) {
      case ONE_PLUS_SIN:
      case SIN:
        return order == 1 ? Math.cos(x) : -Math.sin(x);
      default: {
        // the Gaussian is evaluated as its periodic extension's nearest copy; derivatives of exp(-d^2/(2s^2))
        double s2 = Math.PI * Math.PI / 16;
        double d = wrap(x) - Math.PI;
        double g = Math.exp(-d * d / (2 * s2));
        return order == 1 ? -d / s2 * g : (d * d / (s2 * s2) - 1 / s2) * g;
      }
    }
  }

  private static double wrap(double x) {
    double p = 2 * Math.PI;
    double r = x % p;
    return r < 0 ? r + p : r;
  }

  private double[] grid(InitialCondition c) {
    double[] u = new double[n];
    for (int j = 0; j < n; j++) {
      u[j] = c.value(2 * Math.PI * j / n);
    }
    return u;
  }

  private void strang(double[] u, double h) {
    react(u, h / 2);
    double[][] c = forward(u);
    double[][] p = propagate(c, h);
    double[] back = inverse(p);
    System.arraycopy(back, 0, u, 0, n);
    react(u, h / 2);
  }

  private void react(double[] u, double h) {
    double e = Math.exp(rho * h);
    for (int j = 0; j < n; j++) {
      u[j] = u[j] * e / (1 + u[j] * (e - 1));
    }
  }

  private int mode(int index) {
    return index <= n / 2 ? index : index - n;
  }

  private double[][] forward(double[] u) {
    double[] buf = new double[2 * n];
    for (int j = 0; j < n; j++) {
      buf[2 * j] = u[j];
    }
    fft.complexForward(buf);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int k = 0; k < n; k++) {
      re[k] = buf[2 * k] / n;
      im[k] = buf[2 * k + 1] / n;
    }
    return new double[][] {re, im};
  }

  private double[] inverse(double[][] c) {
    double[] buf = new double[2 * n];
    for (int k = 0; k < n; k++) {
      buf[2 * k] = c[0][k];
      buf[2 * k + 1] = c[1][k];
    }
    fft.complexInverse(buf, false);
    double[] u = new double[n];
    for (int j = 0; j < n; j++) {
      u[j] = buf[2 * j];
    }
    return u;
  }

  /** Multiplies each mode by exp((-i beta k - nu k^2) t). */
  private double[][] propagate(double[][] c, double t) {
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      int k = mode(i);
      if (i == n / 2) {
        k = 0; // the Nyquist mode has no sign; keep it real and undamped by convection
      }
      double decay = Math.exp(-nu * (double) k * k * t);
      double ang = -beta * k * t;
      double cr = Math.cos(ang) * decay;
      double ci = Math.sin(ang) * decay;
      re[i] = c[0][i] * cr - c[1][i] * ci;
      im[i] = c[0][i] * ci + c[1][i] * cr;
    }
    return new double[][] {re, im};
  }

  private void fill(double[] out, double[] x, List<Integer> indices, double[][] c, int order) {
    for (int idx : indices) {
      double xv = x[idx];
      double sum = order == 0 ? c[0][0] : 0;
      for (int i = 1; i < n / 2; i++) {
        double ang = i * xv;
        double cr = Math.cos(ang);
        double ci = Math.sin(ang);
        double vr = c[0][i] * cr - c[1][i] * ci;
        double vi = c[0][i] * ci + c[1][i] * cr;
        // modes +i and -i together: 2 Re(c_i e^{i i x}) (real solution); derivative factor (i k)^order
        switch (order) {
          case 0: sum += 2 * vr; break;
          case 1: sum += -2 * i * vi; break;
          default: sum += -2.0 * i * i * vr; break;
        }
      }
      out[idx] = sum;
    }
  }
}
