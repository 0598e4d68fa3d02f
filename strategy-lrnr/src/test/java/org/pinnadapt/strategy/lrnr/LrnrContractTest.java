package org.pinnadapt.strategy.lrnr;

import java.util.Map;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.tck.StrategyContract;

class LrnrContractTest extends StrategyContract {

  @Override
  protected StrategyProvider provider() {
    return new LrnrProvider();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("width", 6, "rank", 4, "layers", 2, "hyper-width", 8, "meta-epochs", 5, "truncate", false);
  }

  @Override
  protected boolean startsFromBaseNetwork() {
    return false; // its own architecture, no base network
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    // coefficients 2 x 4, plus the dense layers 2->6 (12 + 6) and 6->1 (6 + 1)
    return 2 * 4 + 18 + 7;
  }
}
