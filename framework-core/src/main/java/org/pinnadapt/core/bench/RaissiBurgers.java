package org.pinnadapt.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.ParametricPde;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.pde.Task;

/**
 * The classic Burgers PINN benchmark of Raissi et al. (2019): \( u_t + u u_x = (0.01/\pi) u_{xx} \) on
 * \([-1,1] \times [0,1]\), \( u(x,0) = -\sin \pi x \), \( u(\pm 1, t) = 0 \). Used by the step
 * benchmark; it has no reference solution.
 */
final class RaissiBurgers extends ParametricPde {

  private static final Domain DOMAIN = Domain.of(Input.space("x", -1, 1), Input.time("t", 0, 1));
  private static final double NU = 0.01 / Math.PI;

  RaissiBurgers() {
    super("raissi-burgers", List.of(), 0, 0, 0);
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
    return new NDList(f.d("u", "t").add(u.mul(f.d("u", "x"))).sub(f.d2("u", "x").mul(f.constant(NU))));
  }

  @Override
  public PointCounts defaultPointCounts() {
    return new PointCounts(10_000, 128, 128);
  }

  @Override
  public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
    PointSet ic = sampler.initial(DOMAIN, counts.initial());
    double[][] u0 = new double[ic.size()][1];
    for (int i = 0; i < u0.length; i++) {
      u0[i][0] = -Math.sin(Math.PI * ic.get(i, 0));
    }
    PointSet bc = PointSet.concat(List.of(sampler.face(DOMAIN, "x", false, counts.boundary() / 2),
        sampler.face(DOMAIN, "x", true, counts.boundary() / 2)));
    return List.of(
        new DirichletCondition("ic", ic, List.of("u"), PointSet.ofRows(u0)),
        new DirichletCondition("bc", bc, List.of("u"), PointSet.ofRows(new double[bc.size()][1])));
  }

  @Override
  public Task task(Map<String, Double> values) {
    return new Task("raissi", Map.of(), new double[0]);
  }

  @Override
  public ReferenceSolution reference(Task task) {
    throw new UnsupportedOperationException("the step benchmark has no reference");
  }
}
