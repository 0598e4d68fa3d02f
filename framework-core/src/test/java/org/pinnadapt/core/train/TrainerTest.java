package org.pinnadapt.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.Checkpointer;
import org.pinnadapt.api.train.EpochReport;
import org.pinnadapt.api.train.HistoryRow;
import org.pinnadapt.api.train.LossTerms;
import org.pinnadapt.api.train.LrSchedule;
import org.pinnadapt.api.train.StopReason;
import org.pinnadapt.api.train.TrainerConfig;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.api.train.TrainingProblem;
import org.pinnadapt.api.train.TrainingResult;
import org.pinnadapt.api.train.TrainingState;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

class TrainerTest {

  static DjlRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  /** f(x) = sum 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, minimum at x = 1. */
  static final class Rosenbrock implements TrainingProblem {
    final Params params = new Params();

    Rosenbrock(NDManager m, double[] x0) {
      params.put("x", m.create(x0));
      params.requireGradients();
    }

    @Override
    public Params parameters() {
      return params;
    }

    @Override
    public LossTerms loss(Batch batch) {
      NDArray x = params.get("x");
      long n = x.size();
      NDArray head = x.get(new NDIndex("0:{}", n - 1));
      NDArray tail = x.get(new NDIndex("1:"));
      NDArray a = tail.sub(head.square());
      NDArray b = head.neg().add(1);
      return new LossTerms().add("rosenbrock", a.square().mul(100).add(b.square()).sum());
    }
  }

