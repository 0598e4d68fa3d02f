package org.pinnadapt.pde.burgers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A pseudo-spectral solver of the periodic viscous Burgers equation
 * \( u_t + (u^2/2)_x = \nu u_{xx} \) on \([0, 1)\): Fourier collocation with 2/3-rule de-aliasing and
 * the fourth-order exponential time differencing Runge-Kutta scheme ETDRK4 of Cox and Matthews (2002),
 * with the contour-integral coefficients of Kassam and Trefethen (2005), which integrates the
 * diffusion exactly.
 *
 * <p>States are Fourier coefficients \( \hat u_m \) of \( u(x) = \sum_m \hat u_m e^{2\pi i m x} \) for
 * the signed modes \( m = -N/2+1 .. N/2-1 \), stored in FFT order as separate real and imaginary parts.
 */
public final class SpectralBurgersSolver {

  private static final int CONTOUR_POINTS = 32;

  private final double nu;
  private final int n;
  private final double dt;
  private final DoubleFFT_1D fft;
  private final double[] wave; // 2 pi m, signed, 0 at Nyquist
  private final boolean[] keep; // de-aliasing mask
  private final Map<Double, Coefficients> coefficients = new HashMap<>();

  /**
   * Creates a solver.
   *
   * @param nu the viscosity
   * @param gridPoints N, the number of collocation points (a power of two)
   * @param dt the time step
   */
  public SpectralBurgersSolver(double nu, int gridPoints, double dt) {
    if (Integer.bitCount(gridPoints) != 1 || gridPoints < 16) {
      throw new IllegalArgumentException("grid points must be a power of two >= 16");
    }
    this.nu = nu;
    this.n = gridPoints;
    this.dt = dt;
    this.fft = new DoubleFFT_1D(gridPoints);
    this.wave = new double[gridPoints];
    this.keep = new boolean[gridPoints];
    int cutoff = gridPoints / 3;
    for (int i = 0; i < gridPoints; i++) {
      int m = i <= gridPoints / 2 ? i : i - gridPoints;
      wave[i] = i == gridPoints / 2 ? 0 : 2 * Math.PI * m;
      keep[i] = Math.abs(m) <= cutoff;
    }
  }

  /**
   * The number of collocation points.
   *
   * @return N
   */
  public int gridPoints() {
    return n;
  }

  /**
   * The time step.
   *
   * @return dt
   */
  public double dt() {
    return dt;
  }

