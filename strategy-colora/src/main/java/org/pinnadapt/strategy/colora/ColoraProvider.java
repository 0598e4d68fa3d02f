package org.pinnadapt.strategy.colora;

import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.Options;
import org.pinnadapt.api.StrategyProvider;

/** Provides {@code colora}. */
public final class ColoraProvider implements StrategyProvider {

  /** Creates the provider (service loader). */
  public ColoraProvider() {}

  @Override
  public String id() {
    return "colora";
  }

  @Override
  public String description() {
    return "continuous low-rank adaptation in time (CoLoRA-D, CoLoRA-EQ). (implementation pending)";
  }

  @Override
  public AdaptationStrategy create(Options options) {
    throw new UnsupportedOperationException("strategy 'colora' is not implemented yet");
  }
}
