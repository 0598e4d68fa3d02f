package org.pinnadapt.strategy.lora;

import java.util.Map;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.tck.StrategyContract;

class LoraContractTest extends StrategyContract {

  @Override
  protected StrategyProvider provider() {
    return new LoraProvider();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("rank", 2);
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    // r (in + out) per layer for 2-8-8-1
    return 2 * (2 + 8) + 2 * (8 + 8) + 2 * (8 + 1);
  }
}
