package org.pinnadapt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.core.testkit.StrategyHarness;

/**
 * The contract of a strategy that predicts a new task's solution instead of training it (a hypernetwork, a
 * meta-learned low-rank model, an offline-trained reduced model): everything of {@link StrategyContract},
 * plus: the strategy says it does not train per task; after its preparation, a task's solution costs no
 * training, is the same every time it is asked for, is the same alone or in a group (and in a many-query
 * {@code predictAll}), and depends on the task's parameters.
 *
 * <pre>{@code
 * class HyperContractTest extends HypernetworkContract {
 *   protected StrategyProvider provider() { return new HyperProvider(); }
 *   protected Map<String, Object> options() { return Map.of("hidden", "8,8", "meta-epochs", 5); }
 *   protected long expectedTrainableParameters(NetworkSpec spec) { return 0; }
 * }
 * }</pre>
 */
public abstract class HypernetworkContract extends StrategyContract {

  @Override
  protected boolean startsFromBaseNetwork() {
    return false;
  }

  /**
   * Two tasks that the preparation did not train on (in the range of {@link #pde()}).
   *
   * @param h the harness
   * @return two distinct tasks
   */
  protected List<Task> unseenTasks(StrategyHarness h) {
    return List.of(h.task(Map.of("kappa", 0.37)), h.task(Map.of("kappa", 0.83)));
  }

  @Test
  void itSaysItDoesNotTrainPerTask() {
    try (StrategyHarness h = harness("declares", 0)) {
      assertThat(h.trainsPerTask()).as("a predicting strategy's trainsPerTask()").isFalse();
    }
  }

  @Test
  void aPredictionIsRepeatableNeedsNoTrainingAndDependsOnTheTask() {
    try (StrategyHarness h = harness("predict", 5)) {
      h.prepare();
      List<Task> tasks = unseenTasks(h);
      double[][] first = new double[2][];
      for (int i = 0; i < 2; i++) {
        try (Solution a = h.adapt(tasks.get(i)); Solution b = h.adapt(tasks.get(i))) {
          first[i] = h.predict(a, probePoints());
          assertThat(h.predict(b, probePoints())).as("the same task asked twice").containsExactly(first[i]);
          assertThat(a.training().epochs()).as("epochs trained for a predicted task").isZero();
        }
      }
      assertThat(first[1]).as("solutions of different parameters").isNotEqualTo(first[0]);
    }
  }

  @Test
  void aGroupPredictsWhatEachTaskPredictsAlone() {
    try (StrategyHarness h = harness("group", 5)) {
      h.prepare();
      List<Task> tasks = unseenTasks(h);
      List<double[]> alone = new ArrayList<>();
      for (Task t : tasks) {
        try (Solution s = h.adapt(t)) {
          alone.add(h.predict(s, probePoints()));
        }
      }
      List<Solution> group = h.adaptAll(tasks);
      try {
        for (int i = 0; i < tasks.size(); i++) {
          double[] together = h.predict(group.get(i), probePoints());
          for (int j = 0; j < together.length; j++) {
            assertThat(together[j]).as("task %s, point %d", tasks.get(i), j)
                .isCloseTo(alone.get(i)[j], Offset.offset(1e-10));
          }
        }
      } finally {
        group.forEach(Solution::close);
      }
    }
  }

  @Test
  void manyTasksAtOncePredictWhatEachTaskPredictsAlone() {
    try (StrategyHarness h = harness("many", 5)) {
      h.prepare();
      List<Task> tasks = new ArrayList<>(unseenTasks(h));
      tasks.add(tasks.get(0)); // a repeated task gives the same values
      double[] all = h.predictAll(tasks, probePoints());
      int per = all.length / tasks.size();
      for (int i = 0; i < tasks.size(); i++) {
        try (Solution s = h.adapt(tasks.get(i))) {
          double[] alone = h.predict(s, probePoints());
          assertThat(alone).hasSize(per);
          for (int j = 0; j < per; j++) {
            assertThat(all[i * per + j]).as("predictAll, task %d (%s), value %d", i, tasks.get(i), j)
                .isCloseTo(alone[j], Offset.offset(1e-9 + 1e-6 * Math.abs(alone[j])));
          }
        }
      }
    }
  }
}
