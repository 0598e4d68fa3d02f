package org.pinnadapt.pde.kovasznay;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pinnadapt.api.pde.ClosedFormSolution;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.ParametricPde;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.pde.Task;

/**
 * Kovasznay flow: the steady incompressible Navier-Stokes equations
 * \( (u \cdot \nabla) u + \nabla p - \frac{1}{Re} \Delta u = 0,\ \nabla \cdot u = 0 \) with the exact
 * solution \( u = 1 - e^{\lambda x}\cos 2\pi y \), \( v = \frac{\lambda}{2\pi} e^{\lambda x} \sin 2\pi y \),
 * \( p = \frac{1}{2}(1 - e^{2\lambda x}) \), \( \lambda = \frac{Re}{2} - \sqrt{Re^2/4 + 4\pi^2} \).
 * The pressure is defined up to a constant. Boundary conditions: u and v on the four faces (80 points
 * per face by default, 320 in total, as in Majumdar et al. 2023), and optionally the exact pressure on
 * the outlet face, which fixes its constant.
 */
public final class Kovasznay extends ParametricPde {

  /** The Reynolds number, Re in [20, 100], default 20. */
  public static final Parameter REYNOLDS = new Parameter("Re", 20, 100, 20, "Reynolds number");

  private final Domain domain;
  private final boolean pinPressure;

  /**
   * Creates the PDE with the pressure free up to a constant.
   *
   * @param nsfnetsDomain {@code true} for [-0.5,1] x [-0.5,1.5], {@code false} for [0,1]^2
   */
  public Kovasznay(boolean nsfnetsDomain) {
    this(nsfnetsDomain, false);
  }

  /**
   * Creates the PDE.
   *
   * @param nsfnetsDomain {@code true} for [-0.5,1] x [-0.5,1.5], {@code false} for [0,1]^2
   * @param pinPressure whether the exact pressure is imposed at the boundary points of the outlet
   *     (the face of largest x), which fixes the pressure's constant (condition {@code p-outlet})
   */
  public Kovasznay(boolean nsfnetsDomain, boolean pinPressure) {
    super("kovasznay", List.of(REYNOLDS), 20, 20, 20);
    this.pinPressure = pinPressure;
    this.domain = nsfnetsDomain
        ? Domain.of(Input.space("x", -0.5, 1.0), Input.space("y", -0.5, 1.5))
        : Domain.of(Input.space("x", 0, 1), Input.space("y", 0, 1));
  }

  @Override
  public Domain domain() {
    return domain;
  }

  @Override
  public List<Field> fields() {
    return List.of(
        Field.of("u", "velocity, x component"),
        Field.of("v", "velocity, y component"),
        new Field("p", "pressure (up to a constant)", true));
  }

  @Override
  public Set<Partial> partials() {
    return Set.of(Partial.d("x"), Partial.d("y"), Partial.d2("x"), Partial.d2("y"));
  }

  @Override
  public List<String> residualNames() {
    return List.of("momentum-x", "momentum-y", "continuity");
  }

  @Override
  public NDList residual(Fields f) {
    NDArray u = f.value("u");
    NDArray v = f.value("v");
    NDArray invRe = f.constant(1).div(f.parameter("Re"));
    NDArray mx = u.mul(f.d("u", "x")).add(v.mul(f.d("u", "y"))).add(f.d("p", "x"))
        .sub(f.d2("u", "x").add(f.d2("u", "y")).mul(invRe));
    NDArray my = u.mul(f.d("v", "x")).add(v.mul(f.d("v", "y"))).add(f.d("p", "y"))
        .sub(f.d2("v", "x").add(f.d2("v", "y")).mul(invRe));
    NDArray continuity = f.d("u", "x").add(f.d("v", "y"));
    return new NDList(mx, my, continuity);
  }

  @Override
  public PointCounts defaultPointCounts() {
    return new PointCounts(2601, 0, 320);
  }

  @Override
  public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
    ReferenceSolution exact = reference(task);
    List<PointSet> faces = new ArrayList<>();
    int perFace = Math.max(1, counts.boundary() / 4);
    for (String input : List.of("x", "y")) {
      for (boolean upper : new boolean[] {false, true}) {
        faces.add(sampler.face(domain, input, upper, perFace));
      }
    }
    PointSet points = PointSet.concat(faces);
    double[][] values = exact.evaluate(points);
    double[][] uv = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      uv[i] = new double[] {values[i][0], values[i][1]};
    }
    DirichletCondition velocity = new DirichletCondition("bc", points, List.of("u", "v"), PointSet.ofRows(uv));
    if (!pinPressure) {
      return List.of(velocity);
    }
    PointSet outlet = faces.get(1); // x = max
    double[][] p = exact.evaluate(outlet);
    double[][] target = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      target[i] = new double[] {p[i][2]};
    }
    return List.of(velocity, new DirichletCondition("p-outlet", outlet, List.of("p"), PointSet.ofRows(target)));
  }

  @Override
  public ReferenceSolution reference(Task task) {
    return new Exact(task.parameter("Re"));
  }

  /**
   * The exponent of the solution.
   *
   * @param re the Reynolds number
   * @return \( \lambda = Re/2 - \sqrt{Re^2/4 + 4\pi^2} \)
   */
  public static double lambda(double re) {
    return re / 2 - Math.sqrt(re * re / 4 + 4 * Math.PI * Math.PI);
  }

  /** The closed form with analytic partial derivatives. */
  private static final class Exact extends ClosedFormSolution {
    private final double lambda;

    Exact(double re) {
      this.lambda = lambda(re);
    }

    @Override
    protected double[] value(double[] p) {
      double e = Math.exp(lambda * p[0]);
      double c = Math.cos(2 * Math.PI * p[1]);
      double s = Math.sin(2 * Math.PI * p[1]);
      return new double[] {1 - e * c, lambda / (2 * Math.PI) * e * s, 0.5 * (1 - e * e)};
    }

    @Override
    protected double[] partial(double[] p, Partial partial) {
      double k = 2 * Math.PI;
      double l = lambda;
      double e = Math.exp(l * p[0]);
      double c = Math.cos(k * p[1]);
      double s = Math.sin(k * p[1]);
      // u = 1 - e c, v = (l/k) e s, p = (1 - e^2)/2; d/dx e = l e, d/dy c = -k s, d/dy s = k c.
      int nx = count(partial, "x");
      int ny = count(partial, "y");
      double ex = Math.pow(l, nx) * e;
      double cy = ny == 0 ? c : ny == 1 ? -k * s : -k * k * c;
      double sy = ny == 0 ? s : ny == 1 ? k * c : -k * k * s;
      double du = -ex * cy;
      double dv = l / k * ex * sy;
      double dp = ny > 0 ? 0 : -0.5 * Math.pow(2 * l, nx) * e * e;
      return new double[] {du, dv, dp};
    }

    private static int count(Partial partial, String input) {
      int n = partial.first().equals(input) ? 1 : 0;
      if (partial.second() != null && partial.second().equals(input)) {
        n++;
      }
      return n;
    }
  }
}
