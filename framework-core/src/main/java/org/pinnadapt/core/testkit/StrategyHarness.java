package org.pinnadapt.core.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;

/**
 * One strategy on one PDE, set up as a run would set it up (tiny network, float64, one thread, Adam, no
 * checkpoints), with the steps of a run exposed one by one: {@link #prepare()}, {@link #adapt},
 * {@link #restore}, and predictions of solutions and of the base network. Close it to free everything.
 */
public final class StrategyHarness implements AutoCloseable {

  private final PinnAdapt framework;
  private final ExperimentSetup setup;
  private final NDManager scope;

  private StrategyHarness(PinnAdapt framework, ExperimentSetup setup) {
    this.framework = framework;
    this.setup = setup;
    this.scope = setup.context().manager().newSubManager();
  }

  /**
   * Sets up a strategy on a PDE: network width 8 and depth 2, 20 base epochs, seed 5, {@code epochs}
   * epochs per task; {@code configuration} adds or overrides run configuration keys (as {@code --set}).
   *
   * @param pde the PDE
   * @param provider the strategy's provider
   * @param options the strategy's options
   * @param configuration further configuration keys
   * @param epochs epochs per task
   * @param work an empty folder for the run's files
   * @return the harness
   */
  public static StrategyHarness open(Pde pde, StrategyProvider provider, Map<String, Object> options,
      Map<String, Object> configuration, int epochs, Path work) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", pde.id());
    m.put("strategy", provider.id());
    m.put("strategy-options", options);
    m.put("architecture-options", Map.of("width", 8, "depth", 2));
    m.put("epochs", epochs);
    m.put("trainer", "adam");
    m.put("base-epochs", 20);
    m.put("precision", "float64");
    m.put("checkpoint-every", 0);
    m.put("out", work.toString());
    m.put("seed", 5);
    m.putAll(configuration);
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PinnAdapt pa = PinnAdapt.builder().optBootDiscovery(false).addPde(pde).addStrategy(provider)
        .optDevice("cpu").optDataType(DataType.FLOAT64).optThreads(1).build();
    try {
      return new StrategyHarness(pa, new ExperimentSetup(pa, ExperimentConfig.fromMap(m, "strategy harness"), work,
          TrainingListener.NONE, message -> { }));
    } catch (RuntimeException e) {
      pa.close();
      throw e;
    }
  }

  /**
   * The network every task's solution is built on.
   *
   * @return its specification
   */
  public NetworkSpec spec() {
    return setup.spec();
  }

  /**
   * A task of the PDE.
   *
   * @param parameters parameter values
   * @return the validated task
   */
  public Task task(Map<String, Double> parameters) {
    return setup.pde().task(parameters);
  }

  /** Runs the strategy's preparation (base training, meta-training), as a run does before its tasks. */
  public void prepare() {
    setup.strategy().prepare(setup.context());
  }

  /**
   * Adapts (trains or predicts) the solution of a task.
   *
   * @param task the task
   * @return its solution; the caller closes it
   */
  public Solution adapt(Task task) {
    return setup.strategy().adapt(task, setup.context());
  }

  /**
   * Adapts several tasks the way a run groups them.
   *
   * @param tasks the tasks
   * @return their solutions in order; the caller closes them
   */
  public List<Solution> adaptAll(List<Task> tasks) {
    return setup.strategy().adaptAll(tasks, setup.context());
  }

  /**
   * Rebuilds a solution from its saved state, as a resumed run does.
   *
   * @param solution a solution of this strategy
   * @return the restored solution; the caller closes it
   */
  public Solution restore(Solution solution) {
    return setup.strategy().restore(solution.task(), solution.state(), setup.context());
  }

  /**
   * Whether the strategy trains each task (false for strategies that predict solutions).
   *
   * @return the strategy's answer
   */
  public boolean trainsPerTask() {
    return setup.strategy().trainsPerTask();
  }

  /**
   * A solution's values at points.
   *
   * @param solution the solution
   * @param points {@code [points][inputs]}
   * @return the values, points major
   */
  public double[] predict(Solution solution, double[][] points) {
    try (NDManager m = scope.newSubManager()) {
      return solution.predict(m.create(flatten(points), new Shape(points.length, points[0].length))).toDoubleArray();
    }
  }

  /**
   * How many arrays the experiment's memory scope holds, its sub-scopes (a strategy's, a solution's) included: a
   * strategy that keeps memory flat holds as many after adapting, evaluating and closing a solution as before.
   *
   * @return each live array as {@code "uid shape"}
   */
  public Set<String> liveArrays() {
    Set<String> out = new LinkedHashSet<>();
    for (NDArray a : setup.context().manager().getManagedArrays()) {
      out.add(a.getUid() + " " + a.getShape());
    }
    return out;
  }

  /**
   * Many tasks' values at the same points, through the strategy's {@code predictAll} (a many-query study).
   *
   * @param tasks the tasks
   * @param points {@code [points][inputs]}
   * @return the values, task major, then points, then fields
   */
  public double[] predictAll(List<Task> tasks, double[][] points) {
    try (NDManager m = scope.newSubManager()) {
      return setup.strategy().predictAll(tasks, m.create(flatten(points), new Shape(points.length, points[0].length)),
          setup.context()).toDoubleArray();
    }
  }

  /**
   * The values of the base network (the strategy's pretrained weights, after {@link #prepare()}).
   *
   * @param points {@code [points][inputs]}
   * @return the values, points major
   */
  public double[] predictBase(double[][] points) {
    var base = setup.context().baseModel();
    return setup.context().network(spec())
        .forward(scope.create(flatten(points), new Shape(points.length, points[0].length)),
            NetworkWeights.plain(spec(), base.params()))
        .toDoubleArray();
  }

  private static double[] flatten(double[][] points) {
    int d = points[0].length;
    double[] flat = new double[points.length * d];
    for (int i = 0; i < points.length; i++) {
      System.arraycopy(points[i], 0, flat, i * d, d);
    }
    return flat;
  }

  @Override
  public void close() {
    try (PinnAdapt pa = framework; ExperimentSetup s = setup) {
      scope.close();
    }
  }
}
