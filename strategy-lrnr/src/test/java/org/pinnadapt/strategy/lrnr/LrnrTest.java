package org.pinnadapt.strategy.lrnr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.testkit.TestHeat;

class LrnrTest {

  @TempDir Path work;

  private static PinnAdapt framework() {
    return PinnAdapt.builder().optBootDiscovery(false).addPde(new TestHeat()).addStrategy(new LrnrProvider())
        .optDevice("cpu").optDataType(DataType.FLOAT64).optThreads(1).build();
  }

  private ExperimentSetup setup(PinnAdapt pa, String name, Map<String, Object> options, int epochs) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", "tck-heat");
    m.put("strategy", "lrnr");
    m.put("strategy-options", options);
    m.put("epochs", epochs);
    m.put("trainer", "adam");
    m.put("precision", "float64");
    m.put("checkpoint-every", 0);
    m.put("lr", 3e-3);
    m.put("collocation", 64);
    m.put("out", work.resolve(name).toString());
    Files.createDirectories(work.resolve(name));
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(m, "test"), work.resolve(name), TrainingListener.NONE,
        s -> { });
  }

  @Test
  void theSparsityRegularizerIsZeroExactlyForGeometricDecay() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      double gamma = 1.25;
      double[] geometric = new double[6];
      double[] faster = new double[6];
      for (int k = 0; k < 6; k++) {
        geometric[k] = 2 * Math.pow(1 / gamma, k);
        faster[k] = 2 * Math.pow(0.5, k);
      }
      assertThat(value(m, geometric, gamma)).isCloseTo(0, offset(1e-12));
      assertThat(value(m, faster, gamma)).isZero();
      assertThat(value(m, new double[] {1, 0, 0, 0}, gamma)).isZero(); // truncated tail
      // slower than geometric: s_{k+1} > s_k / gamma somewhere
      double[] slow = {1, 0.9, 0.5, 0.1};
      assertThat(value(m, slow, gamma)).isCloseTo(gamma * 0.9 - 1, offset(1e-12)); // only k = 0 is positive
      assertThat(value(m, new double[] {0, 1}, gamma)).isCloseTo(gamma, offset(1e-12));
      // the mean over a task axis, summed over layers
      NDArray two = m.create(new double[] {1, 0.9, 0, 1}, new Shape(2, 2));
      double v = LrnrModel.sparsity(List.of(two, m.create(new double[] {0, 1})), gamma).getDouble();
      assertThat(v).isCloseTo((gamma * 0.9 - 1 + gamma) / 2 + gamma, offset(1e-12));
    }
  }

  private static double value(NDManager m, double[] s, double gamma) {
    return LrnrModel.sparsity(List.of(m.create(s)), gamma).getDouble();
  }

  @Test
  void truncationRemovesExactlyTheAllZeroRanksAndKeepsTheNetwork() throws Exception {
    double[][] c = {
      {0.5, 0, 0.1, 0, /* layer 2 */ 0, 0, 0},
      {0.7, 0, 0, 0, /* layer 2 */ 0, 0.2, 0},
      {0.0, 0, 0.3, 0, /* layer 2 */ 0, 0, 0}};
    int[][] keep = Truncation.keep(c, new int[] {4, 3});
    assertThat(keep[0]).containsExactly(0, 2);
    assertThat(keep[1]).containsExactly(1);
    // a layer that is zero everywhere keeps one rank, so the network stays defined
    assertThat(Truncation.keep(new double[][] {{0, 0}}, new int[] {2})[0]).hasSize(1);

    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "trunc", Map.of(), 0);
        NDManager m = s.context().manager().newSubManager()) {
      LrnrModel model = new LrnrModel(List.of("x", "t"), List.of("u"), 10, new int[] {5, 4}, 12, 1);
      Network net = s.context().network(model.spec());
      Network hyper = s.context().network(model.hyperSpec());
      Params p = model.initialize(net, hyper, m, 3, new double[] {0.5}, new double[] {0.2}, DataType.FLOAT64);
      // switch ranks 1 and 3 of layer 0 and rank 2 of layer 1 off for every task: zero weights, negative bias
      int last = model.hyperSpec().layers().size() - 1;
      NDArray w = p.get("hyper." + NetworkSpec.weightName(last));
      NDArray b = p.get("hyper." + NetworkSpec.biasName(last));
      for (int row : new int[] {1, 3, 5 + 2}) {
        w.set(new ai.djl.ndarray.index.NDIndex(row + ", :"), 0);
        b.set(new ai.djl.ndarray.index.NDIndex(String.valueOf(row)), -1.0);
      }
      double[][] grid = Truncation.grid(new double[] {0.1}, new double[] {1.0}, 6);
      assertThat(grid).hasDimensions(6, 1);
      NDArray z = m.create(new double[] {0.1, 0.28, 0.46, 0.64, 0.82, 1.0}, new Shape(6, 1));
      NDArray all = ai.djl.ndarray.NDArrays.concat(new NDList(model.coefficients(hyper, p, z)), 1);
      double[] flat = all.toDoubleArray();
      double[][] sc = new double[6][9];
      for (int i = 0; i < 6; i++) {
        System.arraycopy(flat, i * 9, sc[i], 0, 9);
      }
      int[][] kept = Truncation.keep(sc, model.ranks());
      assertThat(kept[0]).containsExactly(0, 2, 4);
      assertThat(kept[1]).containsExactly(0, 1, 3);
      Truncation.Truncated t = Truncation.truncate(model, p, kept, m);
      assertThat(t.model().ranks()).containsExactly(3, 3);
      NDArray x = m.create(new double[] {0.1, 0.2, 0.5, 0.5, 0.9, 0.7}, new Shape(3, 2));
      NDArray zt = m.create(new double[] {0.37}, new Shape(1));
      double[] before = net.forward(x, model.weights(p, model.coefficients(hyper, p, zt), null)).toDoubleArray();
      Network hyperT = s.context().network(t.model().hyperSpec());
      Network netT = s.context().network(t.model().spec());
      double[] after = netT.forward(x, t.model().weights(t.params(), t.model().coefficients(hyperT, t.params(), zt),
          null)).toDoubleArray();
      assertThat(after).containsExactly(before, offset(1e-13));
    }
  }

  @ParameterizedTest(name = "Fourier features of time: {0}")
  @ValueSource(booleans = {false, true})
  void theReducedNetworkReproducesTheFullOneAtTheSamplePoints(boolean timeFeatures) throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, timeFeatures ? "eim-features" : "eim", Map.of(), 0);
        NDManager m = s.context().manager().newSubManager()) {
      // width 64 and 2 x 20 snapshots: the bases (<= 40 vectors) are a real reduction of the 64-wide states
      EmbeddingSpec features = timeFeatures ? EmbeddingSpec.fourier(new TestHeat().domain(), true, 2, 3) : null;
      assertThat(features == null || features.outputDim() > 2).isTrue();
      LrnrModel model = new LrnrModel(List.of("x", "t"), List.of("u"), 64, new int[] {8, 8}, 16, 1, features);
      Network net = s.context().network(model.spec());
      Network hyper = s.context().network(model.hyperSpec());
      Params p = model.initialize(net, hyper, m, 11, new double[] {0.5}, new double[] {0.2}, DataType.FLOAT64);
      LrnrFastPhase.SamplePoints pts = LrnrFastPhase.SamplePoints.of(new TestHeat().domain(), 2, 2, 1e-4);
      assertThat(pts.centers()).hasNumberOfRows(4);
      assertThat(pts.all()).hasNumberOfRows(4 * 5);
      assertThat(pts.initial()).hasNumberOfRows(2);
      SplittableRandom rng = new SplittableRandom(2);
      List<double[][]> snaps = List.of(new double[2][8], new double[2][8]);
      for (double[][] layer : snaps) {
        for (double[] row : layer) {
          for (int k = 0; k < row.length; k++) {
            row[k] = 0.5 + rng.nextDouble();
          }
        }
      }
      try (Eim eim = Eim.build(model, p, snaps, pts.all(), 1e-10, 0, m.newSubManager(), DataType.FLOAT64)) {
        for (int k : eim.sizes()) {
          assertThat(k).isLessThan(64).isPositive();
        }
        List<double[]> s0 = List.of(snaps.get(0)[1], snaps.get(1)[1]);
        assertThat(LrnrFastPhase.checkError(model, p, eim, s0, pts.all())).isLessThan(1e-5);
        // the output of the reduced network (as an ordinary network) against the full network's
        Network reduced = s.context().network(eim.reducedSpec());
        NDArray x = m.create(flatten(pts.all()), new Shape(pts.all().length, 2));
        List<NDArray> sr = List.of(m.create(s0.get(0)), m.create(s0.get(1)));
        double[] full = net.forward(x, model.weights(p, sr, null)).toDoubleArray();
        double[] red = reduced.forward(x, eim.weights(sr)).toDoubleArray();
        double num = 0;
        double den = 0;
        for (int i = 0; i < full.length; i++) {
          num += (full[i] - red[i]) * (full[i] - red[i]);
          den += full[i] * full[i];
        }
        assertThat(Math.sqrt(num / den)).isLessThan(1e-5);
      }
    }
  }

  private static double[] flatten(double[][] a) {
    double[] f = new double[a.length * a[0].length];
    for (int i = 0; i < a.length; i++) {
      System.arraycopy(a[i], 0, f, i * a[0].length, a[0].length);
    }
    return f;
  }

  @Test
  void aWideLowRankLayerStaysFactoredAndComputesWhatItsMatrixComputes() throws Exception {
    assertThat(LrnrModel.factoredIsCheaper(4000, 100)).isTrue(); // FastLRNR's size
    assertThat(LrnrModel.factoredIsCheaper(50, 50)).isFalse(); // LR-PINN's
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "factored", Map.of(), 0);
        NDManager m = s.context().manager().newSubManager()) {
      LrnrModel model = new LrnrModel(List.of("x", "t"), List.of("u"), 512, new int[] {8, 8}, 16, 1, null);
      Network net = s.context().network(model.spec());
      Params p = model.initialize(net, s.context().network(model.hyperSpec()), m, 3, new double[] {0.5},
          new double[] {0.2}, DataType.FLOAT64);
      List<NDArray> coefficients = List.of(m.create(new double[] {1, .8, .6, .5, .4, .3, .2, .1}),
          m.create(new double[] {.9, .7, .5, .3, .2, .1, .05, .01}));
      var factored = model.weights(p, coefficients, null);
      assertThat(factored.layers().subList(1, 3)).allMatch(l -> l.isFactored());
      List<org.pinnadapt.api.nn.LayerWeights> composed = factored.layers().stream()
          .map(l -> new org.pinnadapt.api.nn.LayerWeights(l.matrix(), l.bias())).toList();
      NDArray x = m.create(new double[] {0.1, 0.2, 0.7, 0.9, 0.4, 0.5}, new Shape(3, 2));
      double[] a = net.forward(x, factored).toDoubleArray();
      double[] b = net.forward(x, new org.pinnadapt.api.nn.NetworkWeights(List.of(), composed)).toDoubleArray();
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).isCloseTo(b[i], offset(1e-12));
      }
    }
  }

  @Test
  void theLinearAlgebraIsRight() {
    double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    Linalg.Eigen e = Linalg.symmetricEigen(a);
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 3; i++) {
        double av = 0;
        for (int j = 0; j < 3; j++) {
          av += a[i][j] * e.vectors()[j][k];
        }
        assertThat(av).isCloseTo(e.values()[k] * e.vectors()[i][k], offset(1e-12));
      }
    }
    assertThat(e.values()[0]).isGreaterThanOrEqualTo(e.values()[1]);
    // a rank-3 matrix with 1000 rows: the randomized finder and the Gram route span the same space
    SplittableRandom rng = new SplittableRandom(1);
    double[][] left = new double[1000][3];
    double[][] right = new double[3][40];
    for (double[] r : left) {
      for (int j = 0; j < 3; j++) {
        r[j] = rng.nextDouble() - 0.5;
      }
    }
    for (double[] r : right) {
      for (int j = 0; j < 40; j++) {
        r[j] = rng.nextDouble() - 0.5;
      }
    }
    double[][] s = Linalg.multiply(left, right);
    Linalg.Svd svd = Linalg.leftSingular(s, 1e-8, 20, 3);
    assertThat(svd.u()[0]).hasSize(3);
    // projecting s on the basis reproduces it
    double[][] proj = Linalg.multiply(svd.u(), Linalg.multiply(Linalg.transpose(svd.u()), s));
    for (int i = 0; i < 1000; i += 97) {
      for (int j = 0; j < 40; j += 7) {
        assertThat(proj[i][j]).isCloseTo(s[i][j], offset(1e-10));
      }
    }
    int[] idx = Linalg.deim(svd.u());
    assertThat(idx).doesNotHaveDuplicates().hasSize(3);
    // a rank cap (eim-max-rank) keeps the leading directions only
    Linalg.Svd capped = Linalg.leftSingular(s, 1e-8, 2, 3);
    assertThat(capped.u()[0]).hasSize(2);
    assertThat(capped.singular()).containsExactly(new double[] {svd.singular()[0], svd.singular()[1]}, offset(1e-9));
    double[][] inv = Linalg.inverse(a);
    double[][] id = Linalg.multiply(a, inv);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(id[i][j]).isCloseTo(i == j ? 1 : 0, offset(1e-12));
      }
    }
  }

  /** The randomized finder's products in PyTorch (FastLRNR's width) give the host's basis: same values, orthonormal. */
  @Test
  void theRandomizedFinderGivesTheSameBasisWithDeviceProducts() throws Exception {
    SplittableRandom rng = new SplittableRandom(9);
    double[][] left = new double[1200][5];
    double[][] right = new double[5][60];
    for (double[][] f : List.of(left, right)) {
      for (double[] r : f) {
        for (int j = 0; j < r.length; j++) {
          r[j] = rng.nextDouble() - 0.5;
        }
      }
    }
    double[][] s = Linalg.multiply(left, right); // rank 5, tall enough for the randomized finder
    try (PinnAdapt pa = framework(); ExperimentSetup setup = setup(pa, "svd", Map.of(), 0);
        NDManager m = setup.context().manager().newSubManager()) {
      Linalg.Svd host = Linalg.leftSingular(s, 1e-8, 30, 4);
      Linalg.Svd device = Linalg.leftSingular(s, 1e-8, 30, 4, m);
      assertThat(device.singular()).hasSize(5).containsExactly(host.singular(), offset(1e-10));
      double[][] gram = Linalg.multiply(Linalg.transpose(device.u()), device.u());
      double[][] proj = Linalg.multiply(device.u(), Linalg.multiply(Linalg.transpose(device.u()), s));
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          assertThat(gram[i][j]).isCloseTo(i == j ? 1 : 0, offset(1e-12));
        }
      }
      for (int i = 0; i < s.length; i += 53) {
        for (int j = 0; j < s[0].length; j += 7) {
          assertThat(proj[i][j]).isCloseTo(s[i][j], offset(1e-10));
        }
      }
    }
  }

  @Test
  void metaLearningLowersTheLossAndTheFastPhaseTrainsOnlyTheCoefficients() throws Exception {
    Map<String, Object> opts = Map.of("width", 12, "rank", 6, "layers", 2, "hyper-width", 12, "meta-epochs", 60,
        "phase", "fast", "fast-epochs", 30, "eim-samples", 8, "sparsity-weight", 1e-3);
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "fast", opts, 40)) {
      LrnrStrategy strategy = (LrnrStrategy) s.strategy();
      strategy.prepare(s.context());
      var meta = strategy.metaTraining().history();
      assertThat(meta.get(meta.size() - 1).loss()).isLessThan(meta.get(0).loss());
      assertThat(strategy.eimError()).isLessThan(1e-3);
      Task task = s.pde().task(Map.of("kappa", 0.45));
      Params before = strategy.parameters().copy(s.context().manager());
      try (Solution sol = strategy.adapt(task, s.context())) {
        assertThat(sol.trainableParameters()).isEqualTo(strategy.model().totalRank());
        assertThat(sol.training().epochs()).isEqualTo(30);
        var h = sol.training().history();
        assertThat(h.get(h.size() - 1).loss()).isLessThan(h.get(0).loss());
        assertThat(h.get(0).terms()).containsKeys("residual", "ic", "locality");
        assertThat(sol.state().names()).allMatch(n -> n.startsWith("s"));
      }
      // the shared parameters are untouched by the fast phase
      for (String n : before.names()) {
        assertThat(strategy.parameters().get(n).toDoubleArray()).containsExactly(before.get(n).toDoubleArray());
      }
      List<String> layers = new ArrayList<>();
      for (int r : strategy.effectiveRanks()) {
        layers.add(String.valueOf(r));
      }
      assertThat(layers).hasSize(2);
    }
  }

  /**
   * The fast phase's check on the full network at held-out points, on a model meta-learned on the task itself (its
   * guess is good): the check keeps the best of the hypernetwork's coefficients and the checked ones; with a step so
   * large that the fast phase ruins the coefficients it gives back the hypernetwork's exactly, where the unchecked
   * fast phase returns the ruined ones.
   */
  @ParameterizedTest(name = "fast-lr {0}")
  @ValueSource(doubles = {3.0, 1e-3})
  void theFastPhaseKeepsTheBestCoefficientsOfItsFullNetworkCheck(double lr) throws Exception {
    for (int every : new int[] {10, 0}) {
      Map<String, Object> opts = new LinkedHashMap<>(Map.of("width", 12, "rank", 6, "layers", 2, "hyper-width", 12,
          "meta-epochs", 400, "phase", "fast", "fast-epochs", 30, "eim-samples", 8, "meta-tasks", "kappa=0.45"));
      opts.putAll(Map.of("fast-lr", lr, "fast-check-every", every, "fast-check-points", 64));
      try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "check" + every + "-" + lr, opts, 40);
          NDManager m = s.context().manager().newSubManager()) {
        LrnrStrategy strategy = (LrnrStrategy) s.strategy();
        strategy.prepare(s.context());
        Task task = s.pde().task(Map.of("kappa", 0.45));
        Network hyper = s.context().network(strategy.model().hyperSpec());
        NDArray z = m.create(task.embedding());
        List<NDArray> guess = strategy.model().coefficients(hyper, strategy.parameters(), z);
        LrnrFastPhase.Check check = LrnrFastPhase.Check.of(s.context(), task, strategy.model(),
            strategy.parameters(), s.context().network(strategy.model().spec()), 64, m);
        try (Solution sol = strategy.adapt(task, s.context())) {
          List<NDArray> kept = List.of(sol.state().get("s0"), sol.state().get("s1"));
          if (every > 0) { // the kept coefficients are the best of the guess and the checked ones
            double[] checks = sol.training().history().stream().mapToDouble(r -> r.validation())
                .filter(v -> !Double.isNaN(v)).toArray();
            assertThat(checks).hasSize(3);
            double best = Math.min(check.value(guess), Arrays.stream(checks).min().orElseThrow());
            assertThat(check.value(kept)).isCloseTo(best, offset(1e-12));
          } else {
            assertThat(sol.training().history()).allMatch(r -> Double.isNaN(r.validation()));
          }
          if (lr > 1) { // a ruinous step: the check gives back the hypernetwork's coefficients, exactly
            boolean same = kept.get(0).contentEquals(guess.get(0)) && kept.get(1).contentEquals(guess.get(1));
            assertThat(same).isEqualTo(every > 0);
            if (every == 0) {
              assertThat(check.value(kept)).isGreaterThan(check.value(guess));
            }
          }
        }
      }
    }
  }

  @Test
  void theCoefficientsPhaseTrainsOnlyTheCoefficientsThroughTheFullNetworkWithTheFastPhasesBudget() throws Exception {
    Map<String, Object> opts = Map.of("width", 12, "rank", 6, "layers", 2, "hyper-width", 12, "meta-epochs", 20,
        "phase", "coefficients", "fast-epochs", 12, "fast-lr", 2e-3);
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "coefficients", opts, 40)) {
      LrnrStrategy strategy = (LrnrStrategy) s.strategy();
      Task task = s.pde().task(Map.of("kappa", 0.45));
      try (Solution sol = strategy.adapt(task, s.context())) {
        assertThat(sol.state().names()).containsExactlyInAnyOrder("s0", "s1");
        assertThat(sol.trainableParameters()).isEqualTo(strategy.model().totalRank());
        assertThat(sol.training().epochs()).isEqualTo(12); // not the experiment's 40
        assertThat(sol.training().history()).allMatch(r -> r.lr() == 2e-3 && r.phase().equals("adam"));
        assertThat(sol.training().history().get(0).terms()).doesNotContainKey("locality"); // the full PINN loss
      }
    }
  }

  @Test
  void aCurriculumGrowsTheMetaLearningTasksStageByStage() throws Exception {
    Map<String, Object> opts = Map.of("width", 8, "rank", 4, "layers", 1, "hyper-width", 8, "meta-epochs", 31,
        "phase", "hyper", "curriculum", "kappa", "curriculum-stages", 3,
        "meta-tasks", "kappa=0.9;kappa=0.1;kappa=0.2;kappa=0.5;kappa=0.3");
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "curriculum", opts, 40)) {
      LrnrStrategy strategy = (LrnrStrategy) s.strategy();
      List<Task> tasks = new ArrayList<>();
      for (double k : new double[] {0.9, 0.1, 0.2, 0.5, 0.3}) {
        tasks.add(s.pde().task(Map.of("kappa", k)));
      }
      // limits 0.1 + 0.8 k / 3: 0.367, 0.633, 0.9
      List<List<Task>> stages = new LrnrMetaLearning(strategy.config()).curriculum(s.pde(), tasks);
      assertThat(stages).extracting(List::size).containsExactly(3, 4, 5);
      assertThat(stages.get(0)).extracting(t -> t.parameter("kappa")).containsExactly(0.1, 0.2, 0.3);
      // a stage that adds nothing is merged into the next
      assertThat(new LrnrMetaLearning(strategy.config()).curriculum(s.pde(), List.of(tasks.get(0), tasks.get(1)))).extracting(List::size)
          .containsExactly(1, 2);

      strategy.prepare(s.context());
      // 31 epochs in 3 stages: 10, 10, 11; the last stage is the reported training
      assertThat(strategy.metaTraining().epochs()).isEqualTo(11);
    }
    Map<String, Object> bad = Map.of("width", 8, "rank", 4, "layers", 1, "hyper-width", 8, "meta-epochs", 3,
        "phase", "hyper", "curriculum", "beta");
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "bad-curriculum", bad, 3)) {
      assertThatThrownBy(() -> s.strategy().prepare(s.context())).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'beta'").hasMessageContaining("kappa");
    }
  }
}
