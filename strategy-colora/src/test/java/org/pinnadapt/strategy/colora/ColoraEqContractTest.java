package org.pinnadapt.strategy.colora;

import java.util.Map;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.tck.StrategyContract;

class ColoraEqContractTest extends StrategyContract {

  @Override
  protected StrategyProvider provider() {
    return new ColoraProvider();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("width", 6, "layers", 3, "rank", 2, "alpha", "rank", "offline-epochs", 40, "snapshot-times", 3,
        "space-points", 7, "method", "eq", "eq-steps", 60, "eq-fit-iterations", 3);
  }

  @Override
  protected boolean startsFromBaseNetwork() {
    return false;
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    return 3 * 2; // one alpha per rank and layer
  }
}
