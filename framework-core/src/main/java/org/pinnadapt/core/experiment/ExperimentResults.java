package org.pinnadapt.core.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.core.loss.ErrorReport;
import org.pinnadapt.core.loss.Metrics;

/**
 * What a typed {@link Experiment} returns: each task's result and, while open, its {@link Solution} in memory, to
 * evaluate anywhere. It owns the solutions' native memory and, for a run without a run folder, the temporary
 * folder the run used: close it.
 */
public final class ExperimentResults implements AutoCloseable {

  private final RunResult summary;
  private final ExperimentSetup setup;
  private final Map<String, Solution> solutions;
  private Path temporaryFolder;
  private boolean closed;

  ExperimentResults(RunResult summary, ExperimentSetup setup, Map<String, Solution> solutions) {
    this.summary = summary;
    this.setup = setup;
    this.solutions = new LinkedHashMap<>(solutions);
  }

  /** Marks the run folder as temporary: {@link #close()} deletes it. */
  ExperimentResults deleteFolderOnClose() {
    temporaryFolder = summary.directory();
    return this;
  }

  /**
   * The errors and timings of every task, as {@code metrics.json} has them.
   *
   * @return the summary
   */
  public RunResult summary() {
    return summary;
  }

  /**
   * Each task's result (errors against the reference on the evaluation grid, training, timings).
   *
   * @return the results in task order
   */
  public List<TaskResult> tasks() {
    return summary.tasks();
  }

  /**
   * The task ids, in order.
   *
   * @return the ids
   */
  public List<String> taskIds() {
    return summary.tasks().stream().map(TaskResult::task).toList();
  }

  /**
   * The run folder, when the experiment was given one ({@code optRunFolder}).
   *
   * @return the folder, or empty for a run in a temporary folder
   */
  public Optional<Path> runFolder() {
    return temporaryFolder == null ? Optional.of(summary.directory()) : Optional.empty();
  }

  /**
   * The names of the fields a solution predicts, in column order.
   *
   * @return the field names
   */
  public List<String> fields() {
    return open().pde().fields().stream().map(Field::name).toList();
  }

  /**
   * The solution of the only task of a single-task run.
   *
   * @return the solution (owned by these results)
   */
  public Solution solution() {
    if (solutions.size() != 1) {
      throw new IllegalStateException("the run solved " + solutions.size() + " tasks; name one of " + taskIds());
    }
    open();
    return solutions.values().iterator().next();
  }

  /**
   * The solution of a task.
   *
   * @param taskId the task's id, as {@link #taskIds()} lists it
   * @return the solution (owned by these results)
   */
  public Solution solution(String taskId) {
    open();
    Solution s = solutions.get(taskId);
    if (s == null) {
      throw new InvalidInputException("no task '" + taskId + "' in this run; tasks: " + taskIds());
    }
    return s;
  }

  /**
   * Evaluates a task's solution at points.
   *
   * @param taskId the task
   * @param points {@code [points][inputs]}, inputs in the PDE's order (space, then time)
   * @return {@code [points][fields]}
   */
  public double[][] evaluate(String taskId, double[][] points) {
    return predict(solution(taskId), points(points));
  }

  /**
   * The PDE's reference solution of a task at points.
   *
   * @param taskId the task
   * @param points {@code [points][inputs]}
   * @return {@code [points][fields]}
   */
  public double[][] reference(String taskId, double[][] points) {
    return open().pde().reference(solution(taskId).task()).evaluate(points(points));
  }

  /**
   * The points of an evaluation grid over the PDE's domain, e.g. {@code "51x51"}: one count per input in the
   * PDE's order, each optionally with a range ({@code 256x100[0:0.99]}); the last input varies fastest.
   *
   * @param spec the grid
   * @return {@code [points][inputs]}
   */
  public double[][] grid(String spec) {
    PointSet p = EvaluationGrid.parse(open().pde().domain(), spec).points();
    double[][] rows = new double[p.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = p.row(i);
    }
    return rows;
  }

  /**
   * The error of a task's solution against the PDE's reference at points.
   *
   * @param taskId the task
   * @param points {@code [points][inputs]}
   * @return the errors per field and over all fields
   */
  public ErrorReport errors(String taskId, double[][] points) {
    Solution s = solution(taskId);
    PointSet p = points(points);
    return Metrics.compare(open().pde().fields(), predict(s, p), open().pde().reference(s.task()).evaluate(p));
  }

  private double[][] predict(Solution s, PointSet p) {
    return Evaluation.predict(s, p, setup.context().manager(), setup.context().dataType()).values();
  }

  private PointSet points(double[][] rows) {
    int dim = open().pde().domain().dim();
    if (rows.length == 0 || rows[0].length != dim) {
      throw new InvalidInputException("points need " + dim + " columns (" + open().pde().domain().names()
          + "), got " + (rows.length == 0 ? "no points" : rows[0].length + " columns"));
    }
    return PointSet.ofRows(rows);
  }

  private ExperimentSetup open() {
    if (closed) {
      throw new IllegalStateException("these experiment results are closed");
    }
    if (setup == null) {
      throw new IllegalStateException("this run kept no solutions in memory");
    }
    return setup;
  }

  /** Releases the solutions and the run's native memory, and deletes a temporary run folder. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      solutions.values().forEach(Solution::close);
      if (setup != null) {
        setup.close();
      }
    } finally {
      if (temporaryFolder != null) {
        RunFiles.deleteTree(temporaryFolder);
      }
    }
  }

}
