package org.pinnadapt.strategy.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.Experiment;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.RunResult;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;
import org.pinnadapt.core.train.Autograd;
import org.pinnadapt.pde.kovasznay.Kovasznay;
import org.pinnadapt.pde.kovasznay.KovasznayProvider;

class LoraStrategyTest {

  @TempDir Path work;

  static final Kovasznay PDE = new Kovasznay(false);

  static NetworkSpec paperSpec() {
    return new MlpArchitecture(64, 6, Activation.TANH, false, 1).build(PDE.domain(), PDE.fields());
  }

  @Test
  void rankRParameterCountsFollowTheFormula() {
    NetworkSpec spec = paperSpec(); // 2-64x6-3
    assertThat(spec.parameterCount()).isEqualTo(21_187); // the paper's PINN count for Kovasznay
    for (int r : new int[] {1, 2, 4, 8, 16, 32, 64}) {
      LoraConfig all = LoraConfig.of(Options.parse(LoraConfig.OPTIONS, Map.of("rank", r), "lora"));
      assertThat(all.trainableParameters(spec)).isEqualTo(r * ((2 + 64) + 5 * (64 + 64) + (64 + 3)));
      LoraConfig hidden = LoraConfig.of(Options.parse(LoraConfig.OPTIONS, Map.of("rank", r, "layers", "hidden"), "lora"));
      assertThat(hidden.trainableParameters(spec)).isEqualTo(r * 5 * 128);
      LoraConfig withBias = LoraConfig.of(Options.parse(LoraConfig.OPTIONS, Map.of("rank", r, "bias", true), "lora"));
      assertThat(withBias.trainableParameters(spec)).isEqualTo(all.trainableParameters(spec) + 6 * 64 + 3);
    }
    // the paper's 645 r (Table 1, 3 outputs) is r (in + out) over 2-64x5-3
    NetworkSpec five = new MlpArchitecture(64, 5, Activation.TANH, false, 1).build(PDE.domain(), PDE.fields());
    LoraConfig four = LoraConfig.of(Options.parse(LoraConfig.OPTIONS, Map.of("rank", 4), "lora"));
    assertThat(four.trainableParameters(five)).isEqualTo(4 * 645);
  }

  @Test
  void theInitOptionDrawsAAsLoralibOrGaussian() {
    try (DjlRuntime rt = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
        NDManager m = rt.manager().newSubManager()) {
      NetworkSpec spec = paperSpec();
      Params base = new FunctionalNetwork(spec, DataType.FLOAT64).initialize(m, 3);
      Task task = PDE.task(Map.of("Re", 40.0));
      double[] meanSquare = new double[2];
      String[] inits = {"kaiming-uniform", "gaussian"};
      for (int k = 0; k < 2; k++) {
        LoraConfig config = LoraConfig.of(Options.parse(LoraConfig.OPTIONS, Map.of("rank", 8, "init", inits[k]), "lora"));
        Params f = new LoraStrategy(config).initialFactors(m, spec, base, List.of(task), 7, false);
        double[] a = f.get("layer1.A").toDoubleArray(); // [8, 64]
        assertThat(f.get("layer1.B").abs().max().getDouble()).isZero();
        for (double v : a) {
          meanSquare[k] += v * v / a.length;
        }
        if (k == 0) {
          assertThat(f.get("layer1.A").abs().max().getDouble()).isLessThanOrEqualTo(1 / 8.0); // U(-1/sqrt(64), ..)
        }
      }
      // variance 1/(3 in) against 1/in
      assertThat(meanSquare[0] * 64).isCloseTo(1 / 3.0, within(0.06));
      assertThat(meanSquare[1] * 64).isCloseTo(1.0, within(0.15));
      assertThat(LoraConfig.of(Options.parse(LoraConfig.OPTIONS, Map.of(), "lora")).init()).isEqualTo("kaiming-uniform");
    }
  }

  @Test
  void aZeroUpdateIsExactlyTheBaseNetworkAndGradientsReachOnlyTheFactors() {
    try (DjlRuntime rt = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT32, 1));
        NDManager m = rt.manager().newSubManager()) {
      NetworkSpec spec = paperSpec();
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT32);
      Params base = net.initialize(m, 3);
      LoraConfig config = LoraConfig.of(Options.parse(LoraConfig.OPTIONS, Map.of("rank", 4), "lora"));
      LoraStrategy lora = new LoraStrategy(config);
      Task task = PDE.task(Map.of("Re", 40.0));
      Params factors = lora.initialFactors(m, spec, base, List.of(task), 7, false);
      NDArray x = m.randomUniform(0, 1, new Shape(50, 2));
      float[] plain = net.forward(x, NetworkWeights.plain(spec, base)).toFloatArray();
      float[] adapted = net.forward(x, LoraStrategy.compose(spec, base, factors, config)).toFloatArray();
      assertThat(adapted).containsExactly(plain);

      factors.requireGradients();
      for (String name : factors.names()) {
        if (name.endsWith(".B")) {
          factors.get(name).addi(factors.get(name).onesLike().mul(factors.get(name).onesLike())); // B != 0, so A gets a gradient too
        }
      }
      try (Autograd.Recording r = Autograd.record()) {
        Autograd.backward(net.forward(x, LoraStrategy.compose(spec, base, factors, config)).sum());
      }
      for (String name : factors.names()) {
        assertThat(factors.get(name).getGradient().abs().sum().getFloat()).as(name).isPositive();
      }
      for (String name : base.names()) {
        assertThat(base.get(name).hasGradient()).as("base %s stays frozen", name).isFalse();
      }
    }
  }

  @Test
  void lowRankAdaptationBeatsAPinnFromScratchWithTheSameEpochs() {
    double[] errors = new double[2];
    String[] strategies = {"lora", "pinn"};
    try (PinnAdapt pa = PinnAdapt.builder().optBootDiscovery(false).addPde(new KovasznayProvider())
        .addStrategy(new LoraProvider()).optDevice("cpu").optThreads(2).build()) {
      for (int i = 0; i < 2; i++) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pde", "kovasznay");
        m.put("strategy", strategies[i]);
        m.put("tasks", "Re=40");
        m.put("architecture-options", Map.of("width", 20, "depth", 3));
        m.put("collocation", 400);
        m.put("boundary", 160);
        m.put("epochs", 300);
        m.put("trainer", "adam");
        m.put("base-epochs", 2000);
        m.put("lr", 2e-3);
        m.put("grid", "31x31");
        m.put("checkpoint-every", 0);
        m.put("out", work.resolve(strategies[i]).toString());
        ExperimentConfig c = ExperimentConfig.fromMap(m, "test");
        RunResult r = Experiment.run(pa, c, false, TrainingListener.NONE, s -> { }, null);
        errors[i] = r.tasks().get(0).errors().relL2();
      }
    }
    assertThat(errors[0]).as("L-PINN rel. L2 %s vs PINN %s", errors[0], errors[1]).isLessThan(errors[1]);
  }
}
