package org.pinnadapt.strategy.lrnr;

import java.util.Map;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.tck.StrategyContract;

/** The FastLRNR contract with Fourier features of time: the EIM applies them on the host too. */
class FeaturedFastLrnrContractTest extends StrategyContract {

  @Override
  protected StrategyProvider provider() {
    return new LrnrProvider();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("width", 8, "rank", 3, "layers", 2, "hyper-width", 8, "meta-epochs", 5, "truncate", false,
        "phase", "fast", "fast-epochs", 5, "eim-samples", 6, "time-harmonics", 3);
  }

  @Override
  protected boolean startsFromBaseNetwork() {
    return false;
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    return 2 * 3; // only the coefficients
  }
}