  /**
   * Fourier coefficients of a periodic function sampled at {@code x_j = j / M}; the samples are taken
   * to be the trigonometric interpolant (Nyquist mode split evenly between +M/2 and -M/2).
   *
   * @param samples M values, M even and at most N
   * @return the state {@code [re, im]} with N modes
   */
  public double[][] coefficientsOf(double[] samples) {
    int m = samples.length;
    if (m % 2 != 0 || m > n) {
      throw new IllegalArgumentException("need an even number of samples <= " + n + ", got " + m);
    }
    double[] buf = new double[2 * m];
    for (int j = 0; j < m; j++) {
      buf[2 * j] = samples[j];
    }
    new DoubleFFT_1D(m).complexForward(buf);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int k = 0; k <= m / 2; k++) {
      double scale = (k == m / 2) ? 0.5 / m : 1.0 / m;
      re[k] = buf[2 * k] * scale;
      im[k] = buf[2 * k + 1] * scale;
      if (k > 0) {
        int neg = n - k;
        int src = m - k;
        re[neg] = buf[2 * src] * scale;
        im[neg] = buf[2 * src + 1] * scale;
      }
    }
    if (m == n) { // the Nyquist mode of the full grid is not representable as +-N/2 separately
      re[n / 2] = 2 * re[n / 2];
      im[n / 2] = 0;
    }
    return new double[][] {re, im};
  }

  /**
   * Advances a state by whole steps.
   *
   * @param state {@code [re, im]}, modified in place
   * @param steps the number of steps of size {@link #dt()}
   */
  public void advance(double[][] state, int steps) {
    Coefficients c = coefficients(dt);
    for (int s = 0; s < steps; s++) {
      step(state, c);
    }
  }

  /**
   * Advances a state by one step of any size.
   *
   * @param state {@code [re, im]}, modified in place
   * @param h the step size
   */
  public void advanceBy(double[][] state, double h) {
    if (h > 0) {
      step(state, coefficients(h));
    }
  }

  /**
   * Evaluates the function or one of its x-derivatives at points.
   *
   * @param state the coefficients
   * @param x the points
   * @param derivative 0, 1 or 2
   * @return the values
   */
  public double[] evaluate(double[][] state, double[] x, int derivative) {
    double[] re = state[0];
    double[] im = state[1];
    double[] out = new double[x.length];
    for (int p = 0; p < x.length; p++) {
      double sum = derivative == 0 ? re[0] : 0;
      double theta = 2 * Math.PI * x[p];
      double cr = Math.cos(theta);
      double ci = Math.sin(theta);
      double er = 1;
      double ei = 0;
      for (int m = 1; m < n / 2; m++) {
        double nr = er * cr - ei * ci;
        ei = er * ci + ei * cr;
        er = nr;
        if (m % 64 == 0) { // re-anchor the recurrence to keep it accurate
          er = Math.cos(theta * m);
          ei = Math.sin(theta * m);
        }
        if (!keep[m] && re[m] == 0 && im[m] == 0) {
          continue;
        }
        // coefficient of mode m and its conjugate -m give 2 Re(c e^{i theta m}) times the derivative factor.
        double k = 2 * Math.PI * m;
        double ar = re[m];
        double ai = im[m];
        double vr = ar * er - ai * ei;
        double vi = ar * ei + ai * er;
        switch (derivative) {
          case 0: sum += 2 * vr; break;
          case 1: sum += -2 * k * vi; break;
          default: sum += -2 * k * k * vr; break;
        }
      }
      out[p] = sum;
    }
    return out;
  }

  private void step(double[][] v, Coefficients c) {
    double[] vr = v[0];
    double[] vi = v[1];
    double[][] nv = nonlinear(vr, vi);
    double[] ar = new double[n];
    double[] ai = new double[n];
    for (int i = 0; i < n; i++) {
      ar[i] = c.e2[i] * vr[i] + c.q[i] * nv[0][i];
      ai[i] = c.e2[i] * vi[i] + c.q[i] * nv[1][i];
    }
    double[][] na = nonlinear(ar, ai);
    double[] br = new double[n];
    double[] bi = new double[n];
    for (int i = 0; i < n; i++) {
      br[i] = c.e2[i] * vr[i] + c.q[i] * na[0][i];
      bi[i] = c.e2[i] * vi[i] + c.q[i] * na[1][i];
    }
    double[][] nb = nonlinear(br, bi);
    double[] cr = new double[n];
    double[] ci = new double[n];
    for (int i = 0; i < n; i++) {
      cr[i] = c.e2[i] * ar[i] + c.q[i] * (2 * nb[0][i] - nv[0][i]);
      ci[i] = c.e2[i] * ai[i] + c.q[i] * (2 * nb[1][i] - nv[1][i]);
    }
    double[][] nc = nonlinear(cr, ci);
    for (int i = 0; i < n; i++) {
      vr[i] = c.e[i] * vr[i] + nv[0][i] * c.f1[i] + 2 * (na[0][i] + nb[0][i]) * c.f2[i] + nc[0][i] * c.f3[i];
      vi[i] = c.e[i] * vi[i] + nv[1][i] * c.f1[i] + 2 * (na[1][i] + nb[1][i]) * c.f2[i] + nc[1][i] * c.f3[i];
    }
  }

  /** N(v) = -(1/2) d/dx (u^2), de-aliased by the 2/3 rule. */
  private double[][] nonlinear(double[] re, double[] im) {
    double[] buf = new double[2 * n];
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        buf[2 * i] = re[i];
        buf[2 * i + 1] = im[i];
      }
    }
    fft.complexInverse(buf, false); // physical values (coefficients are already divided by N)
    for (int j = 0; j < n; j++) {
      double u = buf[2 * j];
      buf[2 * j] = u * u;
      buf[2 * j + 1] = 0;
    }
    fft.complexForward(buf);
    double[] outR = new double[n];
    double[] outI = new double[n];
    for (int i = 0; i < n; i++) {
      if (!keep[i]) {
        continue;
      }
      double sr = buf[2 * i] / n;
      double si = buf[2 * i + 1] / n;
      // -(1/2) i k (sr + i si) = (k si / 2) - i (k sr / 2)
      outR[i] = 0.5 * wave[i] * si;
      outI[i] = -0.5 * wave[i] * sr;
    }
    return new double[][] {outR, outI};
  }

  private Coefficients coefficients(double h) {
    return coefficients.computeIfAbsent(h, this::buildCoefficients);
  }

  private Coefficients buildCoefficients(double h) {
    Coefficients c = new Coefficients(n);
    for (int i = 0; i < n; i++) {
      double l = -nu * wave[i] * wave[i];
      c.e[i] = Math.exp(l * h);
      c.e2[i] = Math.exp(l * h / 2);
      double q = 0;
      double f1 = 0;
      double f2 = 0;
      double f3 = 0;
      for (int j = 1; j <= CONTOUR_POINTS; j++) {
        double ang = Math.PI * (j - 0.5) / CONTOUR_POINTS;
        double zr = l * h + Math.cos(ang);
        double zi = Math.sin(ang);
        Complex z = new Complex(zr, zi);
        Complex ez = z.exp();
        Complex ez2 = z.scale(0.5).exp();
        Complex z3 = z.mul(z).mul(z);
        q += ez2.sub(1).div(z).re;
        f1 += new Complex(-4, 0).sub(z).add(ez.mul(new Complex(4, 0).sub(z.scale(3)).add(z.mul(z)))).div(z3).re;
        f2 += new Complex(2, 0).add(z).add(ez.mul(z.sub(2))).div(z3).re;
        f3 += new Complex(-4, 0).sub(z.scale(3)).sub(z.mul(z)).add(ez.mul(new Complex(4, 0).sub(z))).div(z3).re;
      }
      c.q[i] = h * q / CONTOUR_POINTS;
      c.f1[i] = h * f1 / CONTOUR_POINTS;
      c.f2[i] = h * f2 / CONTOUR_POINTS;
      c.f3[i] = h * f3 / CONTOUR_POINTS;
    }
    return c;
  }

  /** ETDRK4 coefficients for one step size. */
  private static final class Coefficients {
    final double[] e;
    final double[] e2;
    final double[] q;
    final double[] f1;
    final double[] f2;
    final double[] f3;

    Coefficients(int n) {
      e = new double[n];
      e2 = new double[n];
      q = new double[n];
      f1 = new double[n];
      f2 = new double[n];
      f3 = new double[n];
    }
  }

  /** Minimal complex arithmetic for the contour integrals. */
  private record Complex(double re, double im) {
    Complex add(Complex o) {
      return new Complex(re + o.re, im + o.im);
    }

    Complex sub(Complex o) {
      return new Complex(re - o.re, im - o.im);
    }

    Complex sub(double o) {
      return new Complex(re - o, im);
    }

    Complex mul(Complex o) {
      return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Complex scale(double s) {
      return new Complex(re * s, im * s);
    }

    Complex div(Complex o) {
      double d = o.re * o.re + o.im * o.im;
      return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
    }

    Complex exp() {
      double m = Math.exp(re);
      return new Complex(m * Math.cos(im), m * Math.sin(im));
    }
  }

  @Override
  public String toString() {
    return "ETDRK4 pseudo-spectral, N=" + n + ", dt=" + dt + ", 2/3 de-aliasing";
  }

  /**
   * A copy of a state.
   *
   * @param state the state
   * @return a deep copy
   */
  public static double[][] copy(double[][] state) {
    return new double[][] {Arrays.copyOf(state[0], state[0].length), Arrays.copyOf(state[1], state[1].length)};
  }
}
