package org.pinnadapt.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.core.TestPdes;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;
import org.pinnadapt.core.sampling.SamplingMethod;
import org.pinnadapt.core.testkit.TestHeat;

/** Causal weighting against a host computation of the slab losses and weights. */
class CausalWeightingTest {

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

  @Test
  void theResidualTermWeightsEachTimeSlabByTheLossOfTheEarlierOnes() {
    NetworkSpec spec = new MlpArchitecture(10, 2, Activation.TANH, false, 1).build(PDE.domain(), PDE.fields());
    FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
    int bins = 4;
    double eps = 3.0;
    try (NDManager m = runtime.manager().newSubManager();
        PhysicsLossImpl plain = loss(m, net, CausalWeighting.NONE);
        PhysicsLossImpl causal = loss(m, net, new CausalWeighting(eps, bins));
        PhysicsLossImpl steep = loss(m, net, new CausalWeighting(1e6, bins))) {
      Params p = net.initialize(m, 3);
      NetworkWeights w = NetworkWeights.plain(spec, p);
      // per-point squared residual and time, on the host
      NDArray x = causal.collocation();
      Fields f = net.jets(x, w, PDE.partials(), causal.parameters());
      double[] r = PDE.residual(f).get(0).toDoubleArray();
      double[] t = x.get("..., 1").toDoubleArray();
      double[] sum = new double[bins];
      int[] count = new int[bins];
      for (int i = 0; i < r.length; i++) {
        int b = Math.min(bins - 1, (int) Math.floor(t[i] * bins));
        sum[b] += r[i] * r[i];
        count[b]++;
      }
      double expected = 0;
      double before = 0;
      double plainExpected = 0;
      for (int b = 0; b < bins; b++) {
        assertThat(count[b]).as("points in slab %d", b).isPositive();
        double lb = sum[b] / count[b];
        expected += Math.exp(-eps * before) * lb / bins;
        before += lb;
        plainExpected += sum[b] / r.length;
      }
      double got = causal.loss(w, Batch.full(0)).terms().get("residual").getDouble();
      assertThat(got).isCloseTo(expected, offset(1e-12 * expected));
      assertThat(plain.loss(w, Batch.full(0)).terms().get("residual").getDouble())
          .isCloseTo(plainExpected, offset(1e-12 * plainExpected));
      // a steep epsilon leaves only the first slab; the validation loss stays the plain residual
      assertThat(steep.loss(w, Batch.full(0)).terms().get("residual").getDouble())
          .isCloseTo(sum[0] / count[0] / bins, offset(1e-9 * sum[0] / count[0]));
      assertThat(causal.validationLoss(w).terms().get("residual").getDouble())
          .isEqualTo(plain.validationLoss(w).terms().get("residual").getDouble());
    }
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new CausalWeighting(-1, 4)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new CausalWeighting(1, 0)).hasMessageContaining("bins");
    assertThat(CausalWeighting.NONE.enabled()).isFalse();
  }

  private static PhysicsLossImpl loss(NDManager m, FunctionalNetwork net, CausalWeighting c) {
    return new PhysicsLossImpl(PDE, net, List.of(PDE.referenceTask()), false, new PointCounts(200, 16, 16),
        SamplingMethod.SOBOL, 9, m, DataType.FLOAT64, c);
  }
}
