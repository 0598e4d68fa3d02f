package org.pinnadapt.strategy.lrnr;

import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.Options;
import org.pinnadapt.api.StrategyProvider;

/** Provides {@code lrnr}. */
public final class LrnrProvider implements StrategyProvider {

  /** Creates the provider (service loader). */
  public LrnrProvider() {}

  @Override
  public String id() {
    return "lrnr";
  }

  @Override
  public String description() {
    return "low-rank neural representations with hypernetwork coefficients (LR-PINN) and the FastLRNR fast phase. (implementation pending)";
  }

  @Override
  public AdaptationStrategy create(Options options) {
    throw new UnsupportedOperationException("strategy 'lrnr' is not implemented yet");
  }
}
