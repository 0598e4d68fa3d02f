package org.pinnadapt.strategy.hyper;

import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.Options;
import org.pinnadapt.api.StrategyProvider;

/** Provides {@code hyper}. */
public final class HyperProvider implements StrategyProvider {

  /** Creates the provider (service loader). */
  public HyperProvider() {}

  @Override
  public String id() {
    return "hyper";
  }

  @Override
  public String description() {
    return "hypernetworks that predict LoRA factors or full weights from the task embedding (HyperPINN, B1-B3). (implementation pending)";
  }

  @Override
  public AdaptationStrategy create(Options options) {
    throw new UnsupportedOperationException("strategy 'hyper' is not implemented yet");
  }
}
