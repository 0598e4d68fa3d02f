package org.pinnadapt.pde.burgers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
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
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.pde.Task;

/**
 * The classic Burgers PINN benchmark of Raissi, Perdikaris and Karniadakis (2019):
 * \( u_t + u u_x = \nu u_{xx} \) on \( [-1, 1] \times [0, 1] \), \( u(x, 0) = -\sin \pi x \),
 * \( u(\pm 1, t) = 0 \), \( \nu = 0.01/\pi \) by default; a shock forms at \( x = 0 \) near \( t = 1/\pi \).
 * The reference is exact ({@link ColeHopfBurgers}). The paper's grid for errors is 256 x 100
 * (\( x \) = linspace(-1, 1, 256), \( t = 0, 0.01, \ldots, 0.99 \)).
 */
public final class RaissiBurgers extends ParametricPde {

  /** The viscosity: 0.01/pi by default. */
  public static final Parameter VISCOSITY = new Parameter("nu", 1e-3, 0.1, 0.01 / Math.PI, "viscosity");

  private static final Domain DOMAIN = Domain.of(Input.space("x", -1, 1), Input.time("t", 0, 1));

  private final int quadratureOrder;

  /**
   * Creates the PDE.
   *
   * @param quadratureOrder Gauss-Hermite nodes of the reference
   */
  public RaissiBurgers(int quadratureOrder) {
    super("burgers-raissi", List.of(VISCOSITY), 20, 20, 20);
    this.quadratureOrder = quadratureOrder;
  }

  @Override
  public Domain domain() {
    return DOMAIN;
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.of("u", "velocity"));
  }

  @Override
  public Set<Partial> partials() {
    return Set.of(Partial.d("x"), Partial.d("t"), Partial.d2("x"));
  }

  @Override
  public List<String> residualNames() {
    return List.of("burgers");
  }

  @Override
  public NDList residual(Fields f) {
    NDArray u = f.value("u");
    return new NDList(f.d("u", "t").add(u.mul(f.d("u", "x"))).sub(f.d2("u", "x").mul(f.parameter("nu"))));
  }

  @Override
  public PointCounts defaultPointCounts() {
    return new PointCounts(10_000, 256, 256);
  }

  @Override
  public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
    PointSet ic = sampler.initial(DOMAIN, counts.initial());
    double[][] u0 = new double[ic.size()][1];
    for (int i = 0; i < u0.length; i++) {
      u0[i][0] = -Math.sin(Math.PI * ic.get(i, 0));
    }
    int half = Math.max(1, counts.boundary() / 2);
    PointSet bc = PointSet.concat(List.of(sampler.face(DOMAIN, "x", false, half), sampler.face(DOMAIN, "x", true, half)));
    return List.of(
        new DirichletCondition("ic", ic, List.of("u"), PointSet.ofRows(u0)),
        new DirichletCondition("bc", bc, List.of("u"), PointSet.ofRows(new double[bc.size()][1])));
  }

  @Override
  public ReferenceSolution reference(Task task) {
    return new ColeHopfBurgers(task.parameter("nu"), quadratureOrder);
  }
}
