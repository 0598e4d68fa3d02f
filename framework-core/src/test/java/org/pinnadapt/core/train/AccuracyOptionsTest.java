package org.pinnadapt.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.TestPdes;
import org.pinnadapt.core.loss.CausalWeighting;
import org.pinnadapt.core.loss.LossSettings;
import org.pinnadapt.core.loss.Metrics;
import org.pinnadapt.core.loss.PhysicsLossImpl;
import org.pinnadapt.core.loss.Refinement;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;
import org.pinnadapt.core.sampling.PointSampler;
import org.pinnadapt.core.sampling.PointSampling;
import org.pinnadapt.core.sampling.SamplingMethod;
import org.pinnadapt.core.testkit.TestHeat;

/** Loss-weight annealing, residual-based refinement and the error monitor on small problems. */
class AccuracyOptionsTest {

  static DjlRuntime runtime;
  static final TestHeat PDE = TestPdes.heat();

  @BeforeAll
  static void start() {
    runtime = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  /** residual = sum r_i theta_i^2, bc = sum b_i theta_i^2: gradients 2 r theta and 2 b theta. */
  record Quadratic(Params params, double[] r, double[] b) implements TrainingProblem {
    @Override
    public Params parameters() {
      return params;
    }

    @Override
    public LossTerms loss(Batch batch) {
      NDArray t = params.get("theta");
      NDManager m = t.getManager();
      return new LossTerms().add("residual", t.mul(t).mul(m.create(r)).sum())
          .add("bc", t.mul(t).mul(m.create(b)).sum());
    }
  }

  @Test
  void annealingBalancesTheTermsAsWangEtAlPrescribe() {
    try (NDManager m = runtime.manager().newSubManager()) {
      Params p = new Params().put("theta", m.create(new double[] {1, 2, -3})).requireGradients();
      Quadratic q = new Quadratic(p, new double[] {1, 4, 9}, new double[] {0.01, 0.01, 0.01});
      TrainerConfig config = TrainerConfig.builder().optLossAnnealing(10, 0.1).optLossWeight("bc", 2).build();
      LossAnnealing a = new LossAnnealing(config);
      assertThat(a.due(1)).isTrue();
      assertThat(a.due(2)).isFalse();
      assertThat(a.due(11)).isTrue();
      a.update(q, Batch.full(0));
      // max |grad residual| = max |2 (1, 16, 27) * sign| = 54; mean |grad bc| = 0.02 * mean(1, 2, 3) = 0.04
      assertThat(a.weights().get("bc")).isCloseTo(0.9 * 2 + 0.1 * 54 / 0.04, within(1e-9));
      assertThat(a.weights()).doesNotContainKey("residual");
      assertThat(p.get("theta").getGradient().abs().sum().getDouble()).isZero();
      // restored from checkpoint scalars exactly
      LossAnnealing b = new LossAnnealing(config);
      b.restore(a.scalars());
      assertThat(b.weights()).isEqualTo(a.weights());
    }
  }

  /** Mean squared residual of the heat PDE at the given points. */
  static double meanSquaredResidual(FunctionalNetwork net, NetworkWeights w, NDArray x, PhysicsLossImpl loss) {
    try (NDScope scope = new NDScope()) {
      NDList res = PDE.residual(net.jets(x, w, PDE.partials(), loss.parameters()));
      return res.get(0).square().mean().getDouble();
    }
  }

  @Test
  void refinementAddsPointsWhereTheResidualIsLarge() {
    try (NDManager m = runtime.manager().newSubManager()) {
      NetworkSpec spec = new MlpArchitecture(16, 2, Activation.TANH, false, 1).build(PDE.domain(), PDE.fields());
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      NetworkWeights w = NetworkWeights.plain(spec, net.initialize(m, 4));
      double[][] settings = {{2, 0}, {8, 0}, {2, 1e9}}; // k, c; c huge: uniform sampling, no bias
      double[] ratio = new double[settings.length];
      for (int run = 0; run < settings.length; run++) {
        try (PhysicsLossImpl loss = new PhysicsLossImpl(PDE, net, List.of(PDE.referenceTask()), false,
            new PointCounts(100, 8, 8), SamplingMethod.UNIFORM, 3, m, DataType.FLOAT64)
            .refinement(new Refinement(10, 200, 4000, settings[run][0], settings[run][1]))) {
          loss.refine(() -> w, 5); // not due
          assertThat(loss.collocation().getShape().get(0)).isEqualTo(100);
          loss.refine(() -> w, 10);
          NDArray all = loss.collocation();
          assertThat(all.getShape().get(0)).isEqualTo(300);
          NDArray added = all.get("100:");
          PointSet uniform = new PointSampler(SamplingMethod.UNIFORM, 77).interior(PDE.domain(), 4000);
          NDArray reference = m.create(uniform.toArray(), new Shape(uniform.size(), uniform.dim()));
          ratio[run] = meanSquaredResidual(net, w, added, loss) / meanSquaredResidual(net, w, reference, loss);
        }
      }
      assertThat(ratio[0]).as("RAR-D picks high-residual points").isGreaterThan(1.1);
      assertThat(ratio[1]).as("a sharper density picks higher residuals").isGreaterThan(ratio[0]);
      assertThat(ratio[2]).as("c >> 1 samples uniformly").isBetween(0.8, 1.25);
    }
  }

  @Test
  void perFieldConditionsCountOneUnitTermPerField() {
    TestPdes.Heat2 pde = new TestPdes.Heat2();
    try (NDManager m = runtime.manager().newSubManager()) {
      NetworkSpec spec = new MlpArchitecture(8, 1, Activation.TANH, false, 1).build(pde.domain(), pde.fields());
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      NetworkWeights w = NetworkWeights.plain(spec, net.initialize(m, 1));
      double[] bc = new double[2];
      for (int i = 0; i < 2; i++) {
        LossSettings s = new LossSettings(PointSampling.of(SamplingMethod.UNIFORM), i == 0, CausalWeighting.NONE,
            Refinement.NONE, null);
        try (PhysicsLossImpl loss = new PhysicsLossImpl(pde, net, List.of(pde.referenceTask()), false,
            new PointCounts(16, 8, 8), s, 3, m, DataType.FLOAT64); NDScope scope = new NDScope()) {
          bc[i] = loss.loss(w, Batch.full(0)).values().get("ic");
        }
      }
      assertThat(bc[0]).isCloseTo(2 * bc[1], within(1e-12)); // two fields: the sum of two means
    }
  }

  @Test
  void theMonitorRecordsTheErrorAgainstTheReferenceOutsideTheTrainingTime() {
    try (NDManager m = runtime.manager().newSubManager()) {
      NetworkSpec spec = new MlpArchitecture(12, 2, Activation.TANH, false, 1).build(PDE.domain(), PDE.fields());
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      PointSet grid = new PointSampler(SamplingMethod.GRID, 0).interior(PDE.domain(), 400);
      try (PhysicsLossImpl loss = new PhysicsLossImpl(PDE, net, List.of(PDE.referenceTask()), false,
          new PointCounts(64, 16, 16), SamplingMethod.SOBOL, 9, m, DataType.FLOAT64).monitor(grid)) {
        Params p = net.initialize(m, 2);
        PhysicsTrainingProblem problem = new PhysicsTrainingProblem(p, q -> NetworkWeights.plain(spec, q), loss);
        double[][] predicted;
        try (NDScope scope = new NDScope()) {
          NDArray out = net.forward(m.create(grid.toArray(), new Shape(grid.size(), 2)), NetworkWeights.plain(spec, p));
          double[] flat = out.toDoubleArray();
          predicted = new double[grid.size()][1];
          for (int i = 0; i < flat.length; i++) {
            predicted[i][0] = flat[i];
          }
        }
        double expected = Metrics.compare(PDE.fields(), predicted, PDE.reference(PDE.referenceTask()).evaluate(grid))
            .relL2();
        assertThat(problem.error()).isCloseTo(expected, within(1e-12));
        TrainerConfig config = TrainerConfig.builder().optEpochs(23).optSchedule(LrSchedule.constant(5e-3))
            .optMonitorEvery(5).optValidateEvery(0).build();
        TrainingResult r = new AdamTrainer(0.9, 0.999, 1e-8).train(problem, config, "pinn", TrainingListener.NONE);
        List<HistoryRow> h = r.history();
        for (HistoryRow row : h) {
          boolean due = row.epoch() % 5 == 0 || row.epoch() == 22;
          assertThat(Double.isNaN(row.error())).as("epoch %d", row.epoch()).isEqualTo(!due);
        }
        assertThat(h.get(22).error()).isLessThan(h.get(0).error());
      }
    }
  }
}
