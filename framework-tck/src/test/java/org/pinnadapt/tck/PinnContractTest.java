package org.pinnadapt.tck;

import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.core.strategy.PinnStrategy;

class PinnContractTest extends StrategyContract {

  @Override
  protected StrategyProvider provider() {
    return new PinnStrategy.Provider();
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    return spec.parameterCount();
  }

  @Override
  protected boolean startsFromBaseNetwork() {
    return false; // trains from scratch
  }
}
