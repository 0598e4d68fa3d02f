package org.pinnadapt.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.strategy.StrategyContext;

/**
 * How a solution for a PDE instance is obtained: from scratch, by adapting a pretrained network, or
 * by predicting weights with a hypernetwork.
 *
 * <p>Life cycle: {@link #prepare} runs once per experiment (train a hypernetwork, meta-learn
 * factors; it should cache its result through the context so that prediction later reuses it), then
 * {@link #adapt} runs per task. {@link #restore} rebuilds a saved solution without training.
 *
 * <p>Contract (checked by the TCK): an adapting strategy's network equals the base network before
 * training; {@link Solution#trainableParameters()} is exact; {@code restore(adapt(t).state())}
 * predicts the same values; equal seeds give equal results.
 */
public interface AdaptationStrategy {

  /**
   * The offline phase, shared by all tasks. The default does nothing.
   *
   * @param ctx the experiment's context
   */
  default void prepare(StrategyContext ctx) {}

  /**
   * The online phase: a solution for one task.
   *
   * @param task the task
   * @param ctx the experiment's context
   * @return the solution; the caller closes it
   */
  Solution adapt(Task task, StrategyContext ctx);

  /**
   * Solutions for several tasks. The default adapts them one by one; a strategy may train them
   * together along the task axis when that is faster (the results must not depend on the grouping
   * beyond floating-point rounding).
   *
   * @param tasks the tasks
   * @param ctx the experiment's context
   * @return one solution per task, in order; the caller closes them
   */
  default List<Solution> adaptAll(List<Task> tasks, StrategyContext ctx) {
    List<Solution> out = new ArrayList<>();
    for (Task t : tasks) {
      out.add(adapt(t, ctx));
    }
    return out;
  }

  /**
   * How many tasks {@link #adaptAll} prefers to receive at once.
   *
   * @return the group size (1 by default)
   */
  default int preferredGroupSize() {
    return 1;
  }

  /**
   * The values of many tasks' solutions at the same points: a many-query study (uncertainty propagation,
   * parameter scans) for a strategy that predicts solutions without training ({@link #trainsPerTask()} false).
   * The default adapts, evaluates and closes one solution at a time; a strategy that can evaluate many tasks
   * along the task axis at once (a hypernetwork: one forward pass for all tasks' weights) overrides it. The
   * values must equal {@code adapt(task).predict(x)} up to floating-point rounding.
   *
   * @param tasks the tasks
   * @param x the points {@code [N, d]}
   * @param ctx the experiment's context, {@link #prepare} already run
   * @return {@code [tasks, N, fields]}, owned by {@code x}'s manager
   */
  default NDArray predictAll(List<Task> tasks, NDArray x, StrategyContext ctx) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("no tasks to predict");
    }
    NDList values = new NDList(tasks.size());
    try {
      for (Task t : tasks) {
        try (Solution s = adapt(t, ctx)) {
          NDArray y = s.predict(x);
          NDArray kept = y.duplicate();
          kept.attach(x.getManager());
          y.close();
          values.add(kept);
        }
      }
      return NDArrays.stack(values);
    } finally {
      values.close();
    }
  }

  /**
   * Rebuilds a solution from its saved {@link Solution#state()}.
   *
   * @param task the task the state belongs to
   * @param state the saved state
   * @param ctx the experiment's context
   * @return the solution
   */
  Solution restore(Task task, Params state, StrategyContext ctx);

  /**
   * Named facts about the prepared strategy that benchmarks and reports show next to the errors, e.g. the
   * scalars a hypernetwork predicts per task ({@code predicted_params}), a reduced model's online and offline
   * parameter counts, or the ranks left after truncation. Values are numbers or lists of numbers; keys are
   * lower-case with underscores. Called after {@link #prepare}.
   *
   * @param ctx the context of the run
   * @return the facts by name (empty by default)
   */
  default Map<String, Object> facts(StrategyContext ctx) {
    return Map.of();
  }

  /**
   * Whether {@link #adapt} trains per task. A strategy that answers {@code false} (a hypernetwork)
   * can produce solutions for unseen tasks at prediction time.
   *
   * @return {@code true} if adaptation trains
   */
  default boolean trainsPerTask() {
    return true;
  }
}
