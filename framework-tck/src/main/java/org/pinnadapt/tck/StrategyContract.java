package org.pinnadapt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.core.testkit.StrategyHarness;
import org.pinnadapt.core.testkit.TestHeat;

/**
 * The contract of an {@link org.pinnadapt.api.AdaptationStrategy} plug-in, checked on a small heat
 * equation ({@link TestHeat}) with a tiny network in float64. Extend it with a provider, options and the
 * expected trainable-parameter count:
 *
 * <pre>{@code
 * class LoraContractTest extends StrategyContract {
 *   protected StrategyProvider provider() { return new LoraProvider(); }
 *   protected Map<String, Object> options() { return Map.of("rank", 2); }
 *   protected long expectedTrainableParameters(NetworkSpec spec) { return 2 * (2 + 8 + 8 + 8 + 8 + 1); }
 * }
 * }</pre>
 *
 * <p>Checks: an adapting strategy's network equals the base network before training; the reported
 * trainable-parameter count is exact; a solution restored from its saved state predicts the same
 * values; memory stays flat over repeated adaptations; equal seeds give equal solutions.
 */
public abstract class StrategyContract {

  @TempDir Path work;

  /**
   * The provider under test.
   *
   * @return a new provider
   */
  protected abstract StrategyProvider provider();

  /**
   * The strategy's options for the contract.
   *
   * @return raw option values
   */
  protected Map<String, Object> options() {
    return Map.of();
  }

  /**
   * The exact number of trained (or predicted) scalars per task for the contract's network.
   *
   * @param spec the network (width 8, two hidden layers, tanh, 2 inputs, 1 output)
   * @return the count
   */
  protected abstract long expectedTrainableParameters(NetworkSpec spec);

  /**
   * Whether the strategy starts from the base network (true for adapting strategies).
   *
   * @return whether the untrained solution equals the base network
   */
  protected boolean startsFromBaseNetwork() {
    return true;
  }

  /**
   * Further configuration keys for the contract's experiments.
   *
   * @return configuration values
   */
  protected Map<String, Object> extraConfiguration() {
    return Map.of();
  }

  /**
   * The PDE of the contract's experiments.
   *
   * @return the heat equation {@code tck-heat} (kappa in [0.1, 1])
   */
  protected Pde pde() {
    return new TestHeat();
  }

  /**
   * Opens a harness for this strategy on {@link #pde()} in a fresh folder.
   *
   * @param name the folder's name under the test's temporary folder
   * @param epochs epochs per task
   * @return the harness
   */
  protected StrategyHarness harness(String name, int epochs) {
    return StrategyHarness.open(pde(), provider(), options(), extraConfiguration(), epochs, work.resolve(name));
  }

  /**
   * The points where solutions are compared: a 5 x 5 grid of cell centres of the unit square.
   *
   * @return {@code [25][2]}
   */
  protected static double[][] probePoints() {
    double[][] pts = new double[25][];
    for (int i = 0; i < 25; i++) {
      pts[i] = new double[] {(i % 5 + 0.5) / 5, (i / 5 + 0.5) / 5};
    }
    return pts;
  }

  @Test
  void theUntrainedSolutionIsTheBaseNetwork() {
    if (!startsFromBaseNetwork()) {
      return;
    }
    try (StrategyHarness h = harness("zero", 0)) {
      h.prepare();
      try (Solution s = h.adapt(h.task(Map.of("kappa", 0.7)))) {
        double[] adapted = h.predict(s, probePoints());
        double[] plain = h.predictBase(probePoints());
        for (int i = 0; i < plain.length; i++) {
          assertThat(adapted[i]).as("point %d", i).isCloseTo(plain[i], Offset.offset(1e-12));
        }
      }
    }
  }

  @Test
  void theTrainableParameterCountIsExact() {
    try (StrategyHarness h = harness("count", 3)) {
      h.prepare();
      try (Solution s = h.adapt(h.task(Map.of("kappa", 0.5)))) {
        assertThat(s.trainableParameters()).isEqualTo(expectedTrainableParameters(h.spec()));
      }
    }
  }

  @Test
  void aRestoredSolutionPredictsTheSameValues() {
    try (StrategyHarness h = harness("restore", 5)) {
      h.prepare();
      try (Solution s = h.adapt(h.task(Map.of("kappa", 0.5)))) {
        double[] original = h.predict(s, probePoints());
        try (Solution r = h.restore(s)) {
          assertThat(h.predict(r, probePoints())).containsExactly(original);
        }
      }
    }
  }

  @Test
  void memoryStaysFlatOverRepeatedAdaptations() {
    try (StrategyHarness h = harness("memory", 2)) {
      h.prepare();
      Task task = h.task(Map.of("kappa", 0.5));
      adaptPredictClose(h, task); // a first use may keep what later ones share (networks, a cache)
      Set<String> before = h.liveArrays();
      for (int i = 0; i < 3; i++) {
        adaptPredictClose(h, task);
      }
      Set<String> added = new LinkedHashSet<>(h.liveArrays());
      added.removeAll(before);
      assertThat(added).as("arrays still held after three more solutions were adapted, evaluated and closed and "
          + "three more many-query predictions were made").isEmpty();
    }
  }

  private static void adaptPredictClose(StrategyHarness h, Task task) {
    try (Solution s = h.adapt(task)) {
      assertThat(Arrays.stream(h.predict(s, probePoints())).allMatch(Double::isFinite)).as("finite values").isTrue();
    }
    // and the many-query path: two tasks at once
    assertThat(Arrays.stream(h.predictAll(List.of(task, task), probePoints())).allMatch(Double::isFinite))
        .as("finite values of predictAll").isTrue();
  }

  @Test
  void equalSeedsGiveEqualSolutions() {
    double[][] out = new double[2][];
    for (int run = 0; run < 2; run++) {
      try (StrategyHarness h = harness("seed" + run, 5)) {
        h.prepare();
        try (Solution s = h.adapt(h.task(Map.of("kappa", 0.5)))) {
          out[run] = h.predict(s, probePoints());
        }
      }
    }
    assertThat(out[1]).containsExactly(out[0]);
  }
}
