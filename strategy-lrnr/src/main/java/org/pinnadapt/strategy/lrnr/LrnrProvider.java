package org.pinnadapt.strategy.lrnr;

import java.util.List;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;

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
    return "LR-PINN / FastLRNR: low-rank layers V diag(s) U^T with coefficients s from a meta-learned "
        + "hypernetwork, rank truncation, fine-tuning or the EIM-reduced fast phase (Cho et al. 2023)";
  }

  @Override
  public List<OptionSpec> options() {
    return LrnrConfig.OPTIONS;
  }

  @Override
  public AdaptationStrategy create(Options options) {
    return new LrnrStrategy(LrnrConfig.of(options));
  }
}
