package org.pinnadapt.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.core.loss.PhysicsLossImpl;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * Regression test of a use-after-free: the jets' second-order tanh term once used
 * {@code NDArray.mul(Number)}, whose scalar DJL frees while autograd keeps it, and training became
 * random after a garbage collection between forward and backward.
 */
class GarbageCheckTest {

  @Test
  void jetLossGradientsDoNotDependOnGarbageCollection() {
    try (DjlRuntime rt = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
        NDManager m = rt.manager().newSubManager()) {
      TestHeat pde = new TestHeat();
      NetworkSpec spec = new MlpArchitecture(8, 2, Activation.TANH, false, 1).build(pde.domain(), pde.fields());
      FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
      try (PhysicsLossImpl loss = new PhysicsLossImpl(pde, net, List.of(pde.referenceTask()), false,
          new PointCounts(32, 8, 8), SamplingMethod.UNIFORM, 1, m, DataType.FLOAT64)) {
        Params p = net.initialize(m, 3).requireGradients();
        double drift = GarbageCheck.gradientDrift(p,
            () -> loss.loss(NetworkWeights.plain(spec, p), Batch.full(0)).total(Map.of("ic", 2.0)));
        assertThat(drift).isZero();
      }
    }
  }

  @Test
  void theCheckRunsOnArbitraryLosses() {
    try (DjlRuntime rt = new DjlRuntime(new RuntimeSettings("cpu", DataType.FLOAT64, 1));
        NDManager m = rt.manager().newSubManager()) {
      Params p = new Params().put("w", m.create(new double[] {1, 2, 3}).duplicate()).requireGradients();
      NDArray w = p.get("w");
      double drift = GarbageCheck.gradientDrift(p, () -> w.mul(w).sum());
      assertThat(drift).isZero();
    }
  }
}
