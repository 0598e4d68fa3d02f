package org.pinnadapt.core;

import java.util.ArrayList;
import java.util.List;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.core.nn.MlpArchitecture;
import org.pinnadapt.core.plugin.PluginSource;
import org.pinnadapt.core.strategy.FinetuneStrategy;
import org.pinnadapt.core.strategy.PinnStrategy;
import org.pinnadapt.core.train.TrainerProviders;

/**
 * The providers that ship inside the core module (architecture {@code mlp}, trainers, strategies
 * {@code pinn} and {@code finetune}). They are registered directly, not through the service loader,
 * so that programmatic use with discovery turned off still has them.
 */
final class BuiltIns {

  static final PluginSource SOURCE = new PluginSource("boot", "org.pinnadapt.core", null);

  private BuiltIns() {}

  static List<PluginProvider<?>> providers() {
    List<PluginProvider<?>> all = new ArrayList<>();
    all.add(new MlpArchitecture.Provider());
    all.addAll(TrainerProviders.all());
    all.add(new PinnStrategy.Provider());
    all.add(new FinetuneStrategy.Provider());
    return all;
  }
}
