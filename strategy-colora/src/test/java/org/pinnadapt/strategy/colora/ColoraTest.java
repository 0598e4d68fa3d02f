package org.pinnadapt.strategy.colora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Task;
import org.pinnadapt.api.strategy.Solution;
import org.pinnadapt.api.train.TrainingListener;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.experiment.ExperimentConfig;
import org.pinnadapt.core.experiment.ExperimentSetup;
import org.pinnadapt.core.testkit.TestHeat;
import org.pinnadapt.pde.cdr.Cdr;
import org.pinnadapt.pde.cdr.InitialCondition;

class ColoraTest {

  @TempDir Path work;

  private ExperimentSetup setup(PinnAdapt pa, String pde, String name, Map<String, Object> options) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pde", pde);
    m.put("strategy", "colora");
    m.put("strategy-options", options);
    m.put("epochs", 30);
    m.put("trainer", "adam");
    m.put("precision", "float64");
    m.put("checkpoint-every", 0);
    m.put("out", work.resolve(name).toString());
    Files.createDirectories(work.resolve(name));
    return new ExperimentSetup(pa, ExperimentConfig.fromMap(m, "test"), work.resolve(name), TrainingListener.NONE,
        s -> { });
  }

  private static PinnAdapt framework() {
    return PinnAdapt.builder().optBootDiscovery(false).addPde(new TestHeat())
        .addPde(new Cdr(InitialCondition.SIN, 256, 1e-3)).addStrategy(new ColoraProvider()).optDevice("cpu")
        .optDataType(DataType.FLOAT64).optThreads(1).build();
  }

  @Test
  void alphaZeroIsTheOfflineNetworkAndTheOwnForwardMatchesTheFrameworkExecutor() throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "cdr", "zero", Map.of("width", 8, "layers", 3,
        "rank", 2, "alpha", "rank", "offline-epochs", 20, "snapshot-times", 3, "space-points", 16))) {
      ColoraStrategy strategy = (ColoraStrategy) s.strategy();
      strategy.prepare(s.context()); // trained: Q is no longer zero
      ColoraModel model = strategy.model();
      Params p = strategy.parameters();
      assertThat(p.get("colora0.Q").abs().max().getDouble()).isPositive();
      Network net = s.context().network(model.spec());
      try (NDManager m = s.context().manager().newSubManager()) {
        NDArray x = m.create(new double[] {0.1, 1.3, 2.9, 4.4, 6.0}, new Shape(5, 1));
        double[] offline = net.forward(x, NetworkWeights.plain(model.spec(), p.subset("net."))).toDoubleArray();
        NDArray zero = m.zeros(new Shape(model.onlineCount()), DataType.FLOAT64);
        assertThat(model.forward(p, x, zero.reshape(1, -1)).toDoubleArray()).containsExactly(offline, offset(1e-13));
        assertThat(net.forward(x, model.weights(p, zero)).toDoubleArray()).containsExactly(offline, offset(1e-13));
        // any alpha: the per-point forward equals the executor with composed weights, and is periodic
        NDArray a = m.create(new double[] {0.3, -0.2, 0.5, 0.1, -0.4, 0.7});
        double[] composed = net.forward(x, model.weights(p, a)).toDoubleArray();
        assertThat(model.forward(p, x, a.reshape(1, -1)).toDoubleArray()).containsExactly(composed, offset(1e-12));
        NDArray shifted = x.add(2 * Math.PI);
        assertThat(model.forward(p, shifted, a.reshape(1, -1)).toDoubleArray()).containsExactly(composed, offset(1e-10));
        // the forward-mode Jacobian against central differences
        assertJacobianMatchesCentralDifferences(model, p, x, a);
      }
    }
  }

  @Test
  void theJacobianOfOneAlphaPerLayerMatchesCentralDifferences() throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "cdr", "layer", Map.of("width", 8, "layers", 4,
        "rank", 2, "alpha", "layer", "offline-epochs", 20, "snapshot-times", 3, "space-points", 16))) {
      ColoraStrategy strategy = (ColoraStrategy) s.strategy();
      strategy.prepare(s.context());
      try (NDManager m = s.context().manager().newSubManager()) {
        NDArray x = m.create(new double[] {0.1, 1.3, 2.9, 4.4, 6.0}, new Shape(5, 1));
        NDArray a = m.create(new double[] {0.3, -0.2, 0.5, 0.1});
        assertJacobianMatchesCentralDifferences(strategy.model(), strategy.parameters(), x, a);
      }
    }
  }

  private static void assertJacobianMatchesCentralDifferences(ColoraModel model, Params p, NDArray x, NDArray a) {
    NDManager m = x.getManager();
    int points = (int) x.getShape().get(0);
    int online = model.onlineCount();
    NDList vj = model.withJacobian(p, x, a);
    assertThat(vj.get(1).getShape().get(0)).isEqualTo(online);
    double[] jac = vj.get(1).toDoubleArray(); // [P, N, 1]
    double h = 1e-6;
    for (int k = 0; k < online; k++) {
      double[] plus = a.toDoubleArray();
      double[] minus = a.toDoubleArray();
      plus[k] += h;
      minus[k] -= h;
      double[] up = model.forward(p, x, m.create(plus).reshape(1, -1)).toDoubleArray();
      double[] down = model.forward(p, x, m.create(minus).reshape(1, -1)).toDoubleArray();
      for (int i = 0; i < points; i++) {
        assertThat(jac[k * points + i]).as("d u(x_%d) / d alpha_%d", i, k).isCloseTo((up[i] - down[i]) / (2 * h),
            offset(1e-7));
      }
    }
  }

  @Test
  void theGalerkinStepReproducesAdvectionExactlyOnARepresentableManifold() throws Exception {
    try (PinnAdapt pa = framework(); ExperimentSetup s = setup(pa, "cdr", "adv", Map.of("width", 2, "layers", 1,
        "rank", 2, "alpha", "rank", "offline-epochs", 1));
        NDManager m = s.context().manager().newSubManager()) {
      // u(x; alpha) = alpha_1 sin x + alpha_2 cos x: a periodic layer with features sin x and cos x, a zero
      // offline output layer and P Q = [1 1] I. Translations of a sinusoid stay on this manifold exactly.
      ColoraModel model = ColoraStrategy.layout(s.pde(), ((ColoraStrategy) s.strategy()).config());
      Network net = s.context().network(model.spec());
      Network hyper = s.context().network(model.hyperSpec());
      Params p = model.initialize(net, hyper, m, 1, new double[] {0.5, 20, 2.5, 2.5}, new double[] {0.3, 10, 1, 1},
          DataType.FLOAT64);
      p.put("net.embedding.a", m.create(new double[] {1, 1}, new Shape(2, 1)));
      p.put("net.embedding.c", m.create(new double[] {-Math.PI / 2, 0}, new Shape(2, 1)));
      p.put("net.embedding.b", m.zeros(new Shape(2, 1), DataType.FLOAT64));
      p.put("net." + NetworkSpec.weightName(0), m.zeros(new Shape(1, 2), DataType.FLOAT64));
      p.put("net." + NetworkSpec.biasName(0), m.zeros(new Shape(1), DataType.FLOAT64));
      p.put("colora0.P", m.create(new double[] {1, 1}, new Shape(1, 2)));
      p.put("colora0.Q", m.eye(2).toType(DataType.FLOAT64, false));
      double c = 7.0;
      Task task = s.pde().task(Map.of("beta", c, "nu", 0.0, "rho", 0.0));
      double[][] points = ColoraStrategy.spatialGrid(s.pde().domain(), 32);
      Galerkin g = new Galerkin(s.pde(), task, model, p, net, points, 0, m, DataType.FLOAT64);
      double[] rate = g.rate(new double[] {0.8, -0.3}, 0.4);
      // u_t = -c u_x: d alpha_1 / dt = c alpha_2, d alpha_2 / dt = -c alpha_1
      assertThat(rate[0]).isCloseTo(c * -0.3, offset(1e-10));
      assertThat(rate[1]).isCloseTo(-c * 0.8, offset(1e-10));
      // the right-hand side read from the residual is -c u_x
      double[] f = g.rightHandSide(new double[] {1, 0}, 0);
      for (int i = 0; i < points.length; i++) {
        assertThat(f[i]).isCloseTo(-c * Math.cos(points[i][0]), offset(1e-10));
      }
      // Jacobian columns are the features
      double[][] jac = new double[points.length][];
      g.valueAndJacobian(new double[] {0.2, 0.4}, jac);
      assertThat(jac[5][0]).isCloseTo(Math.sin(points[5][0]), offset(1e-12));
      assertThat(jac[5][1]).isCloseTo(Math.cos(points[5][0]), offset(1e-12));
    }
  }

  @Test
  void colorAdPredictsEveryTimeAndEqIntegratesTheHeatEquation() throws Exception {
    try (PinnAdapt pa = framework();
        ExperimentSetup d = setup(pa, "tck-heat", "d", Map.of("width", 10, "layers", 3, "rank", 2,
            "offline-epochs", 150, "snapshot-times", 6, "space-points", 12));
        ExperimentSetup eq = setup(pa, "tck-heat", "d", Map.of("width", 10, "layers", 3, "rank", 2,
            "offline-epochs", 150, "snapshot-times", 6, "space-points", 12, "method", "eq", "eq-steps", 40,
            "alpha", "layer"))) {
      ColoraStrategy cd = (ColoraStrategy) d.strategy();
      cd.prepare(d.context());
      var h = cd.offlineTraining().history();
      assertThat(h.get(h.size() - 1).loss()).isLessThan(h.get(0).loss() / 2);
      Task task = d.pde().task(Map.of("kappa", 0.5));
      try (NDManager m = d.context().manager().newSubManager(); Solution sol = cd.adapt(task, d.context());
          Solution integrated = eq.strategy().adapt(task, eq.context())) {
        NDArray pts = m.create(new double[] {0.2, 0.0, 0.5, 0.3, 0.8, 1.0, 0.4, 0.7}, new Shape(4, 2));
        double[] yd = sol.predict(pts).toDoubleArray();
        assertThat(java.util.Arrays.stream(yd).allMatch(Double::isFinite)).isTrue();
        double[] ye = integrated.predict(pts).toDoubleArray();
        assertThat(java.util.Arrays.stream(ye).allMatch(Double::isFinite)).isTrue();
        assertThat(integrated.training().epochs()).isEqualTo(40);
        // at t = 0 the Gauss-Newton fit of alpha matches the initial condition at least as well as the
        // hypernetwork's alpha it starts from (root-mean-square over the sample grid)
        double[][] grid = ColoraStrategy.spatialGrid(eq.pde().domain(), 12);
        double[][] at0 = new double[grid.length][];
        for (int i = 0; i < grid.length; i++) {
          at0[i] = new double[] {grid[i][0], 0.0};
        }
        double[][] ic = eq.pde().reference(task).evaluate(org.pinnadapt.api.pde.PointSet.ofRows(at0));
        NDArray x0 = ColoraStrategy.rows(m, at0, DataType.FLOAT64);
        double[] fitted = integrated.predict(x0).toDoubleArray();
        double[] guessed = sol.predict(x0).toDoubleArray();
        double errFit = 0;
        double errGuess = 0;
        for (int i = 0; i < grid.length; i++) {
          errFit += (fitted[i] - ic[i][0]) * (fitted[i] - ic[i][0]);
          errGuess += (guessed[i] - ic[i][0]) * (guessed[i] - ic[i][0]);
        }
        assertThat(errFit).isLessThanOrEqualTo(errGuess * (1 + 1e-9));
        NDArray one = pts.get(new NDIndex("0:1"));
        assertThat(integrated.predict(one).toDoubleArray()[0]).isCloseTo(ye[0], offset(1e-12));
      }
    }
  }
}
