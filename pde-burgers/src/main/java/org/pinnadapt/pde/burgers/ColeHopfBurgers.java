package org.pinnadapt.pde.burgers;

import java.util.Optional;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;

/**
 * The exact solution of Burgers' equation \( u_t + u u_x = \nu u_{xx} \) with \( u(x, 0) = -\sin \pi x \)
 * by the Cole-Hopf transform (Basdevant et al. 1986):
 * \[ u(x, t) = -\frac{\int \sin \pi(x - \eta)\, f(x - \eta)\, e^{-\eta^2 / 4 \nu t}\, d\eta}
 *                  {\int f(x - \eta)\, e^{-\eta^2 / 4 \nu t}\, d\eta}, \qquad
 *    f(y) = e^{-\cos(\pi y) / (2 \pi \nu)}, \]
 * computed with \( \eta = \sqrt{4 \nu t}\, z \) by Gauss-Hermite quadrature in \( z \); the exponent of
 * \( f \) is shifted by its largest value at the nodes before exponentiation, since it spans
 * \( \pm 1/(2 \pi \nu) \) (50 at \( \nu = 0.01/\pi \)). The nodes and weights come from the Golub-Welsch
 * eigenproblem of the Hermite Jacobi matrix (commons-math3). The solution is odd and 2-periodic in
 * \( x \), so \( u(\pm 1, t) = 0 \).
 */
public final class ColeHopfBurgers implements ReferenceSolution {

  private final double nu;
  private final double[] nodes;
  private final double[] weights;

  /**
   * Creates the solution.
   *
   * @param nu the viscosity
   * @param order Gauss-Hermite nodes (400 resolve \( \nu = 0.01/\pi \) to about 1e-12 over \( t \le 1 \))
   */
  public ColeHopfBurgers(double nu, int order) {
    if (!(nu > 0) || order < 2) {
      throw new IllegalArgumentException("nu must be positive and order at least 2: nu=" + nu + ", order=" + order);
    }
    this.nu = nu;
    double[] main = new double[order];
    double[] off = new double[order - 1];
    for (int k = 1; k < order; k++) {
      off[k - 1] = Math.sqrt(k / 2.0);
    }
    EigenDecomposition e = new EigenDecomposition(main, off);
    nodes = e.getRealEigenvalues();
    weights = new double[order];
    for (int k = 0; k < order; k++) {
      double v = e.getEigenvector(k).getEntry(0);
      weights[k] = Math.sqrt(Math.PI) * v * v;
    }
  }

  /**
   * The solution at one point.
   *
   * @param x the position
   * @param t the time, at least 0
   * @return \( u(x, t) \)
   */
  public double value(double x, double t) {
    return jet(x, t)[0];
  }

  /**
   * The solution and its partials at one point, from the heat-equation solution
   * \( \varphi = \int f(x - \eta) e^{-\eta^2/4\nu t} d\eta \) with \( u = -2\nu \varphi_x / \varphi \):
   * \( \partial_x^k \varphi = \int f^{(k)}(x - \eta) \ldots \), and \( \varphi_t = \nu \varphi_{xx} \) gives
   * \( u_t \) without using Burgers' equation itself.
   *
   * @param x the position
   * @param t the time, at least 0
   * @return \( [u, u_x, u_t, u_{xx}] \)
   */
  public double[] jet(double x, double t) {
    if (t <= 0) {
      double s = Math.sin(Math.PI * x);
      double c = Math.cos(Math.PI * x);
      double uxx = Math.PI * Math.PI * s;
      double ux = -Math.PI * c;
      return new double[] {-s, ux, nu * uxx + s * ux, uxx};
    }
    double a = Math.sqrt(4 * nu * t);
    double c = 1 / (2 * Math.PI * nu);
    double top = Double.NEGATIVE_INFINITY;
    double[] exponent = new double[nodes.length];
    for (int k = 0; k < nodes.length; k++) {
      exponent[k] = -Math.cos(Math.PI * (x - a * nodes[k])) * c;
      top = Math.max(top, exponent[k]);
    }
    // phi and its first three x-derivatives over phi's common factor, with g = -cos(pi y)/(2 pi nu):
    // f1 = f g1, f2 = f (g2 + g1^2), f3 = f (g3 + 3 g1 g2 + g1^3)
    double p0 = 0;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    for (int k = 0; k < nodes.length; k++) {
      double y = Math.PI * (x - a * nodes[k]);
      double w = weights[k] * Math.exp(exponent[k] - top);
      double g1 = Math.sin(y) / (2 * nu);
      double g2 = Math.PI * Math.cos(y) / (2 * nu);
      double g3 = -Math.PI * Math.PI * Math.sin(y) / (2 * nu);
      p0 += w;
      p1 += w * g1;
      p2 += w * (g2 + g1 * g1);
      p3 += w * (g3 + 3 * g1 * g2 + g1 * g1 * g1);
    }
    double r1 = p1 / p0;
    double r2 = p2 / p0;
    double r3 = p3 / p0;
    double u = -2 * nu * r1;
    double ux = -2 * nu * (r2 - r1 * r1);
    double uxx = -2 * nu * (r3 - 3 * r1 * r2 + 2 * r1 * r1 * r1);
    double ut = -2 * nu * nu * (r3 - r1 * r2); // phi_t = nu phi_xx
    return new double[] {u, ux, ut, uxx};
  }

  @Override
  public double[][] evaluate(PointSet points) {
    double[][] out = new double[points.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new double[] {value(points.get(i, 0), points.get(i, 1))};
    }
    return out;
  }

  @Override
  public Optional<double[][]> derivative(PointSet points, Partial partial) {
    int k;
    if (partial.equals(Partial.d("x"))) {
      k = 1;
    } else if (partial.equals(Partial.d("t"))) {
      k = 2;
    } else if (partial.equals(Partial.d2("x"))) {
      k = 3;
    } else {
      return Optional.empty();
    }
    double[][] out = new double[points.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new double[] {jet(points.get(i, 0), points.get(i, 1))[k]};
    }
    return Optional.of(out);
  }

  @Override
  public String method() {
    return "Cole-Hopf, Gauss-Hermite quadrature with " + nodes.length + " nodes";
  }
}
