package org.pinnadapt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;

/**
 * The contract of an {@link org.pinnadapt.api.AdaptationStrategy} plug-in, checked on a small heat
 * equation ({@link TckHeat}) with a tiny network in float64. Extend it with a provider, options and the
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
 * values; equal seeds give equal solutions.
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

  private ExperimentConfig config(Path out, int epochs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", "tck-heat");
    m.put("strategy", provider().id());
    m.put("strategy-options", options());
    m.put("architecture-options", Map.of("width", 8, "depth", 2));
    m.put("epochs", epochs);
    m.put("trainer", "adam");
    m.put("base-epochs", 20);
    m.put("precision", "float64");
    m.put("checkpoint-every", 0);
    m.put("out", out.toString());
    m.put("seed", 5);
    m.putAll(extraConfiguration());
    return ExperimentConfig.fromMap(m, "strategy contract");
  }

  private PinnAdapt framework() {
    return PinnAdapt.builder().optBootDiscovery(false).addPde(new TckHeat()).addStrategy(provider())
        .optDevice("cpu").optDataType(DataType.FLOAT64).optThreads(1).build();
  }

  private static double[] predict(Solution s, NDManager m) {
    double[] pts = new double[2 * 25];
    for (int i = 0; i < 25; i++) {
      pts[2 * i] = (i % 5 + 0.5) / 5;
      pts[2 * i + 1] = (i / 5 + 0.5) / 5;
    }
    NDArray x = m.create(pts, new Shape(25, 2));
    return s.predict(x).toDoubleArray();
  }

  @Test
  void theUntrainedSolutionIsTheBaseNetwork() throws Exception {
    if (!startsFromBaseNetwork()) {
      return;
    }
    try (PinnAdapt pa = framework();
        ExperimentSetup setup = new ExperimentSetup(pa, config(work.resolve("zero"), 0), work.resolve("zero"),
            TrainingListener.NONE, m -> { })) {
      Files.createDirectories(work.resolve("zero"));
      setup.strategy().prepare(setup.context());
      Task task = setup.pde().task(Map.of("kappa", 0.7));
      try (Solution s = setup.strategy().adapt(task, setup.context());
          NDManager m = setup.context().manager().newSubManager()) {
        var base = setup.context().baseModel();
        var net = setup.context().network(setup.spec());
        double[] adapted = predict(s, m);
        double[] pts = new double[2 * 25];
        for (int i = 0; i < 25; i++) {
          pts[2 * i] = (i % 5 + 0.5) / 5;
          pts[2 * i + 1] = (i / 5 + 0.5) / 5;
        }
        double[] plain = net.forward(m.create(pts, new Shape(25, 2)), NetworkWeights.plain(setup.spec(), base.params()))
            .toDoubleArray();
        for (int i = 0; i < plain.length; i++) {
          assertThat(adapted[i]).as("point %d", i).isCloseTo(plain[i], org.assertj.core.data.Offset.offset(1e-12));
        }
      }
    }
  }

  @Test
  void theTrainableParameterCountIsExact() throws Exception {
    try (PinnAdapt pa = framework();
        ExperimentSetup setup = new ExperimentSetup(pa, config(work.resolve("count"), 3), work.resolve("count"),
            TrainingListener.NONE, m -> { })) {
      Files.createDirectories(work.resolve("count"));
      setup.strategy().prepare(setup.context());
      try (Solution s = setup.strategy().adapt(setup.pde().task(Map.of("kappa", 0.5)), setup.context())) {
        assertThat(s.trainableParameters()).isEqualTo(expectedTrainableParameters(setup.spec()));
      }
    }
  }

  @Test
  void aRestoredSolutionPredictsTheSameValues() throws Exception {
    try (PinnAdapt pa = framework();
        ExperimentSetup setup = new ExperimentSetup(pa, config(work.resolve("restore"), 5), work.resolve("restore"),
            TrainingListener.NONE, m -> { })) {
      Files.createDirectories(work.resolve("restore"));
      setup.strategy().prepare(setup.context());
      Task task = setup.pde().task(Map.of("kappa", 0.5));
      try (Solution s = setup.strategy().adapt(task, setup.context());
          NDManager m = setup.context().manager().newSubManager()) {
        double[] original = predict(s, m);
        try (Solution r = setup.strategy().restore(task, s.state(), setup.context())) {
          assertThat(predict(r, m)).containsExactly(original);
        }
      }
    }
  }

  @Test
  void equalSeedsGiveEqualSolutions() throws Exception {
    double[][] out = new double[2][];
    for (int run = 0; run < 2; run++) {
      Path dir = work.resolve("seed" + run);
      Files.createDirectories(dir);
      try (PinnAdapt pa = framework();
          ExperimentSetup setup = new ExperimentSetup(pa, config(dir, 5), dir, TrainingListener.NONE, m -> { })) {
        setup.strategy().prepare(setup.context());
        try (Solution s = setup.strategy().adapt(setup.pde().task(Map.of("kappa", 0.5)), setup.context());
            NDManager m = setup.context().manager().newSubManager()) {
          out[run] = predict(s, m);
        }
      }
    }
    assertThat(out[1]).containsExactly(out[0]);
  }
}
