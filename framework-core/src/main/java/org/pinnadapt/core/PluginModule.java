package org.pinnadapt.core;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.pinnadapt.api.ArchitectureProvider;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.TrainerProvider;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

/**
 * Binds every usable catalog entry into a {@link MapBinder} keyed by id, and the runtime. Plug-ins
 * never see Guice: they expose plain providers.
 */
final class PluginModule extends AbstractModule {

  private final PluginCatalog catalog;
  private final RuntimeSettings settings;

  PluginModule(PluginCatalog catalog, RuntimeSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  @Override
  protected void configure() {
    bind(PluginCatalog.class).toInstance(catalog);
    bind(RuntimeSettings.class).toInstance(settings);
    bind(DjlRuntime.class).toProvider(() -> new DjlRuntime(settings)).in(com.google.inject.Singleton.class);

    MapBinder<String, PdeProvider> pdes = MapBinder.newMapBinder(binder(), String.class, PdeProvider.class);
    MapBinder<String, StrategyProvider> strategies =
        MapBinder.newMapBinder(binder(), String.class, StrategyProvider.class);
    MapBinder<String, ArchitectureProvider> architectures =
        MapBinder.newMapBinder(binder(), String.class, ArchitectureProvider.class);
    MapBinder<String, TrainerProvider> trainers =
        MapBinder.newMapBinder(binder(), String.class, TrainerProvider.class);
    catalog.entries(PluginKind.PDE).forEach((id, e) -> pdes.addBinding(id).toInstance((PdeProvider) e.provider()));
    catalog.entries(PluginKind.STRATEGY)
        .forEach((id, e) -> strategies.addBinding(id).toInstance((StrategyProvider) e.provider()));
    catalog.entries(PluginKind.ARCHITECTURE)
        .forEach((id, e) -> architectures.addBinding(id).toInstance((ArchitectureProvider) e.provider()));
    catalog.entries(PluginKind.TRAINER)
        .forEach((id, e) -> trainers.addBinding(id).toInstance((TrainerProvider) e.provider()));
  }
}
