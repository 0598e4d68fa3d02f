package org.pinnadapt.strategy.hyper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.PhysicsLoss;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.testkit.TestHeat;
import org.pinnadapt.core.train.Autograd;
import org.pinnadapt.strategy.lora.LoraProvider;

class HyperStrategyTest {

  @TempDir Path work;

  private PinnAdapt framework() {
    return PinnAdapt.builder().optBootDiscovery(false).addPde(new TestHeat()).addStrategy(new HyperProvider())
        .addStrategy(new LoraProvider()).optDevice("cpu").optDataType(DataType.FLOAT64).optThreads(1).build();
  }

  private ExperimentSetup setup(PinnAdapt pa, String name, Map<String, Object> strategyOptions, int epochs)
      throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", "tck-heat");
    m.put("strategy", "hyper");
    m.put("strategy-options", strategyOptions);
    m.put("architecture-options", Map.of("width", 8, "depth", 2));
    m.put("epochs", epochs);
    m.put("trainer", "adam");
    m.put("base-epochs", 30);
    m.put("precision", "float64");
    m.put("checkpoint-every", 0);
    m.put("lr", 3e-3);
    m.put("out", work.resolve(name).toString());
    Files.createDirectories(work.resolve(name));
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(m, "test"), work.resolve(name), TrainingListener.NONE,
        s -> { });
  }

  private static HyperConfig config(Map<String, Object> o) {
    return HyperConfig.of(Options.parse(HyperConfig.OPTIONS, o, "hyper"));
  }

  @Test
  void predictedFactorsGiveTheSameNetworkAsApplyingThemByHand() throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "byhand", Map.of("hidden", "16,16"), 0)) {
      var ctx = s.context();
      NetworkSpec spec = ctx.networkSpec();
      Params base = ctx.baseModel().params();
      HyperConfig cfg = config(Map.of("hidden", "16,16", "rank", 3));
      Hypernetwork h = new Hypernetwork(spec, cfg, 1);
      Network hn = ctx.network(h.spec());
      try (NDManager m = ctx.manager().newSubManager()) {
        Params hp = h.initialize(hn, m, 5, base, new double[] {0.5}, new double[] {0.2});
        // make the prediction non-trivial (B != 0)
        NDArray lastBias = hp.get(NetworkSpec.biasName(h.spec().layers().size() - 1));
        lastBias.addi(Scalars.of(lastBias, 0.05));
        NDArray emb = m.create(new double[] {0.37});
        Params predicted = h.unpack(h.predict(hn, hp, emb));
        Network net = ctx.network(spec);
        NDArray x = m.randomUniform(0, 1, new Shape(20, 2), DataType.FLOAT64);
        double[] viaHyper = net.forward(x, h.compose(base, predicted)).toDoubleArray();
        Params byHand = new Params();
        for (int i = 0; i < spec.layers().size(); i++) {
          NDArray b = predicted.get("layer" + i + ".B");
          NDArray a = predicted.get("layer" + i + ".A");
          byHand.put(NetworkSpec.weightName(i), base.get(NetworkSpec.weightName(i)).add(b.matMul(a)));
          byHand.put(NetworkSpec.biasName(i), base.get(NetworkSpec.biasName(i)));
        }
        double[] manual = net.forward(x, NetworkWeights.plain(spec, byHand)).toDoubleArray();
        assertThat(viaHyper).containsExactly(manual, org.assertj.core.data.Offset.offset(1e-14));
        assertThat(h.predictedCount()).isEqualTo(3L * ((2 + 8) + (8 + 8) + (8 + 1)));
      }
    }
  }

  @Test
  void gradientsFlowToTheHypernetworkOnly() throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "grads", Map.of("hidden", "16"), 0)) {
      var ctx = s.context();
      NetworkSpec spec = ctx.networkSpec();
      Params base = ctx.baseModel().params();
      Hypernetwork h = new Hypernetwork(spec, config(Map.of("hidden", "16")), 1);
      Network hn = ctx.network(h.spec());
      try (NDManager m = ctx.manager().newSubManager()) {
        Params hp = h.initialize(hn, m, 5, base, new double[] {0.5}, new double[] {0.2});
        Params trainable = new Params();
        hp.asMap().forEach((k, v) -> {
          if (!k.startsWith("norm.")) {
            trainable.put(k, v);
          }
        });
        trainable.requireGradients();
        List<Task> tasks = List.of(s.pde().task(Map.of("kappa", 0.4)), s.pde().task(Map.of("kappa", 0.8)));
        try (PhysicsLoss loss = ctx.physicsLoss(tasks)) {
          NDArray emb = m.create(new double[] {0.4, 0.8}, new Shape(2, 1));
          try (Autograd.Recording r = Autograd.record()) {
            Autograd.backward(loss.loss(h.compose(base, h.unpack(h.predict(hn, hp, emb))), Batch.full(0))
                .total(Map.of()));
          }
          for (String name : trainable.names()) {
            assertThat(trainable.get(name).hasGradient()).as(name).isTrue();
          }
          assertThat(trainable.get(NetworkSpec.weightName(1)).getGradient().abs().sum().getDouble()).isPositive();
          for (String name : base.names()) {
            assertThat(base.get(name).hasGradient()).as("base " + name).isFalse();
          }
          assertThat(hp.get(Hypernetwork.MEAN).hasGradient()).isFalse();
        }
      }
    }
  }

  @Test
  void theBatchedStepEqualsThePerTaskLoop() throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "batched", Map.of("hidden", "16"), 0)) {
      var ctx = s.context();
      NetworkSpec spec = ctx.networkSpec();
      Params base = ctx.baseModel().params();
      Hypernetwork h = new Hypernetwork(spec, config(Map.of("hidden", "16")), 1);
      Network hn = ctx.network(h.spec());
      List<Task> tasks = new ArrayList<>(List.of(s.pde().task(Map.of("kappa", 0.2)), s.pde().task(Map.of("kappa", 0.5)),
          s.pde().task(Map.of("kappa", 0.9))));
      try (NDManager m = ctx.manager().newSubManager()) {
        Params hp = h.initialize(hn, m, 5, base, new double[] {0.5}, new double[] {0.3});
        NDArray lastBias = hp.get(NetworkSpec.biasName(h.spec().layers().size() - 1));
        lastBias.addi(Scalars.of(lastBias, 0.05));
        Params trainable = new Params().put("w0", hp.get(NetworkSpec.weightName(0))).requireGradients();
        double batched;
        double[] batchedGrad;
        try (PhysicsLoss loss = ctx.physicsLoss(tasks)) {
          NDArray emb = m.create(new double[] {0.2, 0.5, 0.9}, new Shape(3, 1));
          NDArray total;
          try (Autograd.Recording r = Autograd.record()) {
            total = loss.loss(h.compose(base, h.unpack(h.predict(hn, hp, emb))), Batch.full(0)).total(Map.of());
            Autograd.backward(total);
          }
          batched = total.getDouble();
          batchedGrad = trainable.get("w0").getGradient().toDoubleArray();
          Autograd.zeroGradients(trainable);
        }
        double loop = 0;
        double[] loopGrad = new double[batchedGrad.length];
        for (Task t : tasks) {
          try (PhysicsLoss loss = ctx.physicsLoss(List.of(t))) {
            NDArray emb = m.create(new double[] {t.parameter("kappa")}, new Shape(1, 1));
            NDArray total;
            try (Autograd.Recording r = Autograd.record()) {
              total = loss.loss(h.compose(base, h.unpack(h.predict(hn, hp, emb))), Batch.full(0)).total(Map.of());
              Autograd.backward(total);
            }
            loop += total.getDouble() / tasks.size();
            double[] g = trainable.get("w0").getGradient().toDoubleArray();
            for (int i = 0; i < g.length; i++) {
              loopGrad[i] += g[i] / tasks.size();
            }
            Autograd.zeroGradients(trainable);
          }
        }
        assertThat(batched).isCloseTo(loop, org.assertj.core.data.Offset.offset(1e-6 * Math.abs(loop)));
        for (int i = 0; i < loopGrad.length; i++) {
          assertThat(batchedGrad[i]).isCloseTo(loopGrad[i], org.assertj.core.data.Offset.offset(1e-6));
        }
      }
    }
  }

  @Test
  void weightRegressionReproducesItsTargets() throws Exception {
    Map<String, Object> o = Map.of("hidden", "32,32", "loss", "weights", "rank", 1, "train-tasks", 2,
        "activation", "tanh", "output-scale", 0.1);
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "weights", o, 1500)) {
      var ctx = s.context();
      HyperStrategy hyper = (HyperStrategy) s.strategy();
      hyper.prepare(ctx);
      for (Task t : ctx.taskSplit().train().subList(0, 2)) {
        try (Solution target = ctx.solveWith("lora", Map.of("rank", 1), t); Solution predicted = hyper.adapt(t, ctx)) {
          for (String name : target.state().names()) {
            double[] want = target.state().get(name).toDoubleArray();
            double[] got = predicted.state().get(name).toDoubleArray();
            double scale = 0;
            double err = 0;
            for (int i = 0; i < want.length; i++) {
              scale = Math.max(scale, Math.abs(want[i]));
              err = Math.max(err, Math.abs(want[i] - got[i]));
            }
            assertThat(err).as("%s of %s (scale %s)", name, t, scale).isLessThan(0.02 * Math.max(scale, 1e-3));
          }
        }
      }
    }
  }

  @Test
  void aWrongEmbeddingIsRejectedAndAnOutOfRangeOneWarns() throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "range", Map.of("hidden", "8", "train-tasks", 2), 5)) {
      var ctx = s.context();
      HyperStrategy hyper = (HyperStrategy) s.strategy();
      hyper.prepare(ctx);
      assertThatThrownBy(() -> hyper.adapt(new Task("bad", Map.of("kappa", 0.5), new double[] {0.5, 0.1}), ctx))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 values");
      List<String> messages = new ArrayList<>();
      var env = ctx.environment();
      var warnCtx = new org.pinnadapt.core.experiment.StrategyContextImpl(env.withInfo(messages::add), "hyper",
          ctx.options());
      try (Solution sol = hyper.adapt(s.pde().task(Map.of("kappa", 1.0)), warnCtx)) {
        assertThat(sol.trainableParameters()).isEqualTo(hyper.predictedParameters(ctx));
      }
      assertThat(messages).anySatisfy(msg -> assertThat(msg).contains("outside the training range").contains("kappa=1"));
    }
  }
}
