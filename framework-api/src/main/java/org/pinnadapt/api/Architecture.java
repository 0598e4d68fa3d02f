package org.pinnadapt.api;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Optional;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Field;

/**
 * A network layout for a PDE. It returns a description ({@link NetworkSpec}); by default the framework evaluates
 * every layout with its own forward pass and derivative engine (a functional network with Taylor-mode jets). An
 * architecture that needs its own evaluation (another kernel, a fused or mixed-precision network, another
 * derivative scheme) also returns a {@link Network} for its layouts.
 */
public interface Architecture {

  /**
   * The layout for a PDE's inputs and outputs.
   *
   * @param domain the PDE domain (periodic inputs may get an embedding)
   * @param fields the output fields
   * @return the layout
   */
  NetworkSpec build(Domain domain, List<Field> fields);

  /**
   * The network that evaluates a layout this architecture built, or empty for the framework's own. A network
   * returned here serves every strategy of the run that uses the configured layout (PINN, fine-tuning, LoRA's
   * composed weights, a hypernetwork's target network); it must honour the {@link Network} contract: values,
   * the jets of exactly the requested partials, and an initialization from a seed.
   *
   * @param spec a layout from {@link #build}
   * @param type the run's floating-point type
   * @return the network, or empty
   */
  default Optional<Network> network(NetworkSpec spec, DataType type) {
    return Optional.empty();
  }
}
