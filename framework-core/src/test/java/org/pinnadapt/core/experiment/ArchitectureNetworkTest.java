package org.pinnadapt.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.Architecture;
import org.pinnadapt.api.ArchitectureProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.nn.Activation;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.nn.NetworkWeights;
import org.pinnadapt.api.nn.Params;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;
import org.pinnadapt.api.pde.Fields;
import org.pinnadapt.api.pde.Partial;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.TestPdes;
import org.pinnadapt.core.nn.FunctionalNetwork;
import org.pinnadapt.core.nn.MlpArchitecture;

/** An architecture plug-in that evaluates its own layouts: the run uses its network for every pass. */
class ArchitectureNetworkTest {

  /** Counts the passes it delegates to the framework's network. */
  private static final class CountingNetwork implements Network {
    private final Network inner;
    private final AtomicInteger forward;
    private final AtomicInteger jets;

    CountingNetwork(Network inner, AtomicInteger forward, AtomicInteger jets) {
      this.inner = inner;
      this.forward = forward;
      this.jets = jets;
    }

    @Override
    public NetworkSpec spec() {
      return inner.spec();
    }

    @Override
    public Params initialize(NDManager manager, long seed) {
      return inner.initialize(manager, seed);
    }

    @Override
    public NDArray forward(NDArray x, NetworkWeights weights) {
      forward.incrementAndGet();
      return inner.forward(x, weights);
    }

    @Override
    public Fields jets(NDArray x, NetworkWeights weights, Set<Partial> partials, Map<String, NDArray> parameters) {
      jets.incrementAndGet();
      return inner.jets(x, weights, partials, parameters);
    }
  }

  /** {@code counted}: an 8x2 tanh MLP; with {@code own=true} it evaluates its layouts with a counting network. */
  private static final class Provider implements ArchitectureProvider {
    final AtomicInteger forward = new AtomicInteger();
    final AtomicInteger jets = new AtomicInteger();

    @Override
    public String id() {
      return "counted";
    }

    @Override
    public String description() {
      return "an MLP whose passes are counted";
    }

    @Override
    public List<OptionSpec> options() {
      return List.of(OptionSpec.ofBoolean("own", false, "evaluate with its own network"));
    }

    @Override
    public Architecture create(Options options) {
      boolean own = options.getBoolean("own");
      MlpArchitecture mlp = new MlpArchitecture(8, 2, Activation.TANH, false, 1);
      return new Architecture() {
        @Override
        public NetworkSpec build(Domain domain, List<Field> fields) {
          return mlp.build(domain, fields);
        }

        @Override
        public Optional<Network> network(NetworkSpec spec, DataType type) {
          return own ? Optional.of(new CountingNetwork(new FunctionalNetwork(spec, type), forward, jets))
              : Optional.empty();
        }
      };
    }
  }

  private static double run(Provider provider, boolean own) {
    try (PinnAdapt pa = PinnAdapt.builder().optBootDiscovery(false).addPde(TestPdes.heat()).addArchitecture(provider)
        .optDevice("cpu").optThreads(1).build();
        ExperimentResults r = Experiment.builder().setPde("heat").setStrategy("pinn").optTasks("kappa=0.5")
            .optArchitecture("counted").optArchitectureOption("own", own).optEpochs(5).optTrainer("adam")
            .optSetting("collocation", 32).optSetting("initial", 8).optSetting("boundary", 8).optSetting("grid", "6x6")
            .optSetting("precision", "float64").build().run(pa)) {
      return r.tasks().get(0).errors().mse();
    }
  }

  @Test
  void anArchitectureCanEvaluateItsOwnLayouts() {
    Provider counted = new Provider();
    double own = run(counted, true);
    assertThat(counted.jets.get()).as("residual passes through the architecture's network").isGreaterThan(0);
    assertThat(counted.forward.get()).as("condition and evaluation passes").isGreaterThan(0);
    Provider plain = new Provider();
    double framework = run(plain, false);
    assertThat(plain.jets.get() + plain.forward.get()).isZero();
    assertThat(own).as("a network that delegates gives the framework's numbers").isEqualTo(framework);
  }
}
