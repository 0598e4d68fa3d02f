package org.pinnadapt.strategy.colora;

import java.util.Map;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.tck.HypernetworkContract;

class ColoraContractTest extends HypernetworkContract {

  @Override
  protected StrategyProvider provider() {
    return new ColoraProvider();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("width", 6, "layers", 3, "rank", 2, "offline-epochs", 5, "snapshot-times", 3, "space-points", 5);
  }

  @Override
  protected boolean startsFromBaseNetwork() {
    return false; // its own network over the spatial inputs
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    return 3; // one alpha per layer
  }
}