  @Test
  void lbfgsFindsTheRosenbrockMinimumIn2And10Dimensions() {
    for (double[] x0 : new double[][] {{-1.2, 1.0}, {-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1}}) {
      try (NDManager m = runtime.manager().newSubManager()) {
        Rosenbrock problem = new Rosenbrock(m, x0);
        TrainerConfig config = TrainerConfig.builder().optLbfgsIterations(1000).optLbfgsTolerance(1e-10)
            .optLbfgsToleranceChange(1e-16).optRestoreBest(false).build();
        TrainingResult r = new LbfgsTrainer().train(problem, config, "rosenbrock", TrainingListener.NONE);
        double[] x = problem.parameters().get("x").toDoubleArray();
        for (double v : x) {
          assertThat(v).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(r.reason()).isEqualTo(StopReason.CONVERGED);
      }
    }
  }

  @Test
  void adamMinimizesAQuadratic() {
    try (NDManager m = runtime.manager().newSubManager()) {
      Params p = new Params().put("w", m.create(new double[] {3, -2, 5})).requireGradients();
      TrainingProblem q = new TrainingProblem() {
        @Override
        public Params parameters() {
          return p;
        }

        @Override
        public LossTerms loss(Batch batch) {
          return new LossTerms().add("q", p.get("w").sub(m.create(new double[] {1, 2, 3})).square().sum());
        }
      };
      TrainerConfig config = TrainerConfig.builder().optEpochs(3000)
          .optSchedule(new LrSchedule(0.05, 1000, 0.1, 1000, 1e-6)).build();
      TrainingResult r = new AdamTrainer(0.9, 0.999, 1e-8).train(q, config, "q", TrainingListener.NONE);
      assertThat(p.get("w").toDoubleArray()).containsExactly(new double[] {1, 2, 3}, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(r.history()).hasSize(3000);
      assertThat(r.history().get(1500).lr()).isEqualTo(0.005, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void theEtaRespectsTheTimeLimit() {
    try (NDManager m = runtime.manager().newSubManager()) {
      Rosenbrock problem = new Rosenbrock(m, new double[] {-1.2, 1.0});
      List<Double> etas = new ArrayList<>();
      List<Double> remaining = new ArrayList<>();
      TrainingListener listener = new TrainingListener() {
        @Override
        public void epoch(EpochReport r) {
          etas.add(r.etaSeconds());
          remaining.add(0.3 - r.row().seconds());
        }
      };
      TrainerConfig config = TrainerConfig.builder().optEpochs(10_000_000).optTimeLimitSeconds(0.3).build();
      TrainingResult r = new AdamTrainer(0.9, 0.999, 1e-8).train(problem, config, "eta", listener);
      assertThat(r.reason()).isEqualTo(StopReason.TIME_LIMIT);
      for (int i = 0; i < etas.size(); i++) { // epochs alone would predict hours
        assertThat(etas.get(i)).isLessThanOrEqualTo(Math.max(0, remaining.get(i)) + 1e-9);
      }
    }
  }

  @Test
  void aDivergenceBeforeAnyFiniteLossKeepsTheInitialWeights() {
    try (NDManager m = runtime.manager().newSubManager()) {
      Params p = new Params().put("w", m.create(new double[] {2.0})).requireGradients();
      TrainingProblem nan = new TrainingProblem() {
        @Override
        public Params parameters() {
          return p;
        }

        @Override
        public LossTerms loss(Batch batch) {
          return new LossTerms().add("l", p.get("w").sub(3).log().sum()); // log of a negative number
        }
      };
      TrainingResult r = new AdamTrainer(0.9, 0.999, 1e-8).train(nan, TrainerConfig.builder().optEpochs(10).build(),
          "nan", TrainingListener.NONE);
      assertThat(r.reason()).isEqualTo(StopReason.DIVERGED);
      assertThat(r.bestEpoch()).isEqualTo(-1);
      assertThat(p.get("w").toDoubleArray()).containsExactly(2.0);
    }
  }

  @Test
  void aNanLossStopsTrainingAndKeepsTheBestWeights() {
    try (NDManager m = runtime.manager().newSubManager()) {
      Params p = new Params().put("w", m.create(new double[] {2.0})).requireGradients();
      TrainingProblem exploding = new TrainingProblem() {
        @Override
        public Params parameters() {
          return p;
        }

        @Override
        public LossTerms loss(Batch batch) {
          NDArray w = p.get("w");
          // finite for the first 5 epochs, then log of a negative number
          double shift = batch.epoch() < 5 ? 0 : -100;
          return new LossTerms().add("l", w.square().add(shift).add(1).log().sum());
        }
      };
      TrainerConfig config = TrainerConfig.builder().optEpochs(50).optSchedule(LrSchedule.constant(0.1))
          .optRestoreBest(false).build();
      TrainingResult r = new AdamTrainer(0.9, 0.999, 1e-8).train(exploding, config, "nan", TrainingListener.NONE);
      assertThat(r.reason()).isEqualTo(StopReason.DIVERGED);
      assertThat(r.history()).hasSize(5);
      double kept = p.get("w").toDoubleArray()[0];
      assertThat(Double.isFinite(kept)).isTrue();
      // the best weights are those before the last finite update
      assertThat(kept).isLessThan(2.0);
    }
  }

  @Test
  void anLbfgsLineSearchWithoutDecreaseStopsAsConvergedNotDiverged() {
    try (NDManager m = runtime.manager().newSubManager()) {
      Params p = new Params().put("w", m.create(new double[] {2.0})).requireGradients();
      TrainingProblem flat = new TrainingProblem() {
        @Override
        public Params parameters() {
          return p;
        }

        @Override
        public LossTerms loss(Batch batch) {
          // the value is 1 everywhere but the gradient says 1: no step can decrease it (what float
          // round-off does near a minimum)
          NDArray w = p.get("w");
          return new LossTerms().add("l", w.sub(w.stopGradient()).add(1).sum());
        }
      };
      TrainerConfig config = TrainerConfig.builder().optLbfgsIterations(50).build();
      TrainingResult r = new LbfgsTrainer().train(flat, config, "flat", TrainingListener.NONE);
      assertThat(r.reason()).isEqualTo(StopReason.CONVERGED);
      assertThat(r.finalLoss()).isEqualTo(1.0);
      assertThat(p.get("w").toDoubleArray()).containsExactly(2.0);
    }
  }

  /** An in-memory checkpointer that keeps deep copies. */
  static final class MemoryCheckpointer implements Checkpointer {
    final NDManager manager;
    TrainingState saved;
    final int every;

    MemoryCheckpointer(NDManager manager, int every) {
      this.manager = manager;
      this.every = every;
    }

    @Override
    public void save(TrainingState state) {
      saved = new TrainingState(state.phase(), state.epoch(), state.parameters().copy(manager),
          state.optimizer().copy(manager), state.scalars(), state.best().copy(manager), state.history());
    }

    @Override
    public Optional<TrainingState> load() {
      return Optional.ofNullable(saved);
    }

    @Override
    public int every() {
      return every;
    }
  }

  @Test
  void resumingFromACheckpointRepeatsTheTrajectory() {
    try (NDManager m = runtime.manager().newSubManager()) {
      double[] x0 = {-1.2, 1.0, 0.5};
      TrainerConfig base = TrainerConfig.builder().optEpochs(60).optSchedule(new LrSchedule(1e-2, 20, 0.5, 10, 1e-5))
          .optRestoreBest(false).build();
      List<HistoryRow> full = new AdamTrainer(0.9, 0.999, 1e-8)
          .train(new Rosenbrock(m, x0), base, "full", TrainingListener.NONE).history();

      MemoryCheckpointer cp = new MemoryCheckpointer(m, 10);
      Rosenbrock interrupted = new Rosenbrock(m, x0);
      TrainerConfig first = base.toBuilder().optEpochs(35).optCheckpointer(cp).build();
      new AdamTrainer(0.9, 0.999, 1e-8).train(interrupted, first, "part", TrainingListener.NONE);
      assertThat(cp.saved.epoch()).isEqualTo(30);

      Rosenbrock resumed = new Rosenbrock(m, new double[] {9, 9, 9}); // state comes from the checkpoint
      TrainerConfig second = base.toBuilder().optCheckpointer(cp).build();
      List<HistoryRow> rest = new AdamTrainer(0.9, 0.999, 1e-8)
          .train(resumed, second, "resumed", TrainingListener.NONE).history();
      assertThat(rest).hasSize(60);
      for (int e = 0; e < 60; e++) {
        double a = full.get(e).loss();
        double b = rest.get(e).loss();
        assertThat(Math.abs(a - b) / Math.abs(a)).as("epoch %d", e).isLessThan(1e-5);
      }
    }
  }

  @Test
  void listenersSeeEveryEpochWithAnEta() {
    try (NDManager m = runtime.manager().newSubManager()) {
      List<Double> etas = new ArrayList<>();
      TrainingListener l = new TrainingListener() {
        @Override
        public void epoch(org.pinnadapt.api.train.EpochReport report) {
          etas.add(report.etaSeconds());
        }
      };
      new AdamTrainer(0.9, 0.999, 1e-8).train(new Rosenbrock(m, new double[] {0, 0}),
          TrainerConfig.builder().optEpochs(20).build(), "eta", l);
      assertThat(etas).hasSize(20);
      assertThat(etas.get(19)).isZero();
      assertThat(etas.get(0)).isGreaterThanOrEqualTo(0);
    }
  }
}
