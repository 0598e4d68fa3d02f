package org.pinnadapt.api.strategy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.pinnadapt.api.nn.Network;
import org.pinnadapt.api.nn.NetworkSpec;

/**
 * The engine as a strategy uses it: the run's memory scope and precision, the configured network and the
 * executor of any network specification. One of the services of a {@link StrategyContext}.
 */
public interface Compute {

  /**
   * The experiment's long-lived manager (on the configured device).
   *
   * @return the manager
   */
  NDManager manager();

  /**
   * The floating-point type of the experiment (float32 by default, float64 for high accuracy).
   *
   * @return the data type
   */
  DataType dataType();

  /**
   * The configured architecture for this PDE (the base network's layout).
   *
   * @return the layout
   */
  NetworkSpec networkSpec();

  /**
   * A network executor for any layout.
   *
   * @param spec the layout
   * @return the executor
   */
  Network network(NetworkSpec spec);
}
