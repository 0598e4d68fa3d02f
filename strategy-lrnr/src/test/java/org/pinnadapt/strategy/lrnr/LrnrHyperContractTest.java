package org.pinnadapt.strategy.lrnr;

import java.util.Map;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.tck.HypernetworkContract;

/** LR-PINN's hypernetwork phase (a new task gets the meta-learned coefficients) against the hypernetwork contract. */
class LrnrHyperContractTest extends HypernetworkContract {

  @Override
  protected StrategyProvider provider() {
    return new LrnrProvider();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("width", 6, "rank", 4, "layers", 2, "hyper-width", 8, "meta-epochs", 5, "truncate", false,
        "phase", "hyper");
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    return 2 * 4; // the predicted coefficients of the two low-rank layers
  }
}
