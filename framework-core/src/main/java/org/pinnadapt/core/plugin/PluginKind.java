package org.pinnadapt.core.plugin;

import java.util.Locale;
import org.pinnadapt.api.ArchitectureProvider;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.TrainerProvider;

/** The kinds of plug-ins, each with its provider interface. */
public enum PluginKind {
  /** PDEs. */
  PDE(PdeProvider.class),
  /** Adaptation strategies. */
  STRATEGY(StrategyProvider.class),
  /** Network architectures. */
  ARCHITECTURE(ArchitectureProvider.class),
  /** Trainers. */
  TRAINER(TrainerProvider.class);

  private final Class<? extends PluginProvider<?>> providerType;

  PluginKind(Class<? extends PluginProvider<?>> providerType) {
    this.providerType = providerType;
  }

  /**
   * The provider interface.
   *
   * @return the service type
   */
  public Class<? extends PluginProvider<?>> providerType() {
    return providerType;
  }

  /**
   * The lower-case name used in messages, e.g. {@code pde}.
   *
   * @return the label
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind of a provider instance.
   *
   * @param provider a provider
   * @return its kind
   */
  public static PluginKind of(PluginProvider<?> provider) {
    for (PluginKind k : values()) {
      if (k.providerType.isInstance(provider)) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a known provider type: " + provider.getClass());
  }
}
