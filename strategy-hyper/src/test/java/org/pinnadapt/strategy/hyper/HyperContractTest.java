package org.pinnadapt.strategy.hyper;

import java.util.Map;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.tck.HypernetworkContract;

/** HyperLoRA (physics loss) against the hypernetwork contract. */
class HyperContractTest extends HypernetworkContract {

  @Override
  protected StrategyProvider provider() {
    return new HyperProvider();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("hidden", "8,8", "rank", 2);
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    // predicted LoRA factors, rank 2, on the layers 2-8, 8-8, 8-1: 2 (2 + 8) + 2 (8 + 8) + 2 (8 + 1)
    return 2 * (2 + 8) + 2 * (8 + 8) + 2 * (8 + 1);
  }
}
