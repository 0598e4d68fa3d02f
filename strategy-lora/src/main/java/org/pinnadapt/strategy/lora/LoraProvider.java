package org.pinnadapt.strategy.lora;

import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.Options;
import org.pinnadapt.api.StrategyProvider;

/** Provides {@code lora}. */
public final class LoraProvider implements StrategyProvider {

  /** Creates the provider (service loader). */
  public LoraProvider() {}

  @Override
  public String id() {
    return "lora";
  }

  @Override
  public String description() {
    return "low-rank adaptation of a pretrained PINN, W = W0 + B A (L-PINN). (implementation pending)";
  }

  @Override
  public AdaptationStrategy create(Options options) {
    throw new UnsupportedOperationException("strategy 'lora' is not implemented yet");
  }
}
