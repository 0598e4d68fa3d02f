package org.pinnadapt.pde.cdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.ParametricPde;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.PeriodicCondition;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.pde.Task;

/**
 * The convection-diffusion-reaction equation \( u_t + \beta u_x - \nu u_{xx} - \rho u (1 - u) = 0 \),
 * \( x \in [0, 2\pi) \) periodic, \( t \in [0, 1] \) (Krishnapriyan et al. 2021; LR-PINN, Cho et al.
 * 2023). Conditions: the initial condition at 256 points and 100 periodic pairs (value and slope);
 * 1,000 collocation points, the LR-PINN setting. The reference is {@link CdrSolver}.
 */
public final class Cdr extends ParametricPde {

  /** beta in [0, 40], nu in [0, 5], rho in [0, 5]. */
  public static final List<Parameter> PARAMETERS = List.of(
      new Parameter("beta", 0, 40, 1, "convection speed"),
      new Parameter("nu", 0, 5, 1, "diffusion coefficient"),
      new Parameter("rho", 0, 5, 1, "reaction rate"));

  private static final Domain DOMAIN =
      Domain.of(Input.periodic("x", 0, 2 * Math.PI), Input.time("t", 0, 1));

  private final InitialCondition ic;
  private final int solverPoints;
  private final double solverDt;

  /**
   * Creates the PDE.
   *
   * @param ic the initial condition
   * @param solverPoints Fourier grid of the reference
   * @param solverDt splitting step of the reference
   */
  public Cdr(InitialCondition ic, int solverPoints, double solverDt) {
    super("cdr", PARAMETERS, 20, 20, 20);
    this.ic = ic;
    this.solverPoints = solverPoints;
    this.solverDt = solverDt;
  }

  /**
   * The initial condition.
   *
   * @return the initial condition
   */
  public InitialCondition initialCondition() {
    return ic;
  }

  @Override
  public Domain domain() {
    return DOMAIN;
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.of("u", "concentration"));
  }

  @Override
  public Set<Partial> partials() {
    return Set.of(Partial.d("x"), Partial.d("t"), Partial.d2("x"));
  }

  @Override
  public List<String> residualNames() {
    return List.of("cdr");
  }

  @Override
  public NDList residual(Fields f) {
    NDArray u = f.value("u");
    NDArray reaction = u.sub(u.square()).mul(f.parameter("rho"));
    return new NDList(
        f.d("u", "t").add(f.d("u", "x").mul(f.parameter("beta")))
            .sub(f.d2("u", "x").mul(f.parameter("nu"))).sub(reaction));
  }

  @Override
  public PointCounts defaultPointCounts() {
    return new PointCounts(1000, 256, 100);
  }

  @Override
  public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
    List<Condition> out = new ArrayList<>();
    if (counts.initial() > 0) {
      PointSet points = sampler.initial(DOMAIN, counts.initial());
      double[][] values = new double[points.size()][];
      for (int i = 0; i < values.length; i++) {
        values[i] = new double[] {ic.value(points.get(i, 0))};
      }
      out.add(new DirichletCondition("ic", points, List.of("u"), PointSet.ofRows(values)));
    }
    if (counts.boundary() > 0) {
      PointSet lower = sampler.face(DOMAIN, "x", false, counts.boundary());
      out.add(new PeriodicCondition(
          "periodic", "x", lower, lower.withColumn(0, 2 * Math.PI), List.of("u"), true));
    }
    return out;
  }

  @Override
  public ReferenceSolution reference(Task task) {
    CdrSolver solver = new CdrSolver(
        task.parameter("beta"), task.parameter("nu"), task.parameter("rho"), solverPoints, solverDt, ic);
    return new ReferenceSolution() {
      @Override
      public double[][] evaluate(PointSet points) {
        return column(solver.evaluate(points.column(0), points.column(1), 0));
      }

      @Override
      public Optional<double[][]> derivative(PointSet points, Partial partial) {
        if (!partial.first().equals("x") || (partial.second() != null && !partial.second().equals("x"))) {
          return Optional.empty();
        }
        return Optional.of(column(solver.evaluate(points.column(0), points.column(1), partial.order())));
      }

      @Override
      public String method() {
        return solver.method();
      }
    };
  }

  private static double[][] column(double[] v) {
    double[][] out = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = new double[] {v[i]};
    }
    return out;
  }
}
