package org.pinnadapt.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;
import org.pinnadapt.api.Options;
import org.pinnadapt.api.Pde;
import org.pinnadapt.api.PdeProvider;
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

/** Small PDEs with closed-form solutions for core tests. */
public final class TestPdes {

  private TestPdes() {}

  /**
   * The heat equation u_t = kappa u_xx on [0,1] x [0,1] with u = exp(-kappa pi^2 t) sin(pi x).
   */
  public static final class Heat extends ParametricPde {
    static final List<Parameter> PARAMS = List.of(new Parameter("kappa", 0.1, 2, 0.5, "diffusivity"));
    private static final Domain DOMAIN = Domain.of(Input.space("x", 0, 1), Input.time("t", 0, 1));

    /** Creates the PDE. */
    public Heat() {
      super("heat", PARAMS, 4, 2, 2);
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
      return new PointCounts(256, 32, 32);
    }

    @Override
    public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
      ReferenceSolution ref = reference(task);
      PointSet ic = sampler.initial(DOMAIN, counts.initial());
      PointSet bc = PointSet.concat(List.of(
          sampler.face(DOMAIN, "x", false, counts.boundary() / 2),
          sampler.face(DOMAIN, "x", true, counts.boundary() / 2)));
      return List.of(
          new DirichletCondition("ic", ic, List.of("u"), PointSet.ofRows(ref.evaluate(ic))),
          new DirichletCondition("bc", bc, List.of("u"), PointSet.ofRows(ref.evaluate(bc))));
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
          double e = Math.exp(-k * Math.PI * Math.PI * p[1]);
          if (partial.equals(Partial.d("t"))) {
            return new double[] {-k * Math.PI * Math.PI * e * Math.sin(Math.PI * p[0])};
          }
          if (partial.equals(Partial.d2("x"))) {
            return new double[] {-Math.PI * Math.PI * e * Math.sin(Math.PI * p[0])};
          }
          throw new IllegalArgumentException(partial.toString());
        }
      };
    }
  }

  /** Two copies of the heat equation, fields u and w with the same solution: conditions on two fields. */
  public static final class Heat2 extends ParametricPde {
    private final Heat heat = new Heat();

    /** Creates the PDE. */
    public Heat2() {
      super("heat2", Heat.PARAMS, 4, 2, 2);
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

  /** A provider for {@link Heat} under a chosen id. */
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
      return Heat.PARAMS;
    }

    @Override
    public Pde create(Options options) {
      return new Heat();
    }
  }
}
