package org.pinnadapt.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.EmbeddingSpec;
import org.pinnadapt.api.nn.InputScaling;
import org.pinnadapt.api.nn.LayerSpec;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.nn.WeightInit;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

/** Input scaling onto [-1, 1] and the weight initializations of the functional network. */
class InputScalingTest {

  static DjlRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void aDomainMapsOntoMinusOneOne() {
    InputScaling s = InputScaling.of(Domain.of(Input.space("x", -0.5, 1.0), Input.time("t", 0, 4)));
    assertThat(s.center()).containsExactly(0.25, 2.0);
    assertThat(s.halfWidth()).containsExactly(0.75, 2.0);
    assertThat(InputScaling.of(Domain.of(Input.space("x", -1, 1))).isIdentity()).isTrue();
    assertThatThrownBy(() -> new InputScaling(new double[] {0}, new double[] {0})).hasMessageContaining("half-width");
  }

  @Test
  void aScaledNetworkEqualsTheRawNetworkWithTheMapFoldedIntoItsFirstLayer() {
    List<LayerSpec> layers = List.of(new LayerSpec(2, 4, Activation.TANH, true),
        new LayerSpec(4, 1, Activation.IDENTITY, true));
    InputScaling scaling = new InputScaling(new double[] {0.5, 2.0}, new double[] {0.5, 3.0});
    NetworkSpec scaled = new NetworkSpec(List.of("x", "y"), List.of("u"), null, layers, scaling,
        WeightInit.GLOROT_NORMAL);
    NetworkSpec raw = new NetworkSpec(List.of("x", "y"), List.of("u"), null, layers);
    try (NDManager m = runtime.manager().newSubManager()) {
      FunctionalNetwork net = new FunctionalNetwork(scaled, DataType.FLOAT64);
      Params p = net.initialize(m, 3);
      double[] w = p.get("layer0.weight").toDoubleArray(); // [4, 2]
      double[] b = p.get("layer0.bias").add(0.1).toDoubleArray();
      p.put("layer0.bias", m.create(b));
      double[] wf = new double[8];
      double[] bf = b.clone();
      for (int o = 0; o < 4; o++) {
        for (int i = 0; i < 2; i++) { // W (x - c)/h + b = (W/h) x + (b - W c/h)
          wf[o * 2 + i] = w[o * 2 + i] / scaling.halfWidth()[i];
          bf[o] -= w[o * 2 + i] * scaling.center()[i] / scaling.halfWidth()[i];
        }
      }
      Params folded = p.copy(m);
      folded.put("layer0.weight", m.create(wf, new Shape(4, 2)));
      folded.put("layer0.bias", m.create(bf));
      NDArray x = m.create(new double[] {0.1, -1.0, 0.9, 4.5, 0.5, 2.0}, new Shape(3, 2));
      double[] a = net.forward(x, NetworkWeights.plain(scaled, p)).toDoubleArray();
      double[] e = new FunctionalNetwork(raw, DataType.FLOAT64).forward(x, NetworkWeights.plain(raw, folded))
          .toDoubleArray();
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).isCloseTo(e[i], Offset.offset(1e-14));
      }
    }
  }

  @Test
  void pytorchInitDrawsWeightsAndBiasesWithinOneOverSqrtFanIn() {
    NetworkSpec spec = new NetworkSpec(List.of("x", "y"), List.of("u"), null,
        List.of(new LayerSpec(2, 64, Activation.TANH, true), new LayerSpec(64, 1, Activation.IDENTITY, true)),
        null, WeightInit.PYTORCH);
    try (NDManager m = runtime.manager().newSubManager()) {
      Params p = new FunctionalNetwork(spec, DataType.FLOAT64).initialize(m, 1);
      double bound0 = 1 / Math.sqrt(2);
      double[] w0 = p.get("layer0.weight").toDoubleArray();
      double[] b0 = p.get("layer0.bias").toDoubleArray();
      assertThat(Arrays.stream(w0).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(bound0);
      assertThat(Arrays.stream(b0).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(bound0);
      // U(-a, a) has variance a^2/3: the 128 first-layer weights' mean square lies near 1/6
      double ms = 0;
      for (double v : w0) {
        ms += v * v / w0.length;
      }
      assertThat(ms).isCloseTo(1.0 / 6, Offset.offset(0.05));
      assertThat(Arrays.stream(b0).map(Math::abs).max().orElseThrow()).isGreaterThan(0.1);
      assertThat(p.get("layer1.weight").abs().max().getDouble()).isLessThanOrEqualTo(1 / 8.0);
    }
  }

  @Test
  void glorotNormalUniformBiasKeepsTheSignalThroughADeepNarrowNetworkWherePytorchInitShrinksIt() {
    // Raissi's Burgers network: 8 tanh layers of 20. The Glorot-normal weights have variance 2/(in + out),
    // the biases are U(-1/sqrt(in), 1/sqrt(in)) and not zero; PyTorch's weights have variance 1/(3 in)
    List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec(2, 20, Activation.TANH, true)));
    for (int i = 0; i < 7; i++) {
      layers.add(new LayerSpec(20, 20, Activation.TANH, true));
    }
    layers.add(new LayerSpec(20, 1, Activation.IDENTITY, true));
    NetworkSpec gub = new NetworkSpec(List.of("x", "t"), List.of("u"), null, layers, null,
        WeightInit.GLOROT_NORMAL_UNIFORM_BIAS);
    NetworkSpec torch = new NetworkSpec(List.of("x", "t"), List.of("u"), null, layers, null, WeightInit.PYTORCH);
    try (NDManager m = runtime.manager().newSubManager()) {
      Params p = new FunctionalNetwork(gub, DataType.FLOAT64).initialize(m, 1);
      double[] w = p.get("layer3.weight").toDoubleArray();
      double ms = Arrays.stream(w).map(v -> v * v).sum() / w.length;
      assertThat(ms).isCloseTo(2.0 / 40, Offset.offset(0.015));
      double[] b = p.get("layer3.bias").toDoubleArray();
      assertThat(Arrays.stream(b).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(1 / Math.sqrt(20))
          .isGreaterThan(0.05);
      // the last hidden layer's activations: spread with Glorot-normal weights, collapsed with PyTorch's
      NDArray x = m.randomUniform(-1, 1, new Shape(500, 2), DataType.FLOAT64);
      double spreadGub = hiddenSpread(gub, p, x);
      double spreadTorch = hiddenSpread(torch, new FunctionalNetwork(torch, DataType.FLOAT64).initialize(m, 1), x);
      // measured: about 0.1 against 0.004
      assertThat(spreadGub).isGreaterThan(0.05);
      assertThat(spreadTorch).isLessThan(spreadGub / 5);
    }
  }

  /** The standard deviation over the points of the last hidden layer's first activations. */
  private static double hiddenSpread(NetworkSpec spec, Params p, NDArray x) {
    NDArray h = x;
    for (int i = 0; i < spec.layers().size() - 1; i++) {
      h = h.matMul(p.get(NetworkSpec.weightName(i)).transpose()).add(p.get(NetworkSpec.biasName(i))).tanh();
    }
    double[] v = h.toDoubleArray();
    int width = (int) h.getShape().get(1);
    double total = 0;
    for (int j = 0; j < width; j++) {
      double mean = 0;
      double sq = 0;
      int n = v.length / width;
      for (int r = 0; r < n; r++) {
        mean += v[r * width + j] / n;
        sq += v[r * width + j] * v[r * width + j] / n;
      }
      total += Math.sqrt(Math.max(0, sq - mean * mean)) / width;
    }
    return total;
  }

  @Test
  void aLearnedEmbeddingRefusesAScaling() {
    EmbeddingSpec learned = new EmbeddingSpec(EmbeddingSpec.Kind.LEARNED, new double[] {1, 1}, 3);
    assertThatThrownBy(() -> new NetworkSpec(List.of("x", "y"), List.of("u"), learned,
        List.of(new LayerSpec(3, 1, Activation.IDENTITY, true)), new InputScaling(new double[] {0.5, 0.5},
        new double[] {0.5, 0.5}), WeightInit.GLOROT_NORMAL)).hasMessageContaining("raw inputs");
  }
}
