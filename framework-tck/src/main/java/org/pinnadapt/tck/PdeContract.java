package org.pinnadapt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Condition;
import org.pinnadapt.api.pde.DirichletCondition;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PeriodicCondition;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.pde.TaskSplit;
import org.pinnadapt.core.testkit.TestRuntime;

/**
 * The contract of a {@link Pde} plug-in. Extend it, implement {@link #pde()}, and adjust the
 * tolerances to what the plug-in's reference can promise:
 *
 * <pre>{@code
 * class HeatContractTest extends PdeContract {
 *   protected Pde pde() { return new Heat(); }
 *   protected double residualTolerance() { return 1e-8; }
 * }
 * }</pre>
 *
 * <p>Checks: the reference solution satisfies the plug-in's own residual code (partials the reference
 * cannot give exactly are taken by fourth-order central differences with {@link #finiteDifferenceStep()});
 * derivatives the reference returns itself agree with finite differences of its values (so a reference
 * cannot pass the residual check by computing a derivative from the PDE); the initial, boundary and
 * periodic conditions agree with the reference; parameter validation
 * rejects unknown names, out-of-range values and malformed embeddings; the task split is deterministic
 * and disjoint; the metadata is consistent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PdeContract {

  private TestRuntime runtime;

  /**
   * The PDE under test.
   *
   * @return a new instance
   */
  protected abstract Pde pde();

  /**
   * The largest acceptable absolute residual of the reference solution.
   *
   * @return the tolerance (default 1e-8)
   */
  protected double residualTolerance() {
    return 1e-8;
  }

  /**
   * The largest acceptable difference between a condition's targets and the reference.
   *
   * @return the tolerance (default 1e-10)
   */
  protected double conditionTolerance() {
    return 1e-10;
  }

  /**
   * The step of the finite differences used for partials the reference does not provide.
   *
   * @return the step (default 1e-3)
   */
  protected double finiteDifferenceStep() {
    return 1e-3;
  }

  /**
   * How far from the domain's bounds the residual points stay (the finite-difference stencils must
   * fit inside, and solver references may want to skip the initial layer).
   *
   * @return the margin (default three finite-difference steps)
   */
  protected double residualMargin() {
    return 3 * finiteDifferenceStep();
  }

  /**
   * The tasks whose reference is checked.
   *
   * @param pde the PDE
   * @return the reference task and the first two test tasks
   */
  protected List<Task> tasksToCheck(Pde pde) {
    List<Task> tasks = new ArrayList<>();
    tasks.add(pde.referenceTask());
    tasks.addAll(pde.taskSplit(7).test().subList(0, 2));
    return tasks;
  }

  /**
   * The number of points where the residual is checked.
   *
   * @return the count (default 64)
   */
  protected int residualPoints() {
    return 64;
  }

  @BeforeAll
  void startRuntime() {
    runtime = TestRuntime.cpu(DataType.FLOAT64);
  }

  @AfterAll
  void stopRuntime() {
    runtime.close();
  }

  @Test
  void metadataIsConsistent() {
    Pde pde = pde();
    assertThat(pde.id()).isNotBlank();
    assertThat(pde.fields()).isNotEmpty();
    assertThat(pde.residualNames()).isNotEmpty();
    Set<String> inputs = new HashSet<>(pde.domain().names());
    for (Partial p : pde.partials()) {
      assertThat(inputs).as("partial %s refers to a declared input", p).contains(p.first());
      if (p.second() != null) {
        assertThat(inputs).contains(p.second());
      }
    }
    Task ref = pde.referenceTask();
    assertThat(ref.embeddingDimension()).isEqualTo(pde.embeddingDimension());
    PointCounts counts = pde.defaultPointCounts();
    List<Condition> conditions = pde.conditions(ref, TestRuntime.sampler(1), counts);
    assertThat(conditions.stream().map(Condition::name).distinct().count())
        .as("condition names are unique").isEqualTo(conditions.size());
    if (pde.domain().timeDependent() && counts.initial() > 0) {
      assertThat(conditions).as("a time-dependent PDE has an initial condition")
          .anySatisfy(c -> assertThat(c).isInstanceOf(DirichletCondition.class));
    }
  }

  @Test
  void referenceSatisfiesResidual() {
    Pde pde = pde();
    for (Task task : tasksToCheck(pde)) {
      double max = maxResidual(pde, task);
      assertThat(max).as("max |residual| of the reference of %s", task).isLessThan(residualTolerance());
    }
  }

  /**
   * The derivatives a reference returns itself must be derivatives of its values: otherwise a reference
   * that computes {@code u_t} from the PDE would satisfy the residual check trivially. They are compared
   * with fourth-order central differences of {@link ReferenceSolution#evaluate}, relative to the size of
   * the derivative.
   */
  @Test
  void referenceDerivativesAgreeWithFiniteDifferencesOfItsValues() {
    Pde pde = pde();
    double h = finiteDifferenceStep();
    for (Task task : tasksToCheck(pde)) {
      ReferenceSolution ref = pde.reference(task);
      PointSet points = TestRuntime.interior(shrink(pde.domain(), Math.max(residualMargin(), 3 * h)),
          residualPoints(), 11);
      for (Partial p : pde.partials()) {
        Optional<double[][]> given = ref.derivative(points, p);
        if (given.isEmpty()) {
          continue;
        }
        double[][] fd = FiniteDifferences.of(ref, pde.domain(), points, p, h);
        double scale = 1;
        double worst = 0;
        for (int i = 0; i < fd.length; i++) {
          for (int j = 0; j < fd[i].length; j++) {
            scale = Math.max(scale, Math.abs(fd[i][j]));
            worst = Math.max(worst, Math.abs(given.get()[i][j] - fd[i][j]));
          }
        }
        assertThat(worst / scale).as("%s of the reference of %s against finite differences of its values", p, task)
            .isLessThan(derivativeTolerance());
      }
    }
  }

  /**
   * The largest acceptable difference, relative to the derivative's size, between the derivatives a
   * reference returns and finite differences of its values.
   *
   * <p>The default, 1e-4, leaves room for the truncation error of the differences at steep fronts (2e-5 on
   * Raissi's Burgers shock with the default step) and still catches a derivative that is not the values'
   * (such as {@code u_t} computed from the PDE with a sign or a coefficient wrong: errors of order one).
   *
   * @return the tolerance (default 1e-4)
   */
  protected double derivativeTolerance() {
    return 1e-4;
  }

  @Test
  void conditionsAgreeWithReference() {
    Pde pde = pde();
    for (Task task : tasksToCheck(pde)) {
      ReferenceSolution ref = pde.reference(task);
      PointCounts counts = pde.defaultPointCounts().scaled(0.25);
      for (Condition c : pde.conditions(task, TestRuntime.sampler(3), counts)) {
        if (c instanceof DirichletCondition d) {
          double[][] exact = ref.evaluate(d.points());
          for (int i = 0; i < d.points().size(); i++) {
            for (int f = 0; f < d.fields().size(); f++) {
              int column = fieldIndex(pde, d.fields().get(f));
              assertThat(d.values().get(i, f))
                  .as("condition %s, field %s, point %d of %s", c.name(), d.fields().get(f), i, task)
                  .isCloseTo(exact[i][column], Offset.offset(conditionTolerance()));
            }
          }
        } else if (c instanceof PeriodicCondition p) {
          double[][] lo = ref.evaluate(p.lower());
          double[][] hi = ref.evaluate(p.upper());
          for (int i = 0; i < lo.length; i++) {
            for (String field : p.fields()) {
              int column = fieldIndex(pde, field);
              assertThat(hi[i][column]).as("periodicity of %s in %s", field, p.input())
                  .isCloseTo(lo[i][column], Offset.offset(conditionTolerance()));
            }
          }
        }
      }
    }
  }

  @Test
  void residualGradientsDoNotDependOnGarbageCollection() {
    // Catches NDArray.mul(Number) & co. in residual code: DJL frees such scalars while autograd needs them.
    assertThat(runtime.residualGradientDrift(pde())).as("the residual's weight gradients change after a garbage "
        + "collection: do not use NDArray.mul/div/pow(Number) in residual code; use Fields.constant(...)").isZero();
  }

  @Test
  void rejectsUnknownParameter() {
    Pde pde = pde();
    assertThatThrownBy(() -> pde.task(Map.of("no_such_parameter", 1.0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no_such_parameter");
  }

  @Test
  void rejectsOutOfRangeParameters() {
    Pde pde = pde();
    for (Parameter p : pde.parameters()) {
      double above = p.max() + Math.max(1, Math.abs(p.max()));
      assertThatThrownBy(() -> pde.task(Map.of(p.name(), above)))
          .as("%s=%s", p.name(), above)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(p.name());
      assertThatThrownBy(() -> pde.task(Map.of(p.name(), Double.NaN)))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void rejectsMalformedEmbeddings() {
    Pde pde = pde();
    double[] tooLong = new double[pde.embeddingDimension() + 1];
    assertThatThrownBy(() -> pde.taskFromEmbedding("row-1", tooLong))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row-1");
    double[] withNan = pde.referenceTask().embedding();
    withNan[0] = Double.NaN;
    assertThatThrownBy(() -> pde.taskFromEmbedding("row-2", withNan))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row-2");
    Task again = pde.taskFromEmbedding("row-3", pde.referenceTask().embedding());
    assertThat(again.embedding()).containsExactly(pde.referenceTask().embedding());
  }

  @Test
  void taskSplitIsDeterministicAndDisjoint() {
    Pde pde = pde();
    TaskSplit a = pde.taskSplit(11);
    TaskSplit b = pde.taskSplit(11);
    assertThat(a).isEqualTo(b);
    assertThat(a.train()).isNotEmpty();
    assertThat(a.test()).isNotEmpty();
    Set<String> ids = new HashSet<>();
    for (List<Task> set : List.of(a.train(), a.validation(), a.test())) {
      for (Task t : set) {
        assertThat(ids.add(t.id())).as("task %s appears once", t.id()).isTrue();
        assertThat(pde.task(t.parameters()).id()).isEqualTo(t.id());
      }
    }
  }

  /**
   * The largest absolute residual of a task's reference at sampled points.
   *
   * @param pde the PDE
   * @param task the task
   * @return max |residual| over equations and points
   */
  protected double maxResidual(Pde pde, Task task) {
    ReferenceSolution ref = pde.reference(task);
    double h = finiteDifferenceStep();
    Domain inner = shrink(pde.domain(), Math.max(residualMargin(), 3 * h));
    PointSet points = TestRuntime.interior(inner, residualPoints(), 5);
    try (NDManager m = runtime.newScope()) {
      Map<String, NDArray> inputs = new LinkedHashMap<>();
      for (int j = 0; j < pde.domain().dim(); j++) {
        inputs.put(pde.domain().inputs().get(j).name(), m.create(points.column(j)));
      }
      double[][] values = ref.evaluate(points);
      Map<String, NDArray> fieldValues = new LinkedHashMap<>();
      Map<String, Map<Partial, NDArray>> partials = new HashMap<>();
      for (int f = 0; f < pde.fields().size(); f++) {
        fieldValues.put(pde.fields().get(f).name(), m.create(column(values, f)));
        partials.put(pde.fields().get(f).name(), new HashMap<>());
      }
      for (Partial p : pde.partials()) {
        double[][] d = ref.derivative(points, p).orElseGet(() -> FiniteDifferences.of(ref, pde.domain(), points, p, h));
        for (int f = 0; f < pde.fields().size(); f++) {
          partials.get(pde.fields().get(f).name()).put(p, m.create(column(d, f)));
        }
      }
      Map<String, NDArray> params = new HashMap<>();
      task.parameters().forEach((k, v) -> params.put(k, m.create(v)));
      NDList residual = pde.residual(new ArrayFields(m, inputs, fieldValues, partials, params));
      assertThat(residual).hasSize(pde.residualNames().size());
      double max = 0;
      for (NDArray r : residual) {
        for (double v : r.toType(DataType.FLOAT64, false).toDoubleArray()) {
          max = Math.max(max, Math.abs(v));
        }
      }
      return max;
    }
  }

  private static Domain shrink(Domain d, double margin) {
    List<Input> inputs = new ArrayList<>();
    for (Input in : d.inputs()) {
      inputs.add(new Input(in.name(), in.min() + margin, in.max() - margin, in.time(), in.periodic()));
    }
    return new Domain(inputs);
  }

  private static double[] column(double[][] rows, int j) {
    double[] c = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      c[i] = rows[i][j];
    }
    return c;
  }

  private static int fieldIndex(Pde pde, String field) {
    List<Field> fields = pde.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(field)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no field " + field);
  }
}
