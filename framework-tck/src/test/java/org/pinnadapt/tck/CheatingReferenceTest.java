package org.pinnadapt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.pde.TaskSplit;
import org.pinnadapt.core.testkit.TestHeat;

/**
 * A reference that returns {@code u_t} computed from the PDE (kappa u_xx of its own values) satisfies the
 * residual check whatever its values are. The derivative check catches it: here the values decay twice as fast
 * as the heat equation allows.
 */
class CheatingReferenceTest {

  /** The heat equation with a wrong solution whose time derivative is taken from the equation. */
  static final class Cheating implements Pde {
    private final TestHeat heat = new TestHeat();

    @Override
    public ReferenceSolution reference(Task task) {
      double k = task.parameter("kappa");
      return new ReferenceSolution() {
        @Override
        public double[][] evaluate(PointSet points) {
          double[][] out = new double[points.size()][];
          for (int i = 0; i < out.length; i++) {
            double[] p = points.row(i);
            out[i] = new double[] {Math.exp(-2 * k * Math.PI * Math.PI * p[1]) * Math.sin(Math.PI * p[0])};
          }
          return out;
        }

        @Override
        public Optional<double[][]> derivative(PointSet points, Partial partial) {
          double[][] u = evaluate(points); // u_xx = -pi^2 u, and "u_t = kappa u_xx" from the PDE itself
          for (double[] row : u) {
            row[0] *= -Math.PI * Math.PI * (partial.equals(Partial.d("t")) ? k : 1);
          }
          return Optional.of(u);
        }

        @Override
        public String method() {
          return "closed form (wrong)";
        }
      };
    }

    @Override
    public String id() {
      return "cheating-heat";
    }

    @Override
    public Domain domain() {
      return heat.domain();
    }

    @Override
    public List<Field> fields() {
      return heat.fields();
    }

    @Override
    public List<Parameter> parameters() {
      return heat.parameters();
    }

    @Override
    public Set<Partial> partials() {
      return heat.partials();
    }

    @Override
    public List<String> residualNames() {
      return heat.residualNames();
    }

    @Override
    public NDList residual(Fields fields) {
      return heat.residual(fields);
    }

    @Override
    public PointCounts defaultPointCounts() {
      return heat.defaultPointCounts();
    }

    @Override
    public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
      return heat.conditions(task, sampler, counts);
    }

    @Override
    public int embeddingDimension() {
      return heat.embeddingDimension();
    }

    @Override
    public Task task(Map<String, Double> values) {
      return heat.task(values);
    }

    @Override
    public Task taskFromEmbedding(String id, double[] embedding) {
      return heat.taskFromEmbedding(id, embedding);
    }

    @Override
    public TaskSplit taskSplit(long seed) {
      return heat.taskSplit(seed);
    }
  }

  static final class Contract extends PdeContract {
    @Override
    protected Pde pde() {
      return new Cheating();
    }
  }

  @Test
  void theResidualCheckAlonePassesButTheDerivativeCheckFails() {
    Contract c = new Contract();
    c.startRuntime();
    try {
      c.referenceSatisfiesResidual(); // trivially: u_t was computed from the equation
      assertThatThrownBy(c::referenceDerivativesAgreeWithFiniteDifferencesOfItsValues)
          .isInstanceOf(AssertionError.class).hasMessageContaining("d/dt of the reference");
    } finally {
      c.stopRuntime();
    }
  }

  @Test
  void theHonestHeatPassesBoth() {
    PdeContract c = new PdeContract() {
      @Override
      protected Pde pde() {
        return new TestHeat();
      }
    };
    c.startRuntime();
    try {
      c.referenceSatisfiesResidual();
      c.referenceDerivativesAgreeWithFiniteDifferencesOfItsValues();
      assertThat(c.derivativeTolerance()).isEqualTo(1e-4);
    } finally {
      c.stopRuntime();
    }
  }
}
