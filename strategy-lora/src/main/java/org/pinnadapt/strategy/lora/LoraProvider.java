package org.pinnadapt.strategy.lora;

import java.util.List;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;

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
    return "L-PINN: low-rank adaptation W = W0 + B A of the base PINN, W0 frozen (Majumdar et al. 2023)";
  }

  @Override
  public List<OptionSpec> options() {
    return LoraConfig.OPTIONS;
  }

  @Override
  public AdaptationStrategy create(Options options) {
    return new LoraStrategy(LoraConfig.of(options));
  }
}
