package org.pinnadapt.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
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
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.EpochReport;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.core.TestPdes;
import org.pinnadapt.core.loss.PhysicsLossImpl;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;
import org.pinnadapt.core.sampling.SamplingMethod;
import org.pinnadapt.core.testkit.TestHeat;

/** A small heat-equation PINN: weight gradients, L-BFGS after Adam, and memory over many steps. */
class PinnTrainingTest {

  static DjlRuntime runtime;
  static final TestHeat PDE = TestPdes.heat();

  @BeforeAll
  static void start() {
    runtime = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 2));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  static NetworkSpec spec() {
    return new MlpArchitecture(12, 2, Activation.TANH, false, 1).build(PDE.domain(), PDE.fields());
  }

  static PhysicsLossImpl loss(NDManager m, FunctionalNetwork net, int points) {
    return new PhysicsLossImpl(PDE, net, List.of(PDE.referenceTask()), false, new PointCounts(points, 16, 16),
        SamplingMethod.SOBOL, 9, m, DataType.FLOAT64);
  }

  @Test
  void weightGradientsOfAJetLossMatchFiniteDifferences() {
    try (NDManager m = runtime.manager().newSubManager()) {
      NetworkSpec spec = spec();
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      try (PhysicsLossImpl loss = loss(m, net, 40)) {
        Params p = net.initialize(m, 5).requireGradients();
        PhysicsTrainingProblem problem = new PhysicsTrainingProblem(p, q -> NetworkWeights.plain(spec, q), loss);
        try (NDScope scope = new NDScope()) {
          try (Autograd.Recording r = Autograd.record()) {
            Autograd.backward(problem.loss(Batch.full(0)).total(Map.of()));
          }
        }
        double h = 1e-6;
        for (String name : p.names()) {
          NDArray w = p.get(name);
          double[] grad = w.getGradient().toDoubleArray();
          double[] values = w.toDoubleArray();
          for (int i : new int[] {0, values.length / 2, values.length - 1}) {
            double fd = (lossWith(problem, w, values, i, h) - lossWith(problem, w, values, i, -h)) / (2 * h);
            w.set(values);
            double scale = Math.max(Math.abs(fd), 1e-4);
            assertThat(Math.abs(grad[i] - fd) / scale).as("%s[%d]: %s vs %s", name, i, grad[i], fd).isLessThan(1e-5);
          }
        }
      }
    }
  }

  private static double lossWith(PhysicsTrainingProblem problem, NDArray w, double[] values, int i, double h) {
    double[] v = values.clone();
    v[i] += h;
    w.set(v);
    try (NDScope scope = new NDScope()) {
      return Autograd.value(problem.loss(Batch.full(0)).total(Map.of()));
    }
  }

  @Test
  void lbfgsAfterAdamBeatsAdamAloneForTheSameNumberOfGradientEvaluations() {
    try (NDManager m = runtime.manager().newSubManager()) {
      NetworkSpec spec = spec();
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      try (PhysicsLossImpl loss = loss(m, net, 200)) {
        int adamEpochs = 300;
        TrainerConfig cfg = TrainerConfig.builder().optEpochs(adamEpochs).optSchedule(LrSchedule.constant(5e-3))
            .optLbfgsIterations(60).optValidateEvery(0).optRestoreBest(false).build();
        Params chained = net.initialize(m, 3);
        int[] evaluations = {0};
        PhysicsTrainingProblem counting = new PhysicsTrainingProblem(chained, q -> NetworkWeights.plain(spec, q), loss);
        TrainingResult chain = new ChainTrainer(new AdamTrainer(0.9, 0.999, 1e-8), new LbfgsTrainer())
            .train(new CountingProblem(counting, evaluations), cfg, "chain", TrainingListener.NONE);
        Params alone = net.initialize(m, 3);
        TrainerConfig adamOnly = cfg.toBuilder().optEpochs(evaluations[0]).build();
        TrainingResult adam = new AdamTrainer(0.9, 0.999, 1e-8).train(
            new PhysicsTrainingProblem(alone, q -> NetworkWeights.plain(spec, q), loss), adamOnly, "adam",
            TrainingListener.NONE);
        assertThat(evaluations[0]).isGreaterThan(adamEpochs);
        assertThat(chain.finalLoss()).as("adam+lbfgs %s vs adam %s with %d evaluations", chain.finalLoss(),
            adam.finalLoss(), evaluations[0]).isLessThan(adam.finalLoss() / 2);
      }
    }
  }

  /** Counts loss evaluations (one gradient each). */
  private record CountingProblem(PhysicsTrainingProblem inner, int[] count)
      implements org.pinnadapt.api.train.TrainingProblem {
    @Override
    public Params parameters() {
      return inner.parameters();
    }

    @Override
    public org.pinnadapt.api.train.LossTerms loss(Batch batch) {
      count[0]++;
      return inner.loss(batch);
    }
  }

  @Test
  void fiveHundredStepsLeaveNoLiveArraysBehind() {
    try (NDManager m = runtime.manager().newSubManager()) {
      NetworkSpec spec = spec();
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      try (PhysicsLossImpl loss = loss(m, net, 100)) {
        Params p = net.initialize(m, 1);
        PhysicsTrainingProblem problem = new PhysicsTrainingProblem(p, q -> NetworkWeights.plain(spec, q), loss);
        int[] live = new int[3];
        TrainingListener l = new TrainingListener() {
          @Override
          public void epoch(EpochReport r) {
            int n = runtime.manager().getManagedArrays().size();
            if (r.row().epoch() == 30) { // after the first validation created the best-weights snapshot
              live[0] = n;
            } else if (r.row().epoch() == 499) {
              live[1] = n;
            }
            if (r.row().epoch() >= 30) {
              live[2] = Math.max(live[2], n);
            }
          }
        };
        new AdamTrainer(0.9, 0.999, 1e-8).train(problem, TrainerConfig.builder().optEpochs(500)
            .optValidateEvery(25).optPatience(0).build(), "memory", l);
        assertThat(live[1]).as("live arrays after 500 steps").isEqualTo(live[0]);
        assertThat(live[2]).as("most live arrays at any epoch end").isLessThanOrEqualTo(live[0] + 2);
      }
    }
  }
}
