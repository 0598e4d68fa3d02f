package org.pinnadapt.core.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.ReferenceSolution;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.io.Json;
import org.pinnadapt.core.loss.ErrorReport;
import org.pinnadapt.core.loss.Metrics;

/**
 * A finished run folder, opened to evaluate its solutions: a task's solution is restored from the folder (or, for
 * a strategy that predicts solutions, predicted for any task) and evaluated on a grid, with its error against the
 * PDE's reference. What {@code pinnadapt predict} and {@code report} do, callable from Java.
 */
public final class SavedRun implements AutoCloseable {

  private final ExperimentSetup setup;

  private SavedRun(ExperimentSetup setup) {
    this.setup = setup;
  }

  /**
   * Opens a run folder with its recorded configuration.
   *
   * @param pa the framework
   * @param config the run's configuration (its {@code out} the folder)
   * @param folder the run folder
   * @param info receives the setup's messages
   * @return the opened run; close it
   */
  public static SavedRun open(PinnAdapt pa, ExperimentConfig config, Path folder, Consumer<String> info) {
    return new SavedRun(new ExperimentSetup(pa, config, folder, TrainingListener.NONE, info));
  }

  /**
   * The configuration a run folder recorded, ready to reopen the run: {@code config.json} with the defaults of the
   * version that wrote it ({@link ExperimentConfig#withEarlierDefaults}), its {@code out} the folder, and no tasks
   * of its own to train.
   *
   * @param folder the run folder
   * @param by what reopens it, for messages (e.g. {@code predict})
   * @return the configuration
   * @throws InvalidInputException if {@code config.json} is missing, empty or malformed
   */
  public static ExperimentConfig recordedConfig(Path folder, String by) {
    Path file = folder.resolve("config.json");
    Map<String, Object> m;
    try {
      m = Json.json().readValue(Files.readAllBytes(file), new TypeReference<Map<String, Object>>() {});
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("run folder " + folder + " has no config.json");
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidInputException("configuration file " + file + " is malformed: " + msg, e);
    }
    if (m == null) {
      throw new InvalidInputException("configuration file " + file + " is empty");
    }
    return ExperimentConfig.fromMap(ExperimentConfig.withEarlierDefaults(m), file.toString())
        .merge(Map.of("out", folder.toString(), "tasks", "test", "task-file", ""), by);
  }

  /**
   * A solution on a grid.
   *
   * @param task the task
   * @param points the grid's points
   * @param values {@code [points][fields]}
   * @param solveMs milliseconds to the solution's weights (restored or predicted)
   * @param evaluateMs milliseconds of the evaluation on the points
   * @param reference the reference on the points (null when not asked for or the PDE has none)
   * @param referenceMethod how the reference was computed (null without one)
   * @param errors the errors against the reference (null without one)
   */
  public record Prediction(Task task, PointSet points, double[][] values, double solveMs, double evaluateMs,
      double[][] reference, String referenceMethod, ErrorReport errors) {}

  /**
   * The run's PDE.
   *
   * @return the PDE
   */
  public Pde pde() {
    return setup.pde();
  }

  /**
   * The run's strategy id.
   *
   * @return e.g. {@code lora}
   */
  public String strategyId() {
    return setup.strategyId();
  }

  /**
   * Whether the run's strategy gives a solution for any task without training (a hypernetwork's prediction), or
   * only for the tasks it trained.
   *
   * @return true for hyper, lrnr's hyper phase, CoLoRA
   */
  public boolean predictsNewTasks() {
    return !setup.strategy().trainsPerTask();
  }

  /**
   * The run's evaluation grid.
   *
   * @return the grid of its configuration
   */
  public EvaluationGrid grid() {
    return setup.grid();
  }

  /**
   * A task of the run by id: one of its split's tasks, or else parsed from {@code K=V,...}.
   *
   * @param id the task id
   * @return the task
   */
  public Task task(String id) {
    List<Task> all = new ArrayList<>(setup.split().test());
    all.addAll(setup.split().train());
    all.addAll(setup.split().validation());
    return all.stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseGet(() -> setup.pde().task(Tasks.parseAssignments(id.contains("=") ? id : "")));
  }

  /**
   * Restores (or predicts) a task's solution and evaluates it on a grid.
   *
   * @param task the task
   * @param grid the grid
   * @param withReference whether to evaluate the reference and the errors too (when the PDE has a reference)
   * @return the prediction
   */
  public Prediction predict(Task task, EvaluationGrid grid, boolean withReference) {
    return predict(task, grid.points(), withReference);
  }

  /**
   * Restores (or predicts) a task's solution and evaluates it at given points.
   *
   * @param task the task
   * @param points the points, one column per domain input
   * @param withReference whether to evaluate the reference and the errors too (when the PDE has a reference)
   * @return the prediction
   */
  public Prediction predict(Task task, PointSet points, boolean withReference) {
    long t0 = System.nanoTime();
    try (Solution s = Experiment.solutionOf(setup, task)) {
      double solveMs = (System.nanoTime() - t0) / 1e6;
      Evaluation.Prediction p = Evaluation.predict(s, points, setup.context().manager(), setup.context().dataType());
      ReferenceSolution ref = withReference ? referenceOf(task) : null;
      if (ref == null) {
        return new Prediction(task, points, p.values(), solveMs, p.millis(), null, null, null);
      }
      double[][] exact = ref.evaluate(points);
      return new Prediction(task, points, p.values(), solveMs, p.millis(), exact, ref.method(),
          Metrics.compare(setup.pde().fields(), p.values(), exact));
    }
  }

  /**
   * The values of many tasks' solutions at the same points, predicted along the task axis
   * ({@link AdaptationStrategy#predictAll}); only for a strategy that predicts solutions of new tasks.
   *
   * @param tasks the tasks
   * @param x the points {@code [N, d]} in the run's precision
   * @return {@code [tasks, N, fields]}, owned by {@code x}'s manager
   * @throws InvalidInputException if the run's strategy trains per task
   */
  public NDArray predictAll(List<Task> tasks, NDArray x) {
    checkPredictsNewTasks();
    setup.strategy().prepare(setup.context());
    return setup.strategy().predictAll(tasks, x, setup.context());
  }

  /**
   * Fails unless the run's strategy predicts solutions of new tasks (many-query prediction needs that).
   *
   * @throws InvalidInputException naming the strategy
   */
  public void checkPredictsNewTasks() {
    if (!predictsNewTasks()) {
      throw new InvalidInputException("run " + setup.environment().runDirectory() + ": strategy '" + strategyId()
          + "' trains each task, so it cannot predict many new tasks; many-query prediction needs a strategy that "
          + "predicts solutions (hyper, lrnr, colora)");
    }
  }

  /**
   * The manager the run's arrays live under; make sub-managers of it for scratch arrays.
   *
   * @return the manager
   */
  public NDManager manager() {
    return setup.context().manager();
  }

  /**
   * The run's precision.
   *
   * @return the data type of its networks
   */
  public DataType dataType() {
    return setup.context().dataType();
  }

  private ReferenceSolution referenceOf(Task task) {
    try {
      return setup.pde().reference(task);
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  @Override
  public void close() {
    setup.close();
  }
}
