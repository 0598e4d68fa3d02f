package org.pinnadapt.tck;

import ai.djl.ndarray.NDList;
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
 * A small PDE for strategy contracts: \( u_t = \kappa u_{xx} \) on \([0,1]^2\) with
 * \( u = e^{-\kappa\pi^2 t}\sin \pi x \), \(\kappa \in [0.1, 1]\).
 */
public final class TckHeat extends ParametricPde {

  private static final Domain DOMAIN = Domain.of(Input.space("x", 0, 1), Input.time("t", 0, 1));

  /** Creates the PDE. */
  public TckHeat() {
    super("tck-heat", List.of(new Parameter("kappa", 0.1, 1.0, 0.3, "diffusivity")), 4, 2, 3);
  }

  @Override
  public Domain domain() {
    return DOMAIN;
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.of("u", "temperature"));
  }

  @Override
  public Set<Partial> partials() {
    return Set.of(Partial.d("t"), Partial.d2("x"));
  }

  @Override
  public List<String> residualNames() {
    return List.of("heat");
  }

  @Override
  public NDList residual(Fields f) {
    return new NDList(f.d("u", "t").sub(f.d2("u", "x").mul(f.parameter("kappa"))));
  }

  @Override
  public PointCounts defaultPointCounts() {
    return new PointCounts(64, 16, 16);
  }

  @Override
  public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
    ReferenceSolution exact = reference(task);
    PointSet ic = sampler.initial(DOMAIN, counts.initial());
    PointSet bc = PointSet.concat(List.of(sampler.face(DOMAIN, "x", false, counts.boundary() / 2),
        sampler.face(DOMAIN, "x", true, counts.boundary() / 2)));
    return List.of(new DirichletCondition("ic", ic, List.of("u"), PointSet.ofRows(exact.evaluate(ic))),
        new DirichletCondition("bc", bc, List.of("u"), PointSet.ofRows(exact.evaluate(bc))));
  }

  @Override
  public ReferenceSolution reference(Task task) {
    double k = task.parameter("kappa");
    return new ClosedFormSolution() {
      @Override
      protected double[] value(double[] p) {
        return new double[] {Math.exp(-k * Math.PI * Math.PI * p[1]) * Math.sin(Math.PI * p[0])};
      }

      @Override
      protected double[] partial(double[] p, Partial partial) {
        double u = value(p)[0];
        return new double[] {(partial.equals(Partial.d("t")) ? -k * Math.PI * Math.PI : -Math.PI * Math.PI) * u};
      }
    };
  }
}
