package org.pinnadapt.strategy.hyper;

import java.util.List;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;

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
    return "hypernetwork from the task embedding to LoRA factors or all weights (HyperPINN, B1-B3); "
        + "a new task costs one forward pass";
  }

  @Override
  public List<OptionSpec> options() {
    return HyperConfig.OPTIONS;
  }

  @Override
  public AdaptationStrategy create(Options options) {
    return new HyperStrategy(HyperConfig.of(options));
  }
}
