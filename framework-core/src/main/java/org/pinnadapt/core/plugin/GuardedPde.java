package org.pinnadapt.core.plugin;

import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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

/**
 * A PDE plug-in as the framework calls it: whatever one of its methods (or its reference solution's) throws
 * becomes a {@link PluginFailure} naming the plug-in, its jar and the method; the framework's own input errors
 * pass through. One extra call per method; the residual in the training step pays nothing else.
 */
public final class GuardedPde implements Pde {

  private final Pde pde;

  private GuardedPde(Pde pde) {
    this.pde = pde;
  }

  /**
   * Guards a PDE (once: a guarded one is returned as it is).
   *
   * @param pde the plug-in's PDE
   * @return the guarded PDE
   */
  public static Pde of(Pde pde) {
    return pde instanceof GuardedPde ? pde : new GuardedPde(pde);
  }

  private <T> T call(String method, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw PluginFailure.of("PDE", pde.id(), pde, method, e);
    }
  }

  @Override
  public String id() {
    return pde.id();
  }

  @Override
  public Domain domain() {
    return call("domain()", pde::domain);
  }

  @Override
  public List<Field> fields() {
    return call("fields()", pde::fields);
  }

  @Override
  public List<Parameter> parameters() {
    return call("parameters()", pde::parameters);
  }

  @Override
  public Set<Partial> partials() {
    return call("partials()", pde::partials);
  }

  @Override
  public List<String> residualNames() {
    return call("residualNames()", pde::residualNames);
  }

  @Override
  public NDList residual(Fields fields) {
    try {
      return pde.residual(fields);
    } catch (RuntimeException e) {
      throw PluginFailure.of("PDE", pde.id(), pde, "residual()", e);
    }
  }

  @Override
  public PointCounts defaultPointCounts() {
    return call("defaultPointCounts()", pde::defaultPointCounts);
  }

  @Override
  public List<Condition> conditions(Task task, Sampler sampler, PointCounts counts) {
    return call("conditions()", () -> pde.conditions(task, sampler, counts));
  }

  @Override
  public int embeddingDimension() {
    return call("embeddingDimension()", pde::embeddingDimension);
  }

  @Override
  public Task task(Map<String, Double> values) {
    return call("task()", () -> pde.task(values));
  }

  @Override
  public Task taskFromEmbedding(String id, double[] embedding) {
    return call("taskFromEmbedding()", () -> pde.taskFromEmbedding(id, embedding));
  }

  @Override
  public Task referenceTask() {
    return call("referenceTask()", pde::referenceTask);
  }

  @Override
  public TaskSplit taskSplit(long seed) {
    return call("taskSplit()", () -> pde.taskSplit(seed));
  }

  @Override
  public ReferenceSolution reference(Task task) {
    ReferenceSolution ref = call("reference()", () -> pde.reference(task));
    return new ReferenceSolution() {
      @Override
      public double[][] evaluate(PointSet points) {
        return call("reference().evaluate()", () -> ref.evaluate(points));
      }

      @Override
      public Optional<double[][]> derivative(PointSet points, Partial partial) {
        return call("reference().derivative()", () -> ref.derivative(points, partial));
      }

      @Override
      public String method() {
        return ref.method();
      }
    };
  }

  @Override
  public String toString() {
    return pde.toString();
  }
}
