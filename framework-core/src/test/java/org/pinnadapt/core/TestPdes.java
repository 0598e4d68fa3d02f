package org.pinnadapt.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.ParametricPde;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.core.testkit.TestHeat;

/** Small PDEs with closed-form solutions for core tests. */
public final class TestPdes {

  private TestPdes() {}

  /** The core tests' heat equation: id {@code heat}, kappa in [0.1, 2] (default 0.5). */
  public static final Parameter KAPPA = new Parameter("kappa", 0.1, 2, 0.5, "diffusivity");

  /**
   * The core tests' heat equation u_t = kappa u_xx on [0,1] x [0,1] with u = exp(-kappa pi^2 t) sin(pi x).
   *
   * @return a new instance
   */
  public static TestHeat heat() {
    return new TestHeat("heat", KAPPA, new PointCounts(256, 32, 32), 2);
  }

  /** Two copies of the heat equation, fields u and w with the same solution: conditions on two fields. */
  public static final class Heat2 extends ParametricPde {
    private final TestHeat heat = heat();

    /** Creates the PDE. */
    public Heat2() {
      super("heat2", List.of(KAPPA), 4, 2, 2);
    }

    @Override
    public Domain domain() {
      return heat.domain();
    }

    @Override
    public List<Field> fields() {
      return List.of(Field.of("u", "temperature"), Field.of("w", "temperature, again"));
    }

    @Override
    public Set<Partial> partials() {
      return heat.partials();
    }

    @Override
    public List<String> residualNames() {
      return List.of("heat-u", "heat-w");
    }

    @Override
    public NDList residual(Fields f) {
      NDArray k = f.parameter("kappa");
      return new NDList(f.d("u", "t").sub(f.d2("u", "x").mul(k)), f.d("w", "t").sub(f.d2("w", "x").mul(k)));
    }

    @Override
    public PointCounts defaultPointCounts() {
      return heat.defaultPointCounts();
    }

    @Override
    public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
      ReferenceSolution ref = reference(task);
      PointSet ic = sampler.initial(domain(), counts.initial());
      return List.of(new DirichletCondition("ic", ic, List.of("u", "w"), PointSet.ofRows(ref.evaluate(ic))));
    }

    @Override
    public ReferenceSolution reference(Task task) {
      ReferenceSolution one = heat.reference(task);
      return new ReferenceSolution() {
        @Override
        public double[][] evaluate(PointSet points) {
          double[][] u = one.evaluate(points);
          double[][] out = new double[u.length][];
          for (int i = 0; i < u.length; i++) {
            out[i] = new double[] {u[i][0], u[i][0]};
          }
          return out;
        }

        @Override
        public String method() {
          return "closed form";
        }
      };
    }
  }

  /** A provider for {@link #heat()} under a chosen id. */
  public static final class HeatProvider implements PdeProvider {
    private final String description;

    /**
     * Creates the provider.
     *
     * @param description the description
     */
    public HeatProvider(String description) {
      this.description = description;
    }

    @Override
    public String id() {
      return "heat";
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(KAPPA);
    }

    @Override
    public Pde create(Options options) {
      return heat();
    }
  }
}
