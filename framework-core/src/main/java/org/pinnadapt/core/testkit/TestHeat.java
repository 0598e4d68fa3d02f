package org.pinnadapt.core.testkit;

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
 * The test fixture PDE of the framework and its contracts: \( u_t = \kappa u_{xx} \) on \([0,1]^2\) with
 * \( u = e^{-\kappa\pi^2 t}\sin \pi x \). {@link #TestHeat()} is the strategy contracts' {@code tck-heat}
 * (\(\kappa \in [0.1, 1]\)); the other constructor sets the id, range, point counts and split.
 */
public final class TestHeat extends ParametricPde {

  private static final Domain DOMAIN = Domain.of(Input.space("x", 0, 1), Input.time("t", 0, 1));

  private final PointCounts counts;

  /** The strategy contracts' heat equation: id {@code tck-heat}, kappa in [0.1, 1] (default 0.3). */
  public TestHeat() {
    this("tck-heat", new Parameter("kappa", 0.1, 1.0, 0.3, "diffusivity"), new PointCounts(64, 16, 16), 3);
  }

  /**
   * A heat equation with its own id, parameter range and point counts; 4 training and 2 validation tasks.
   *
   * @param id the PDE id
   * @param kappa the diffusivity parameter (must be named {@code kappa})
   * @param counts the default point counts
   * @param testTasks the number of test tasks of the split
   */
  public TestHeat(String id, Parameter kappa, PointCounts counts, int testTasks) {
    super(id, List.of(kappa), 4, 2, testTasks);
    this.counts = counts;
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
    return counts;
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
