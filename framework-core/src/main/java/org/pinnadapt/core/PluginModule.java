package org.pinnadapt.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import org.pinnadapt.api.ArchitectureProvider;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.TrainerProvider;
import org.pinnadapt.core.plugin.PluginCatalog;
import org.pinnadapt.core.plugin.PluginKind;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

/**
 * Binds every usable catalog entry into a {@link MapBinder} keyed by id. Plug-ins never see Guice:
 * they expose plain providers. The map binders permit duplicates and the last binding of an id wins,
 * so an override module installed after this one replaces an entry.
 */
final class PluginModule extends AbstractModule {

  private final PluginCatalog catalog;

  PluginModule(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected void configure() {
    MapBinder<String, PdeProvider> pdes = MapBinder.newMapBinder(binder(), String.class, PdeProvider.class);
    MapBinder<String, StrategyProvider> strategies =
        MapBinder.newMapBinder(binder(), String.class, StrategyProvider.class);
    MapBinder<String, ArchitectureProvider> architectures =
        MapBinder.newMapBinder(binder(), String.class, ArchitectureProvider.class);
    MapBinder<String, TrainerProvider> trainers =
        MapBinder.newMapBinder(binder(), String.class, TrainerProvider.class);
    pdes.permitDuplicates();
    strategies.permitDuplicates();
    architectures.permitDuplicates();
    trainers.permitDuplicates();
    catalog.entries(PluginKind.PDE).forEach((id, e) -> pdes.addBinding(id).toInstance((PdeProvider) e.provider()));
    catalog.entries(PluginKind.STRATEGY)
        .forEach((id, e) -> strategies.addBinding(id).toInstance((StrategyProvider) e.provider()));
    catalog.entries(PluginKind.ARCHITECTURE)
        .forEach((id, e) -> architectures.addBinding(id).toInstance((ArchitectureProvider) e.provider()));
    catalog.entries(PluginKind.TRAINER)
        .forEach((id, e) -> trainers.addBinding(id).toInstance((TrainerProvider) e.provider()));
  }
}

/** The framework's plain bindings: catalog, runtime settings and the lazily started runtime. */
final class CoreModule extends AbstractModule {

  private final PluginCatalog catalog;
  private final RuntimeSettings settings;

  CoreModule(PluginCatalog catalog, RuntimeSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  @Override
  protected void configure() {
    bind(PluginCatalog.class).toInstance(catalog);
    bind(RuntimeSettings.class).toInstance(settings);
  }

  @Provides
  @Singleton
  DjlRuntime runtime(RuntimeSettings s) {
    return new DjlRuntime(s);
  }
}
