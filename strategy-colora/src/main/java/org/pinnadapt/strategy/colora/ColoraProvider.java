package org.pinnadapt.strategy.colora;

import java.util.List;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;

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
    return "CoLoRA: continuous low-rank adaptation W + P diag(alpha(t, mu)) Q; alpha from a hypernetwork (CoLoRA-D) "
        + "or integrated in time by Neural Galerkin (CoLoRA-EQ) (Berman and Peherstorfer 2024)";
  }

  @Override
  public List<OptionSpec> options() {
    return ColoraConfig.OPTIONS;
  }

  @Override
  public AdaptationStrategy create(Options options) {
    return new ColoraStrategy(ColoraConfig.of(options));
  }
}
