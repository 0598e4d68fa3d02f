package org.pinnadapt.core;

import java.util.List;
import org.pinnadapt.api.PluginProvider;

/**
 * The providers that ship inside the core module (architecture {@code mlp}, trainers, strategies
 * {@code pinn} and {@code finetune}). They are registered directly, not through the service loader,
 * so that programmatic use with discovery turned off still has them.
 */
final class BuiltIns {

  static final PluginSource SOURCE = new PluginSource("boot", "org.pinnadapt.core", null);

  private BuiltIns() {}

  static List<PluginProvider<?>> providers() {
    return List.of();
  }
}
