package org.pinnadapt.core.testkit;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.pde.PointCounts;
import org.pinnadapt.api.pde.PointSet;
import org.pinnadapt.api.pde.Sampler;
import org.pinnadapt.api.train.Batch;
import org.pinnadapt.core.loss.PhysicsLossImpl;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;
import org.pinnadapt.core.sampling.PointSampler;
import org.pinnadapt.core.sampling.SamplingMethod;

/**
 * The engine, as a plug-in's contract tests need it: one CPU runtime with a native memory scope, point
 * samplers, and the garbage-collection check of a PDE's residual. Close it to free the native memory.
 */
public final class TestRuntime implements AutoCloseable {

  private final DjlRuntime runtime;

  private TestRuntime(DataType type) {
    this.runtime = new DjlRuntime(new RuntimeSettings("cpu", type, 1));
  }

  /**
   * Starts a one-thread CPU runtime.
   *
   * @param type the precision of new arrays ({@link DataType#FLOAT64} for contracts)
   * @return the runtime
   */
  public static TestRuntime cpu(DataType type) {
    return new TestRuntime(type);
  }

  /**
   * A new memory scope: arrays created from it are freed when it is closed.
   *
   * @return a sub-manager of the runtime's manager
   */
  public NDManager newScope() {
    return runtime.manager().newSubManager();
  }

  /**
   * The framework's uniform random sampler.
   *
   * @param seed the seed
   * @return a sampler for {@link Pde#conditions}
   */
  public static Sampler sampler(long seed) {
    return new PointSampler(SamplingMethod.UNIFORM, seed);
  }

  /**
   * Uniform random points in a domain.
   *
   * @param domain the domain
   * @param n how many
   * @param seed the seed
   * @return the points
   */
  public static PointSet interior(Domain domain, int n, long seed) {
    return sampler(seed).interior(domain, n);
  }

  /**
   * How much the weight gradients of a PDE's physics loss (a small tanh network, the reference task's
   * residual and conditions) change when a garbage collection runs between the forward and the backward
   * pass. Residual code that frees memory autograd still needs (e.g. {@code NDArray.mul(Number)}) gives a
   * non-zero drift; see {@link GarbageCheck}.
   *
   * @param pde the PDE
   * @return the largest absolute gradient difference (0 for safe code)
   */
  public double residualGradientDrift(Pde pde) {
    NetworkSpec spec = new MlpArchitecture(8, 2, Activation.TANH, false, 1).build(pde.domain(), pde.fields());
    FunctionalNetwork net = new FunctionalNetwork(spec, DataType.FLOAT64);
    try (NDManager m = newScope();
        PhysicsLossImpl loss = new PhysicsLossImpl(pde, net, List.of(pde.referenceTask()), false,
            new PointCounts(16, 4, 4), SamplingMethod.UNIFORM, 1, m, DataType.FLOAT64)) {
      Params p = net.initialize(m, 1).requireGradients();
      return GarbageCheck.gradientDrift(p,
          () -> loss.loss(NetworkWeights.plain(spec, p), Batch.full(0)).total(Map.of()));
    }
  }

  @Override
  public void close() {
    runtime.close();
  }
}
