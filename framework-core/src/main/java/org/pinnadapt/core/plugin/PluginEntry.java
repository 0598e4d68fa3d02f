package org.pinnadapt.core.plugin;

import org.pinnadapt.api.PluginProvider;

/**
 * A discovered (or registered) provider and its source.
 *
 * @param kind the plug-in kind
 * @param provider the provider
 * @param source where it came from
 */
public record PluginEntry(PluginKind kind, PluginProvider<?> provider, PluginSource source) {

  /**
   * The provider id.
   *
   * @return the id
   */
  public String id() {
    return provider.id();
  }
}
