package org.pinnadapt.tck;

import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.nn.NetworkSpec;
import org.pinnadapt.core.strategy.FinetuneStrategy;

class FinetuneContractTest extends StrategyContract {

  @Override
  protected StrategyProvider provider() {
    return new FinetuneStrategy.Provider();
  }

  @Override
  protected long expectedTrainableParameters(NetworkSpec spec) {
    return (2 * 8 + 8) + (8 * 8 + 8) + (8 + 1);
  }
}
