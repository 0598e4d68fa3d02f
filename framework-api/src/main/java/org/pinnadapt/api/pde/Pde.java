package org.pinnadapt.api.pde;

import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.base.InvalidInputException;

/**
 * A parameterized PDE: data (domain, fields, parameters, conditions, reference) plus a residual.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #residual(Fields)} reads only the partials listed in {@link #partials()} and returns one
 *       array per entry of {@link #residualNames()}; each is zero where the PDE holds. It must accept
 *       any {@link Fields}, so that the exact solution can be checked to have zero residual.
 *   <li>{@link #conditions(Task, Sampler, PointCounts)} draws its points only from the given sampler,
 *       so a seeded sampler makes them reproducible.
 *   <li>{@link #task(Map)} rejects unknown names and out-of-range values with an
 *       {@link InvalidInputException} naming them; missing names take their defaults.
 *   <li>{@link #taskSplit(long)} is a pure function of the seed.
 *   <li>{@link #reference(Task)} is accurate well below the errors it is used to measure.
 * </ul>
 */
public interface Pde {

  /**
   * The id under which the PDE is registered.
   *
   * @return the id, e.g. {@code kovasznay}
   */
  String id();

  /**
   * The space-time domain.
   *
   * @return the domain
   */
  Domain domain();

  /**
   * The output fields, in network output order.
   *
   * @return the fields
   */
  List<Field> fields();

  /**
   * The scalar parameters that vary between tasks.
   *
   * @return the parameters
   */
  List<Parameter> parameters();

  /**
   * The partial derivatives the residual reads. Only these are computed.
   *
   * @return the partials
   */
  Set<Partial> partials();

  /**
   * Names of the residual equations, e.g. {@code momentum-x}, in the order {@link #residual} returns
   * them.
   *
   * @return the names
   */
  List<String> residualNames();

  /**
   * The residuals of the PDE equations.
   *
   * @param fields the fields and their partials at the collocation points
   * @return one array per equation, each shaped like the fields
   */
  NDList residual(Fields fields);

  /**
   * The point counts of the papers' setting for this PDE.
   *
   * @return the default counts
   */
  PointCounts defaultPointCounts();

  /**
   * The initial and boundary conditions of a task as point sets with targets.
   *
   * @param task the task
   * @param sampler where to draw points from
   * @param counts how many points
   * @return the conditions; periodic inputs give {@link org.pinnadapt.api.pde.PeriodicCondition}s
   */
  List<Condition> conditions(Task task, Sampler sampler, PointCounts counts);

  /**
   * The length of a task embedding.
   *
   * @return the embedding dimension
   */
  int embeddingDimension();

  /**
   * Creates a task from parameter values.
   *
   * @param values parameter values by name; missing ones take their defaults
   * @return the validated task
   * @throws InvalidInputException for an unknown name or a value out of range
   */
  Task task(Map<String, Double> values);

  /**
   * Creates a task from an embedding, for example a row of a {@code --task-file}.
   *
   * @param id the task id
   * @param embedding the embedding values
   * @return the validated task
   * @throws InvalidInputException for a wrong length or a non-finite or out-of-range value
   */
  Task taskFromEmbedding(String id, double[] embedding);

  /**
   * The task a base network is trained on: every parameter at its default.
   *
   * @return the reference task
   */
  default Task referenceTask() {
    return task(Map.of());
  }

  /**
   * The deterministic train/validation/test split of tasks.
   *
   * @param seed the seed
   * @return the split
   */
  TaskSplit taskSplit(long seed);

  /**
   * The reference solution of a task.
   *
   * @param task the task
   * @return its reference solution
   */
  ReferenceSolution reference(Task task);
}
